// Reduction kernels. Accumulation is in a Float64Array (one double per output element), walked in
// x's memory order: the output view gets stride 0 on the reduced dims, so a row either folds into
// one accumulator (reduced inner dim) or adds elementwise into a row of accumulators (kept inner dim).
import type { DataArray } from '../../dtype.js';
import { contiguousStrides } from '../../shape.js';
import type { ReduceKernelOp, StridedView } from '../interface.js';
import { RowCursor, copyInto, sizeOf, type StridedLayout } from './strided.js';

type FoldOp = 'sum' | 'prod' | 'max' | 'min' | 'all' | 'any' | 'sumExpShifted' | 'sumSquaredDev';

const IDENTITY: Record<Exclude<ReduceKernelOp, 'logsumexp'>, number> = {
  sum: 0,
  prod: 1,
  max: -Infinity,
  min: Infinity,
  all: 1,
  any: 0,
};

/** Accumulator layout: contiguous over out's (keepdim) shape, stride 0 on reduced dims. */
function accLayout(shape: readonly number[], dims: readonly number[]): StridedLayout {
  const strides = contiguousStrides(shape.map((s, d) => (dims.includes(d) ? 1 : s)));
  for (const d of dims) strides[d] = 0;
  return { strides, offset: 0 };
}

/**
 * acc[j] = fold over the reduced elements of x for output j. `shift` (for the two-pass ops) is
 * read at the same index: exp(x - shift[j]) or (x - shift[j])^2 is what gets summed.
 */
function fold(op: FoldOp, x: StridedView, dims: readonly number[], acc: Float64Array, shift?: Float64Array): void {
  const c = new RowCursor(x.shape, [x, accLayout(x.shape, dims)]);
  const xd = x.data;
  const sh = shift ?? acc;
  const row = FOLD_ROWS[op];
  for (let r = 0; r < c.rows; r++, c.next()) row(xd, c.offsets[0], c.inner[0], acc, sh, c.offsets[1], c.inner[1], c.n);
}

type FoldRow = (x: DataArray, xi: number, xs: number, acc: Float64Array, sh: Float64Array, ai: number, as: number, n: number) => void;

/**
 * One small function per op (own type feedback, fast to compile). `as === 0` means the whole row
 * folds into acc[ai] (kept in a local); otherwise the row adds elementwise into a row of accumulators.
 * max / min: NaN wins and then stays (NaN > s and s > NaN are both false).
 */
const FOLD_ROWS: Record<FoldOp, FoldRow> = {
  sum: (x, xi, xs, acc, _sh, ai, as, n) => {
    if (as === 0) {
      let s = acc[ai];
      for (let i = 0; i < n; i++, xi += xs) s += x[xi];
      acc[ai] = s;
    } else for (let i = 0; i < n; i++, xi += xs, ai += as) acc[ai] += x[xi];
  },
  prod: (x, xi, xs, acc, _sh, ai, as, n) => {
    if (as === 0) {
      let s = acc[ai];
      for (let i = 0; i < n; i++, xi += xs) s *= x[xi];
      acc[ai] = s;
    } else for (let i = 0; i < n; i++, xi += xs, ai += as) acc[ai] *= x[xi];
  },
  max: (x, xi, xs, acc, _sh, ai, as, n) => {
    if (as === 0) {
      let s = acc[ai];
      for (let i = 0; i < n; i++, xi += xs) {
        const v = x[xi];
        if (v > s || v !== v) s = v;
      }
      acc[ai] = s;
    } else {
      for (let i = 0; i < n; i++, xi += xs, ai += as) {
        const v = x[xi];
        if (v > acc[ai] || v !== v) acc[ai] = v;
      }
    }
  },
  min: (x, xi, xs, acc, _sh, ai, as, n) => {
    if (as === 0) {
      let s = acc[ai];
      for (let i = 0; i < n; i++, xi += xs) {
        const v = x[xi];
        if (v < s || v !== v) s = v;
      }
      acc[ai] = s;
    } else {
      for (let i = 0; i < n; i++, xi += xs, ai += as) {
        const v = x[xi];
        if (v < acc[ai] || v !== v) acc[ai] = v;
      }
    }
  },
  all: (x, xi, xs, acc, _sh, ai, as, n) => {
    for (let i = 0; i < n; i++, xi += xs, ai += as) if (x[xi] === 0) acc[ai] = 0;
  },
  any: (x, xi, xs, acc, _sh, ai, as, n) => {
    for (let i = 0; i < n; i++, xi += xs, ai += as) if (x[xi] !== 0) acc[ai] = 1;
  },
  sumExpShifted: (x, xi, xs, acc, sh, ai, as, n) => {
    if (as === 0) {
      let s = acc[ai];
      const m = sh[ai];
      for (let i = 0; i < n; i++, xi += xs) s += Math.exp(x[xi] - m);
      acc[ai] = s;
    } else for (let i = 0; i < n; i++, xi += xs, ai += as) acc[ai] += Math.exp(x[xi] - sh[ai]);
  },
  sumSquaredDev: (x, xi, xs, acc, sh, ai, as, n) => {
    if (as === 0) {
      let s = acc[ai];
      const m = sh[ai];
      for (let i = 0; i < n; i++, xi += xs) {
        const d = x[xi] - m;
        s += d * d;
      }
      acc[ai] = s;
    } else {
      for (let i = 0; i < n; i++, xi += xs, ai += as) {
        const d = x[xi] - sh[ai];
        acc[ai] += d * d;
      }
    }
  },
};

