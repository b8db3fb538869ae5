// The stable log-softmax of one position's classes, shared by the cross-entropy kernels.
import type { DataArray } from '../../../dtype.js';
import type { StridedView } from '../../interface.js';

/**
 * out[k] = log p_k = (x_k - m) - log(sum_j exp(x_j - m)), m = max_k x_k (no overflow: every exponent
 * is <= 0; a NaN logit becomes m, so the row is NaN), for the `c` values of `data` at
 * offset + k * stride; in doubles.
 */
export function logSoftmaxAt(data: DataArray, offset: number, stride: number, c: number, out: Float64Array): void {
  let m = -Infinity;
  for (let k = 0, p = offset; k < c; k++, p += stride) {
    const v = data[p];
    if (v > m || Number.isNaN(v)) m = v;
  }
  let sumExp = 0;
  for (let k = 0, p = offset; k < c; k++, p += stride) sumExp += Math.exp(data[p] - m);
  const logSum = Math.log(sumExp);
  for (let k = 0, p = offset; k < c; k++, p += stride) out[k] = data[p] - m - logSum;
}

/** A per-class weight view's C values as doubles, or null for all ones. */
export function weightValues(weight: StridedView | null, c: number): Float64Array | null {
  if (weight === null) return null;
  const w = new Float64Array(c);
  const stride = weight.strides[0] ?? 0;
  for (let k = 0, p = weight.offset; k < c; k++, p += stride) w[k] = weight.data[p];
  return w;
}
