// Elementwise kernels: one tight typed-array loop per row of a RowCursor, the op chosen once per row.
import type { DataArray } from '../../dtype.js';
import type { BinaryKernelOp, StridedView, TernaryKernelOp, UnaryKernelOp } from '../interface.js';
import { erf } from './nn/erf.js';
import { RowCursor, constantView, copyInto, forEachTileRow, wantsTiles } from './strided.js';

/** Unary loops used internally (pow with a constant exponent, PyTorch's special cases). */
type RowUnaryOp = UnaryKernelOp | 'square' | 'cube' | 'reciprocal' | 'invSquare';

export function unary(op: UnaryKernelOp, x: StridedView, out: StridedView): void {
  if (op === 'copy') {
    copyInto(x, out);
    return;
  }
  unaryRows(op, x, out);
}

function unaryRows(op: RowUnaryOp, x: StridedView, out: StridedView): void {
  const c = new RowCursor(out.shape, [x, out]);
  const xd = x.data;
  const od = out.data;
  const row = UNARY_ROWS[op];
  if (wantsTiles(c)) {
    forEachTileRow(c, (offs, n) => row(xd, offs[0], c.inner[0], od, offs[1], c.inner[1], n));
    return;
  }
  for (let r = 0; r < c.rows; r++, c.next()) row(xd, c.offsets[0], c.inner[0], od, c.offsets[1], c.inner[1], c.n);
}

type UnaryRow = (x: DataArray, xi: number, xs: number, o: DataArray, oi: number, os: number, n: number) => void;

/**
 * One small function per op (not one switch): each gets its own type feedback and compiles (and
 * OSR-compiles, for long rows) in well under a millisecond.
 */
const UNARY_ROWS: Record<RowUnaryOp, UnaryRow> = {
  neg: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = -x[xi];
  },
  exp: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.exp(x[xi]);
  },
  log: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.log(x[xi]);
  },
  log1p: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.log1p(x[xi]);
  },
  expm1: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.expm1(x[xi]);
  },
  sqrt: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.sqrt(x[xi]);
  },
  rsqrt: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = 1 / Math.sqrt(x[xi]);
  },
  abs: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.abs(x[xi]);
  },
  // PyTorch's (0 < x) - (x < 0): NaN and -0 give 0
  sign: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) {
      const v = x[xi];
      o[oi] = v > 0 ? 1 : v < 0 ? -1 : 0;
    }
  },
  // 1 / (1 + exp(-x)): exp overflow gives 1/inf = 0, the right limit
  sigmoid: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = 1 / (1 + Math.exp(-x[xi]));
  },
  tanh: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.tanh(x[xi]);
  },
  // clamp_min(x, 0): NaN and -0 pass through as in PyTorch
  relu: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) {
      const v = x[xi];
      o[oi] = v < 0 ? 0 : v;
    }
  },
  erf: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = erf(x[xi]);
  },
  logicalNot: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = x[xi] === 0 ? 1 : 0;
  },
  isnan: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) {
      const v = x[xi];
      o[oi] = v !== v ? 1 : 0;
    }
  },
  isinf: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) {
      const v = x[xi];
      o[oi] = v === Infinity || v === -Infinity ? 1 : 0;
    }
  },
  isfinite: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) {
      const v = x[xi];
      o[oi] = v - v === 0 ? 1 : 0;
    }
  },
  square: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) {
      const v = x[xi];
      o[oi] = v * v;
    }
  },
  cube: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) {
      const v = x[xi];
      o[oi] = v * v * v;
    }
  },
  reciprocal: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = 1 / x[xi];
  },
  invSquare: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) {
      const v = x[xi];
      o[oi] = 1 / (v * v);
    }
  },
  copy: (x, xi, xs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = x[xi];
  },
};

function isArithmetic(op: BinaryKernelOp): boolean {
  return op === 'add' || op === 'sub' || op === 'mul' || op === 'div' || op === 'pow' || op === 'maximum' || op === 'minimum';
}

