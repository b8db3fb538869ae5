// Typed-array helpers the kernels share: read any strided view as a contiguous array.
import type { DType, StridedView } from '@torchlet/tensor-core';
import { contiguousStrides, copyInto, numel } from '@torchlet/tensor-core/internal';

export type FloatArray = Float32Array | Float64Array;

/** A fresh contiguous Float32Array (float32) or Float64Array (everything else) with `view`'s elements in row-major order. */
export function readContiguous(view: StridedView): FloatArray {
  const dtype = view.dtype === 'float32' ? 'float32' : 'float64';
  const out = allocFloat(dtype, numel(view.shape));
  if (out.length > 0) copyInto(view, { dtype, data: out, shape: view.shape, strides: contiguousStrides(view.shape), offset: 0 });
  return out;
}

/** A zeroed output array of the storage type of a float dtype. */
export function allocFloat(dtype: DType, n: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}
