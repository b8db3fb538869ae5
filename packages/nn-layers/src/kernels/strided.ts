// Typed-array helpers the kernels share: read any strided view as a contiguous array.
import type { DType, StridedView } from '@torchlet/tensor-core';

export type FloatArray = Float32Array | Float64Array;

/** A fresh contiguous Float32Array (float32) or Float64Array (everything else) with `view`'s elements in row-major order. */
export function readContiguous(view: StridedView): FloatArray {
  const { shape, strides, offset, data } = view;
  let n = 1;
  for (const s of shape) n *= s;
  const out = view.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  if (n === 0) return out;
  const ndim = shape.length;
  let contiguous = true;
  let expected = 1;
  for (let d = ndim - 1; d >= 0; d--) {
    if (shape[d] !== 1 && strides[d] !== expected) contiguous = false;
    expected *= shape[d];
  }
  if (contiguous) {
    out.set(data.subarray(offset, offset + n));
    return out;
  }
  const index = new Array<number>(ndim).fill(0);
  let pos = offset;
  for (let i = 0; i < n; i++) {
    out[i] = data[pos];
    for (let d = ndim - 1; d >= 0; d--) {
      index[d]++;
      pos += strides[d];
      if (index[d] < shape[d]) break;
      pos -= strides[d] * shape[d];
      index[d] = 0;
    }
  }
  return out;
}

/** A zeroed output array of the storage type of a float dtype. */
export function allocFloat(dtype: DType, n: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}
