import type { DataArray } from '../../dtype.js';
import type { StridedView } from '../interface.js';

export { isRowMajor } from '../../shape.js';

/** The part of a view a loop nest needs: where it starts and how it steps. */
export interface StridedLayout {
  readonly strides: readonly number[];
  readonly offset: number;
}

/**
 * Walks the rows of a loop nest shared by several same-shape views (broadcast operands carry
 * stride 0). Size-1 dims are dropped and adjacent dims merged whenever every operand allows it,
 * so contiguous operands become one long row. Kernels run a tight typed-array loop per row:
 *
 *   const c = new RowCursor(shape, [x, out]);
 *   for (let r = 0; r < c.rows; r++, c.next()) loop(x.data, c.offsets[0], c.inner[0], ..., c.n);
 *
 * No closures, no per-element allocation.
 */
export class RowCursor {
  /** Number of rows (0 when the shape has no elements). */
  readonly rows: number;
  /** Elements per row. */
  readonly n: number;
  /** Per-operand stride along the row. */
  readonly inner: number[];
  /** Per-operand storage offset of the current row's first element. */
  readonly offsets: number[];
  private readonly outerShape: number[];
  /** outerStrides[d * k + op] */
  private readonly outerStrides: number[];
  private readonly counter: number[];
  private readonly k: number;

  constructor(shape: readonly number[], operands: readonly StridedLayout[]) {
    const k = operands.length;
    this.k = k;
    this.offsets = operands.map((o) => o.offset);
    const dims: number[] = [];
    const strides: number[][] = [];
    let total = 1;
    for (let d = 0; d < shape.length; d++) {
      total *= shape[d];
      if (shape[d] === 1) continue;
      const last = dims.length - 1;
      let merge = last >= 0;
      for (let op = 0; merge && op < k; op++) {
        if (strides[last][op] !== operands[op].strides[d] * shape[d]) merge = false;
      }
      if (merge) {
        dims[last] *= shape[d];
        for (let op = 0; op < k; op++) strides[last][op] = operands[op].strides[d];
      } else {
        dims.push(shape[d]);
        strides.push(operands.map((o) => o.strides[d]));
      }
    }
    if (dims.length === 0) {
      dims.push(1);
      strides.push(new Array<number>(k).fill(0));
    }
    const last = dims.length - 1;
    this.n = total === 0 ? 0 : dims[last];
    this.inner = strides[last];
    this.outerShape = dims.slice(0, last);
    this.outerStrides = strides.slice(0, last).flat();
    this.counter = new Array<number>(last).fill(0);
    let rows = total === 0 ? 0 : 1;
    for (const s of this.outerShape) rows *= s;
    this.rows = rows;
  }

  /** Advance `offsets` to the next row (odometer over the outer dims). */
  next(): void {
    const { outerShape, outerStrides, counter, offsets, k } = this;
    for (let d = outerShape.length - 1; d >= 0; d--) {
      const base = d * k;
      if (++counter[d] < outerShape[d]) {
        for (let op = 0; op < k; op++) offsets[op] += outerStrides[base + op];
        return;
      }
      counter[d] = 0;
      const back = outerShape[d] - 1;
      for (let op = 0; op < k; op++) offsets[op] -= outerStrides[base + op] * back;
    }
  }
}

const TILE = 32;

/**
 * True when some operand steps through memory along the row (|inner stride| > 1, e.g. a transposed
 * input) and the nest is big enough for tiling to pay off.
 */
export function wantsTiles(c: RowCursor): boolean {
  if (c.n < 2 * TILE || c.rows < 2 * TILE) return false;
  for (const s of c.inner) if (s > 1 || s < -1) return true;
  return false;
}

/**
 * Visit the cursor's rows in tiles of 32 rows x 32 elements, calling `row(offsets, length)` per
 * tile row. Operands that walk memory in different orders (a transposed input into a contiguous
 * output) then reuse each cache line 32 times instead of once. One call per 32 elements.
 */
export function forEachTileRow(c: RowCursor, row: (offsets: readonly number[], length: number) => void): void {
  const k = c.offsets.length;
  const base = new Float64Array(TILE * k);
  const offs = new Array<number>(k).fill(0);
  for (let r = 0; r < c.rows; r += TILE) {
    const h = Math.min(TILE, c.rows - r);
    for (let t = 0; t < h; t++, c.next()) for (let op = 0; op < k; op++) base[t * k + op] = c.offsets[op];
    for (let j = 0; j < c.n; j += TILE) {
      const w = Math.min(TILE, c.n - j);
      for (let t = 0; t < h; t++) {
        for (let op = 0; op < k; op++) offs[op] = base[t * k + op] + j * c.inner[op];
        row(offs, w);
      }
    }
  }
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A stride-0 view of one value, readable at every index of `shape`. */
export function constantView(value: number, shape: readonly number[]): StridedView {
  return { dtype: 'float64', data: Float64Array.of(value), shape, strides: shape.map(() => 0), offset: 0 };
}

const INT64_MIN = -9223372036854775808;
const INT32_MIN = -2147483648;

/**
 * Copy `src` (any strides, same shape) into `out` (any strides), converting to out's dtype: truncation
 * toward zero for float -> integer, with x86's result (the most negative integer) for NaN, inf and
 * out-of-range values; nonzero -> true for bool. Row loops, no per-element closure.
 */
export function copyInto(src: StridedView, out: StridedView): void {
  const c = new RowCursor(out.shape, [src, out]);
  const s = src.data;
  const o = out.data;
  const fromFloat = src.dtype === 'float32' || src.dtype === 'float64';
  const mode = out.dtype === 'bool' ? 1 : fromFloat && out.dtype === 'int64' ? 2 : fromFloat && out.dtype === 'int32' ? 3 : 0;
  const sameKind = s.constructor === o.constructor;
  if (wantsTiles(c)) {
    forEachTileRow(c, (offs, n) => copyRow(mode, sameKind, s, offs[0], c.inner[0], o, offs[1], c.inner[1], n));
    return;
  }
  for (let r = 0; r < c.rows; r++, c.next()) copyRow(mode, sameKind, s, c.offsets[0], c.inner[0], o, c.offsets[1], c.inner[1], c.n);
}

function copyRow(mode: number, sameKind: boolean, s: DataArray, si: number, ss: number, o: DataArray, oi: number, os: number, n: number): void {
  if (mode === 0 && ss === 1 && os === 1 && sameKind && n > 16) {
    (o as Float64Array).set((s as Float64Array).subarray(si, si + n), oi);
  } else if (mode === 0) {
    for (let i = 0; i < n; i++, si += ss, oi += os) o[oi] = s[si];
  } else if (mode === 1) {
    for (let i = 0; i < n; i++, si += ss, oi += os) o[oi] = s[si] !== 0 ? 1 : 0;
  } else if (mode === 2) {
    // a C cast of NaN, inf or |v| >= 2^63 gives INT64_MIN on x86 (what PyTorch returns there)
    for (let i = 0; i < n; i++, si += ss, oi += os) {
      const v = s[si];
      o[oi] = v > -9223372036854775808 && v < 9223372036854775808 ? Math.trunc(v) : INT64_MIN;
    }
  } else {
    for (let i = 0; i < n; i++, si += ss, oi += os) {
      const v = s[si];
      o[oi] = v > -2147483649 && v < 2147483648 ? v : INT32_MIN;
    }
  }
}