export function binary(op: BinaryKernelOp, a: StridedView, b: StridedView, out: StridedView, alpha = 1): void {
  const intOut = out.dtype === 'int32' || out.dtype === 'int64';
  if (out.dtype === 'bool' && isArithmetic(op)) {
    binaryBool(op, a, b, out, alpha);
    return;
  }
  const c = new RowCursor(out.shape, [a, b, out]);
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  const imul = op === 'mul' && out.dtype === 'int32';
  const row = BINARY_ROWS[op];
  if (!imul && !(op === 'pow' && intOut) && wantsTiles(c)) {
    forEachTileRow(c, (offs, n) => row(ad, offs[0], c.inner[0], bd, offs[1], c.inner[1], od, offs[2], c.inner[2], n, alpha));
    return;
  }
  for (let r = 0; r < c.rows; r++, c.next()) {
    const ai = c.offsets[0];
    const bi = c.offsets[1];
    const oi = c.offsets[2];
    if (imul) imulRow(ad, ai, c.inner[0], bd, bi, c.inner[1], od, oi, c.inner[2], c.n);
    else if (op === 'pow' && intOut) powIntRow(ad, ai, c.inner[0], bd, bi, c.inner[1], od, oi, c.inner[2], c.n);
    else row(ad, ai, c.inner[0], bd, bi, c.inner[1], od, oi, c.inner[2], c.n, alpha);
  }
}

export function binaryScalar(
  op: BinaryKernelOp,
  x: StridedView,
  scalar: number,
  out: StridedView,
  scalarFirst: boolean,
  alpha = 1,
): void {
  const floatOut = out.dtype === 'float32' || out.dtype === 'float64';
  if (op === 'pow' && !scalarFirst && floatOut) {
    // PyTorch's pow(tensor, scalar) special cases (pow_tensor_scalar_optimized_kernel)
    const special: RowUnaryOp | undefined =
      scalar === 2 ? 'square' : scalar === 3 ? 'cube' : scalar === 0.5 ? 'sqrt' : scalar === -0.5 ? 'rsqrt' : scalar === -1 ? 'reciprocal' : scalar === -2 ? 'invSquare' : undefined;
    if (special !== undefined) {
      unaryRows(special, x, out);
      return;
    }
  }
  const s = constantView(scalar, out.shape);
  if (scalarFirst) binary(op, s, x, out, alpha);
  else binary(op, x, s, out, alpha);
}

/** pow with C's special cases that Math.pow lacks: pow(1, y) = 1 and pow(-1, +-inf) = 1. */
function powFloat(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return Math.pow(a, b);
}

/** Integer pow as PyTorch's powi: negative exponents give 0 except for bases 1 and -1. */
function powInt(a: number, b: number): number {
  if (b < 0) return a === 1 ? 1 : a === -1 ? (b % 2 === 0 ? 1 : -1) : 0;
  return Math.pow(a, b);
}

function imulRow(a: DataArray, ai: number, as: number, b: DataArray, bi: number, bs: number, o: DataArray, oi: number, os: number, n: number): void {
  // int32 products wrap modulo 2^32 like C; a double product could lose the low bits first
  for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = Math.imul(a[ai], b[bi]);
}

function powIntRow(a: DataArray, ai: number, as: number, b: DataArray, bi: number, bs: number, o: DataArray, oi: number, os: number, n: number): void {
  for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = powInt(a[ai], b[bi]);
}

type BinaryRow = (
  a: DataArray, ai: number, as: number,
  b: DataArray, bi: number, bs: number,
  o: DataArray, oi: number, os: number,
  n: number, alpha: number,
) => void;

/** One small function per op, as UNARY_ROWS. add and sub compute a +- alpha * b. */
const BINARY_ROWS: Record<BinaryKernelOp, BinaryRow> = {
  add: (a, ai, as, b, bi, bs, o, oi, os, n, alpha) => {
    if (alpha === 1) for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] + b[bi];
    else for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] + alpha * b[bi];
  },
  sub: (a, ai, as, b, bi, bs, o, oi, os, n, alpha) => {
    if (alpha === 1) for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] - b[bi];
    else for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] - alpha * b[bi];
  },
  mul: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] * b[bi];
  },
  div: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] / b[bi];
  },
  pow: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = powFloat(a[ai], b[bi]);
  },
  // Math.max propagates NaN and orders -0 < +0, as torch.maximum
  maximum: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = Math.max(a[ai], b[bi]);
  },
  minimum: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = Math.min(a[ai], b[bi]);
  },
  eq: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] === b[bi] ? 1 : 0;
  },
  ne: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] !== b[bi] ? 1 : 0;
  },
  lt: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] < b[bi] ? 1 : 0;
  },
  le: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] <= b[bi] ? 1 : 0;
  },
  gt: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] > b[bi] ? 1 : 0;
  },
  ge: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] >= b[bi] ? 1 : 0;
  },
  logicalAnd: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] !== 0 && b[bi] !== 0 ? 1 : 0;
  },
  logicalOr: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] !== 0 || b[bi] !== 0 ? 1 : 0;
  },
  logicalXor: (a, ai, as, b, bi, bs, o, oi, os, n) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = (a[ai] !== 0) !== (b[bi] !== 0) ? 1 : 0;
  },
};

