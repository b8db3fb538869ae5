import type { StridedView } from '../backend.js';

/** True when the view walks its array in row-major order with no gaps (broadcast dims excluded). */
export function isRowMajor(v: StridedView): boolean {
  let expected = 1;
  for (let i = v.shape.length - 1; i >= 0; i--) {
    if (v.shape[i] === 1) continue;
    if (v.strides[i] !== expected) return false;
    expected *= v.shape[i];
  }
  return true;
}

/**
 * Fill `offsets` with the storage offset of every element of `shape`, in row-major order, for a
 * view with `strides` starting at `offset`. Odometer walk: one add per element, no allocation.
 */
export function stridedOffsets(
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
  offsets: Int32Array | Float64Array,
): void {
  const ndim = shape.length;
  const total = offsets.length;
  if (total === 0) return;
  if (ndim === 0) {
    offsets[0] = offset;
    return;
  }
  const counter = new Array<number>(ndim).fill(0);
  const last = ndim - 1;
  const innerSize = shape[last];
  const innerStride = strides[last];
  let base = offset;
  let k = 0;
  while (k < total) {
    let p = base;
    for (let j = 0; j < innerSize; j++, p += innerStride) offsets[k++] = p;
    // carry into the outer dims
    let d = last - 1;
    while (d >= 0) {
      counter[d]++;
      base += strides[d];
      if (counter[d] < shape[d]) break;
      base -= strides[d] * shape[d];
      counter[d] = 0;
      d--;
    }
    if (d < 0) break;
  }
}

/**
 * Call `fn(outIndex, storageOffset)` for every element of the view in row-major order.
 * Prefer the contiguous fast path where a kernel can; this is the general fallback.
 */
export function forEachOffset(v: StridedView, fn: (i: number, offset: number) => void): void {
  const ndim = v.shape.length;
  let total = 1;
  for (const s of v.shape) total *= s;
  if (total === 0) return;
  if (ndim === 0) {
    fn(0, v.offset);
    return;
  }
  const counter = new Array<number>(ndim).fill(0);
  const last = ndim - 1;
  const innerSize = v.shape[last];
  const innerStride = v.strides[last];
  let base = v.offset;
  let k = 0;
  for (;;) {
    let p = base;
    for (let j = 0; j < innerSize; j++, p += innerStride) fn(k++, p);
    let d = last - 1;
    while (d >= 0) {
      counter[d]++;
      base += v.strides[d];
      if (counter[d] < v.shape[d]) break;
      base -= v.strides[d] * v.shape[d];
      counter[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}

/** Copy `src` (any strides, same shape) into `out` (any strides), converting to out's dtype. */
export function copyInto(src: StridedView, out: StridedView): void {
  const s = src.data;
  const o = out.data;
  const toBool = out.dtype === 'bool';
  const toInt = out.dtype === 'int32' || out.dtype === 'int64';
  const convert = toBool || (toInt && (src.dtype === 'float32' || src.dtype === 'float64'));
  if (!convert && isRowMajor(src) && isRowMajor(out)) {
    const n = o.length === 0 ? 0 : countOf(out.shape);
    if (s.constructor === o.constructor && src.offset === 0 && out.offset === 0 && n === s.length && n === o.length) {
      (o as Float64Array).set(s as Float64Array);
      return;
    }
    for (let i = 0; i < n; i++) o[out.offset + i] = s[src.offset + i];
    return;
  }
  const offsets = new Float64Array(countOf(out.shape));
  stridedOffsets(out.shape, out.strides, out.offset, offsets);
  forEachOffset(src, (i, p) => {
    const v = s[p];
    o[offsets[i]] = toBool ? (v !== 0 ? 1 : 0) : toInt ? Math.trunc(v) : v;
  });
}

function countOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
