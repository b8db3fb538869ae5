import type { StridedView } from '../../backend/interface.js';

/**
 * Storage offsets of every element of `v` in the order torch's TensorIterator visits an output
 * alone: dims sorted by decreasing stride (memory order), so a transposed tensor is filled in
 * storage order, as torch fills it. Size-1 dims are dropped.
 */
export function memoryOrderOffsets(v: StridedView): Float64Array {
  const dims: number[] = [];
  for (let d = 0; d < v.shape.length; d++) if (v.shape[d] !== 1) dims.push(d);
  // stable insertion sort: larger |stride| first; equal strides keep their order
  for (let i = 1; i < dims.length; i++) {
    for (let j = i; j > 0 && Math.abs(v.strides[dims[j - 1]]) < Math.abs(v.strides[dims[j]]); j--) {
      const t = dims[j];
      dims[j] = dims[j - 1];
      dims[j - 1] = t;
    }
  }
  const shape = dims.map((d) => v.shape[d]);
  const strides = dims.map((d) => v.strides[d]);
  let n = 1;
  for (const s of v.shape) n *= s;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const ndim = shape.length;
  if (ndim === 0) {
    out[0] = v.offset;
    return out;
  }
  const counter = new Array<number>(ndim).fill(0);
  const inner = shape[ndim - 1];
  const innerStride = strides[ndim - 1];
  let base = v.offset;
  let k = 0;
  for (;;) {
    for (let j = 0, p = base; j < inner; j++, p += innerStride) out[k++] = p;
    let d = ndim - 2;
    for (; d >= 0; d--) {
      base += strides[d];
      if (++counter[d] < shape[d]) break;
      base -= strides[d] * shape[d];
      counter[d] = 0;
    }
    if (d < 0) return out;
  }
}

