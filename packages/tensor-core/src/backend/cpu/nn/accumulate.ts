// Gradient kernels add several contributions into one element: they sum into doubles and round once
// when they store (as the float64 scratch arrays of the original nn-layers kernels did).
import { contiguousStrides, numel } from '../../../shape.js';
import type { StridedView } from '../../interface.js';
import { copyInto, isRowMajor } from '../strided.js';

/**
 * Run `body` on a zeroed double accumulator laid out contiguously over out's shape, starting at
 * `base`, then store it into `out` (any strides), rounding once into out's dtype. A contiguous
 * float64 `out` is accumulated in place.
 */
export function accumulateInto(out: StridedView, body: (acc: Float64Array, base: number) => void): void {
  const n = numel(out.shape);
  if (out.data instanceof Float64Array && out.dtype === 'float64' && isRowMajor(out)) {
    out.data.fill(0, out.offset, out.offset + n);
    body(out.data, out.offset);
    return;
  }
  const acc = new Float64Array(n);
  body(acc, 0);
  copyInto({ dtype: 'float64', data: acc, shape: out.shape, strides: contiguousStrides(out.shape), offset: 0 }, out);
}
