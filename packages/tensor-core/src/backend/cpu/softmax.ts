// softmax / log-softmax along one dim: per row, pass 1 finds the max m, pass 2 sums exp(x - m)
// (softmax keeps the exps in a double row), pass 3 writes. Doubles throughout, one rounding on store.
import type { DataArray } from '../../dtype.js';
import type { StridedView } from '../interface.js';
import { RowCursor } from './strided.js';

const BLOCK = 64;

export function softmax(x: StridedView, dim: number, log: boolean, out: StridedView): void {
  const keptShape = x.shape.map((s, d) => (d === dim ? 1 : s));
  const c = new RowCursor(keptShape, [x, out]);
  const R = x.shape[dim];
  const xs = x.strides[dim];
  const os = out.strides[dim];
  const xd = x.data;
  const od = out.data;
  const row = new Float64Array(log ? 0 : R);
  if (c.n >= 8 && xs !== 1 && R > 0) {
    // dim is not the innermost: run the passes over whole rows of the other dims at once, so memory
    // is read in order (a softmax over dim 1 of [N, C, L] reads rows of L, not strided columns)
    // lines go in chunks of BLOCK so the double scratch of exps (R x BLOCK) stays in cache
    const n = c.n;
    const w = Math.min(n, BLOCK);
    const m = new Float64Array(w);
    const sums = new Float64Array(w);
    const exps = new Float64Array(log ? 0 : R * w);
    for (let r = 0; r < c.rows; r++, c.next()) {
      for (let j = 0; j < n; j += BLOCK) {
        const xo = c.offsets[0] + j * c.inner[0];
        const oo = c.offsets[1] + j * c.inner[1];
        blockSoftmax(xd, xo, c.inner[0], xs, od, oo, c.inner[1], os, R, Math.min(BLOCK, n - j), log, m, sums, exps);
      }
    }
    return;
  }
  for (let r = 0; r < c.rows; r++, c.next()) {
    let xo = c.offsets[0];
    let oo = c.offsets[1];
    for (let j = 0; j < c.n; j++, xo += c.inner[0], oo += c.inner[1]) {
      // a row of all -inf gives m = -inf and x - m = NaN everywhere: NaN, as PyTorch
      const m = lineMax(xd, xo, xs, R);
      if (log) {
        // log_softmax: (x - m) - log(sum(exp(x - m)))
        const ls = Math.log(lineSumExp(xd, xo, xs, R, m));
        lineShift(xd, xo, xs, od, oo, os, R, m, ls);
      } else {
        // softmax: exp(x - m) / sum(exp(x - m))
        const s = lineExp(xd, xo, xs, R, m, row);
        lineScale(row, od, oo, os, R, 1 / s);
      }
    }
  }
}

/** max along the line, NaN propagating. */
function lineMax(x: DataArray, p: number, s: number, n: number): number {
  let m = -Infinity;
  for (let k = 0; k < n; k++, p += s) {
    const v = x[p];
    if (v > m || v !== v) m = v;
  }
  return m;
}

function lineSumExp(x: DataArray, p: number, s: number, n: number, m: number): number {
  let sum = 0;
  for (let k = 0; k < n; k++, p += s) sum += Math.exp(x[p] - m);
  return sum;
}

/** row[k] = exp(x[k] - m); returns the sum. */
function lineExp(x: DataArray, p: number, s: number, n: number, m: number, row: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < n; k++, p += s) {
    const e = Math.exp(x[p] - m);
    row[k] = e;
    sum += e;
  }
  return sum;
}

function lineScale(row: Float64Array, o: DataArray, q: number, s: number, n: number, f: number): void {
  for (let k = 0; k < n; k++, q += s) o[q] = row[k] * f;
}

function lineShift(x: DataArray, p: number, xs: number, o: DataArray, q: number, os: number, n: number, m: number, ls: number): void {
  for (let k = 0; k < n; k++, p += xs, q += os) o[q] = x[p] - m - ls;
}

/** softmax along `dim` for n lines side by side (line j starts at xo + j * xj, steps by xs). */
function blockSoftmax(
  x: DataArray, xo: number, xj: number, xs: number,
  o: DataArray, oo: number, oj: number, os: number,
  R: number, n: number, log: boolean,
  m: Float64Array, sums: Float64Array, exps: Float64Array,
): void {
  m.fill(-Infinity, 0, n);
  sums.fill(0, 0, n);
  for (let r = 0; r < R; r++) {
    for (let j = 0, p = xo + r * xs; j < n; j++, p += xj) {
      const v = x[p];
      if (v > m[j] || v !== v) m[j] = v;
    }
  }
  for (let r = 0; r < R; r++) {
    for (let j = 0, p = xo + r * xs; j < n; j++, p += xj) {
      const e = Math.exp(x[p] - m[j]);
      sums[j] += e;
      if (!log) exps[r * n + j] = e;
    }
  }
  if (log) {
    for (let j = 0; j < n; j++) sums[j] = Math.log(sums[j]);
    for (let r = 0; r < R; r++) {
      for (let j = 0, p = xo + r * xs, q = oo + r * os; j < n; j++, p += xj, q += oj) o[q] = x[p] - m[j] - sums[j];
    }
  } else {
    for (let j = 0; j < n; j++) sums[j] = 1 / sums[j];
    for (let r = 0; r < R; r++) {
      for (let j = 0, q = oo + r * os; j < n; j++, q += oj) o[q] = exps[r * n + j] * sums[j];
    }
  }
}