/** Store the accumulators into `out` (any strides), converting to its dtype. */
function store(acc: Float64Array, out: StridedView): void {
  copyInto({ dtype: 'float64', data: acc, shape: out.shape, strides: contiguousStrides(out.shape), offset: 0 }, out);
}

function reducedCount(shape: readonly number[], dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= shape[d];
  return n;
}

export function reduce(
  op: ReduceKernelOp,
  x: StridedView,
  dims: readonly number[],
  out: StridedView,
  indices?: StridedView,
): void {
  if (indices !== undefined && (op === 'max' || op === 'min')) {
    argFold(op === 'max', x, dims[0], out, indices);
    return;
  }
  const acc = new Float64Array(sizeOf(out.shape));
  if (op === 'logsumexp') {
    // stable logsumexp: m + log(sum(exp(x - m))), m the max with +-inf (all -inf, or an inf) replaced by 0
    acc.fill(-Infinity);
    fold('max', x, dims, acc);
    for (let j = 0; j < acc.length; j++) if (!Number.isFinite(acc[j]) && acc[j] === acc[j]) acc[j] = 0;
    const sums = new Float64Array(acc.length);
    fold('sumExpShifted', x, dims, sums, acc);
    for (let j = 0; j < acc.length; j++) sums[j] = Math.log(sums[j]) + acc[j];
    store(sums, out);
    return;
  }
  acc.fill(IDENTITY[op]);
  fold(op, x, dims, acc);
  store(acc, out);
}

export function variance(x: StridedView, dims: readonly number[], correction: number, out: StridedView): void {
  // two passes in doubles: mean, then sum((x - mean)^2) / max(0, N - correction)
  const n = reducedCount(x.shape, dims);
  const mean = new Float64Array(sizeOf(out.shape));
  fold('sum', x, dims, mean);
  for (let j = 0; j < mean.length; j++) mean[j] /= n;
  const ss = new Float64Array(mean.length);
  fold('sumSquaredDev', x, dims, ss, mean);
  const denom = Math.max(0, n - correction);
  for (let j = 0; j < ss.length; j++) ss[j] /= denom;
  store(ss, out);
}

export function argReduce(op: 'argmax' | 'argmin', x: StridedView, dim: number, out: StridedView): void {
  argFold(op === 'argmax', x, dim, undefined, out);
}

/**
 * Value and index of the max (or min) along `dim`, per output element: the first extreme wins on
 * ties and the first NaN wins outright (PyTorch's rule). `values` / `indices` have the keepdim shape.
 */
function argFold(isMax: boolean, x: StridedView, dim: number, values: StridedView | undefined, indices: StridedView): void {
  const keptShape = x.shape.map((s, d) => (d === dim ? 1 : s));
  const vLayout: StridedLayout = values ?? indices;
  const c = new RowCursor(keptShape, [x, vLayout, indices]);
  const R = x.shape[dim];
  const rs = x.strides[dim];
  const xd = x.data;
  const vd = values?.data;
  const id = indices.data;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let xo = c.offsets[0];
    let vo = c.offsets[1];
    let io = c.offsets[2];
    for (let j = 0; j < c.n; j++, xo += c.inner[0], vo += c.inner[1], io += c.inner[2]) {
      let best = xd[xo];
      let bi = 0;
      if (best === best) {
        for (let k = 1, p = xo + rs; k < R; k++, p += rs) {
          const v = xd[p];
          if (v !== v) {
            best = v;
            bi = k;
            break;
          }
          if (isMax ? v > best : v < best) {
            best = v;
            bi = k;
          }
        }
      }
      if (vd !== undefined) vd[vo] = best;
      id[io] = bi;
    }
  }
}
