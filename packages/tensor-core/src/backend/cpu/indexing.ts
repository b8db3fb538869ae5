// Index kernels. Each walks the index (or output) shape with a RowCursor; the indexed dim of the
// data view gets stride 0 in the cursor and the index value times its real stride is added per element.
import type { StridedView } from '../interface.js';
import { RowCursor, type StridedLayout } from './strided.js';

/** `v`'s layout with the stride of `dim` zeroed (the index supplies that coordinate). */
function withoutDim(v: StridedLayout, dim: number): StridedLayout {
  return { strides: v.strides.map((s, d) => (d === dim ? 0 : s)), offset: v.offset };
}

export function gather(x: StridedView, dim: number, index: StridedView, out: StridedView): void {
  // out[i][j] = x[index[i][j]][j] (for dim 0)
  const c = new RowCursor(index.shape, [index, out, withoutDim(x, dim)]);
  const ds = x.strides[dim] ?? 0;
  const id = index.data;
  const od = out.data;
  const xd = x.data;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let ii = c.offsets[0];
    let oi = c.offsets[1];
    let xi = c.offsets[2];
    for (let j = 0; j < c.n; j++, ii += c.inner[0], oi += c.inner[1], xi += c.inner[2]) od[oi] = xd[xi + id[ii] * ds];
  }
}

export function scatter(
  out: StridedView,
  dim: number,
  index: StridedView,
  src: StridedView | number,
  accumulate: boolean,
): void {
  // out[index[i][j]][j] = src[i][j] (or +=), for dim 0; later writes win on repeated indices
  const srcLayout: StridedLayout = typeof src === 'number' ? { strides: index.shape.map(() => 0), offset: 0 } : src;
  const sd = typeof src === 'number' ? Float64Array.of(src) : src.data;
  const c = new RowCursor(index.shape, [index, srcLayout, withoutDim(out, dim)]);
  const ds = out.strides[dim] ?? 0;
  const id = index.data;
  const od = out.data;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let ii = c.offsets[0];
    let si = c.offsets[1];
    let oi = c.offsets[2];
    if (accumulate && out.dtype === 'bool') {
      for (let j = 0; j < c.n; j++, ii += c.inner[0], si += c.inner[1], oi += c.inner[2]) {
        const p = oi + id[ii] * ds;
        od[p] = od[p] !== 0 || sd[si] !== 0 ? 1 : 0;
      }
    } else if (accumulate) {
      for (let j = 0; j < c.n; j++, ii += c.inner[0], si += c.inner[1], oi += c.inner[2]) od[oi + id[ii] * ds] += sd[si];
    } else {
      for (let j = 0; j < c.n; j++, ii += c.inner[0], si += c.inner[1], oi += c.inner[2]) od[oi + id[ii] * ds] = sd[si];
    }
  }
}

export function indexSelect(x: StridedView, dim: number, index: StridedView, out: StridedView): void {
  // out[..., i, ...] = x[..., index[i], ...]: the 1-D index is laid along `dim` of out's shape
  const idxLayout: StridedLayout = {
    strides: out.shape.map((_, d) => (d === dim ? (index.strides[0] ?? 0) : 0)),
    offset: index.offset,
  };
  const c = new RowCursor(out.shape, [out, idxLayout, withoutDim(x, dim)]);
  const ds = x.strides[dim] ?? 0;
  const id = index.data;
  const od = out.data;
  const xd = x.data;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let oi = c.offsets[0];
    let ii = c.offsets[1];
    let xi = c.offsets[2];
    for (let j = 0; j < c.n; j++, oi += c.inner[0], ii += c.inner[1], xi += c.inner[2]) od[oi] = xd[xi + id[ii] * ds];
  }
}

export function oneHot(x: StridedView, numClasses: number, out: StridedView): void {
  const od = out.data;
  const n = x.shape.reduce((a, b) => a * b, 1);
  od.fill(0, out.offset, out.offset + n * numClasses);
  const c = new RowCursor(x.shape, [x]);
  const xd = x.data;
  let k = out.offset;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let i = c.offsets[0];
    for (let j = 0; j < c.n; j++, i += c.inner[0], k += numClasses) od[k + xd[i]] = 1;
  }
}