/** Arithmetic with a bool result (bool + bool is "or", bool * bool is "and"): compute, then store v != 0. */
function binaryBool(op: BinaryKernelOp, a: StridedView, b: StridedView, out: StridedView, alpha: number): void {
  const c = new RowCursor(out.shape, [a, b, out]);
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let ai = c.offsets[0];
    let bi = c.offsets[1];
    let oi = c.offsets[2];
    for (let i = 0; i < c.n; i++, ai += c.inner[0], bi += c.inner[1], oi += c.inner[2]) {
      const x = ad[ai];
      const y = bd[bi];
      const v =
        op === 'add' ? x + alpha * y : op === 'sub' ? x - alpha * y : op === 'mul' ? x * y : op === 'div' ? x / y
        : op === 'pow' ? powFloat(x, y) : op === 'maximum' ? Math.max(x, y) : Math.min(x, y);
      od[oi] = v !== 0 ? 1 : 0;
    }
  }
}

export function ternary(
  op: TernaryKernelOp,
  x: StridedView,
  a: StridedView,
  b: StridedView,
  value: number,
  out: StridedView,
): void {
  const c = new RowCursor(out.shape, [x, a, b, out]);
  const xd = x.data;
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let xi = c.offsets[0];
    let ai = c.offsets[1];
    let bi = c.offsets[2];
    let oi = c.offsets[3];
    const xs = c.inner[0];
    const as = c.inner[1];
    const bs = c.inner[2];
    const os = c.inner[3];
    const n = c.n;
    if (op === 'addcmul') {
      for (let i = 0; i < n; i++, xi += xs, ai += as, bi += bs, oi += os) od[oi] = xd[xi] + value * ad[ai] * bd[bi];
    } else if (op === 'addcdiv') {
      for (let i = 0; i < n; i++, xi += xs, ai += as, bi += bs, oi += os) od[oi] = xd[xi] + (value * ad[ai]) / bd[bi];
    } else {
      // PyTorch's lerp: |w| < 0.5 ? self + w (end - self) : end - (end - self)(1 - w), exact at w = 0 and 1
      for (let i = 0; i < n; i++, xi += xs, ai += as, bi += bs, oi += os) {
        const s = xd[xi];
        const e = ad[ai];
        const w = bd[bi];
        od[oi] = Math.abs(w) < 0.5 ? s + w * (e - s) : e - (e - s) * (1 - w);
      }
    }
  }
}

export function fill(out: StridedView, value: number): void {
  const c = new RowCursor(out.shape, [out]);
  const od = out.data;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let oi = c.offsets[0];
    const os = c.inner[0];
    if (os === 1) od.fill(value, oi, oi + c.n);
    else for (let i = 0; i < c.n; i++, oi += os) od[oi] = value;
  }
}

export function clamp(x: StridedView, min: number | undefined, max: number | undefined, out: StridedView): void {
  // min(max(x, lo), hi) with NaN passing through; a NaN bound compares false and is ignored (PyTorch 1.13)
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  const c = new RowCursor(out.shape, [x, out]);
  const xd = x.data;
  const od = out.data;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let xi = c.offsets[0];
    let oi = c.offsets[1];
    for (let i = 0; i < c.n; i++, xi += c.inner[0], oi += c.inner[1]) {
      let v = xd[xi];
      if (v < lo) v = lo;
      if (v > hi) v = hi;
      od[oi] = v;
    }
  }
}

export function softplus(x: StridedView, beta: number, threshold: number, out: StridedView): void {
  const c = new RowCursor(out.shape, [x, out]);
  const xd = x.data;
  const od = out.data;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let xi = c.offsets[0];
    let oi = c.offsets[1];
    for (let i = 0; i < c.n; i++, xi += c.inner[0], oi += c.inner[1]) {
      const v = xd[xi];
      // x*beta > threshold ? x : log1p(exp(x*beta)) / beta
      od[oi] = v * beta > threshold ? v : Math.log1p(Math.exp(v * beta)) / beta;
    }
  }
}

export function where(cond: StridedView, a: StridedView, b: StridedView, out: StridedView): void {
  const c = new RowCursor(out.shape, [cond, a, b, out]);
  const cd = cond.data;
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let ci = c.offsets[0];
    let ai = c.offsets[1];
    let bi = c.offsets[2];
    let oi = c.offsets[3];
    const cs = c.inner[0];
    const as = c.inner[1];
    const bs = c.inner[2];
    const os = c.inner[3];
    for (let i = 0; i < c.n; i++, ci += cs, ai += as, bi += bs, oi += os) od[oi] = cd[ci] !== 0 ? ad[ai] : bd[bi];
  }
}
