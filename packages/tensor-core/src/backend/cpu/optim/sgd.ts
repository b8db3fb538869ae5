// The fused SGD step (see backend/kernels/optim.ts): one loop per case (plain SGD without weight
// decay is the add kernel's loop), without branches inside (see zeroSource). Options that change no
// bit when off become exact identities: maximize multiplies by -1 or 1, L2 weight decay in the
// momentum loops adds wd * param or -0 * 0 (zeroSource). Each float32 line rounds as the composed op
// whose result it is.
import type { DataArray } from '../../../dtype.js';
import type { StridedView } from '../../interface.js';
import type { SgdKernelOptions } from '../../kernels/optim.js';
import { binary, fill } from '../elementwise.js';
import { RowCursor } from '../strided.js';
import { fround, zeroSource } from './common.js';

export function sgdUpdate(param: StridedView, grad: StridedView, buffer: StridedView | null, o: SgdKernelOptions): void {
  const f32 = param.dtype === 'float32';
  const sign = o.maximize ? -1 : 1;
  const p = param.data;
  const g = grad.data;
  if (buffer === null) {
    if (o.weightDecay === null) {
      // p = p - lr * (sign * g) = p + (sign * -lr) * g (negation is exact): the add kernel's loop
      binary('add', param, grad, param, sign * o.negLr);
      return;
    }
    const c = new RowCursor(param.shape, [param, grad]);
    const row = f32 ? plainRow32 : plainRow64;
    const { offsets: at, inner: step } = c;
    for (let r = 0; r < c.rows; r++, c.next()) row(p, at[0], step[0], g, at[1], step[1], c.n, sign, o.weightDecay, o.negLr);
    return;
  }
  const src = o.weightDecay !== null ? param : zeroSource(param);
  const wd = o.weightDecay ?? -0;
  const s = src.data;
  // the first step's buf = g is the steady update over a buffer of -0 with momentum and 1 - dampening
  // both 1: -0 * 1 + 1 * g = g exactly
  let momentum = o.momentum;
  let gradScale = o.oneMinusDampening;
  if (o.firstStep) {
    fill(buffer, -0);
    momentum = 1;
    gradScale = 1;
  }
  const c = new RowCursor(param.shape, [param, grad, src, buffer]);
  const b = buffer.data;
  const row = o.nesterov ? (f32 ? nesterovRow32 : nesterovRow64) : f32 ? momentumRow32 : momentumRow64;
  const { offsets: at, inner: step } = c;
  for (let r = 0; r < c.rows; r++, c.next()) {
    row(p, at[0], step[0], g, at[1], step[1], s, at[2], step[2], b, at[3], step[3], c.n, sign, wd, momentum, gradScale, o.momentum, o.negLr);
  }
}

type PlainRow = (p: DataArray, pi: number, ps: number, g: DataArray, gi: number, gs: number, n: number, sign: number, wd: number, negLr: number) => void;

// d = sign * g + wd * p;  p = p - lr * d
const plainRow32: PlainRow = (p, pi, ps, g, gi, gs, n, sign, wd, negLr) => {
  for (let i = 0; i < n; i++, pi += ps, gi += gs) {
    const x = p[pi];
    const d = fround(sign * g[gi] + wd * x);
    p[pi] = x + negLr * d;
  }
};

const plainRow64: PlainRow = (p, pi, ps, g, gi, gs, n, sign, wd, negLr) => {
  for (let i = 0; i < n; i++, pi += ps, gi += gs) {
    const x = p[pi];
    const d = sign * g[gi] + wd * x;
    p[pi] = x + negLr * d;
  }
};

type MomentumRow = (
  p: DataArray, pi: number, ps: number,
  g: DataArray, gi: number, gs: number,
  s: DataArray, si: number, ss: number,
  b: DataArray, bi: number, bs: number,
  n: number, sign: number, wd: number, bufMomentum: number, gradScale: number, momentum: number, negLr: number,
) => void;

// d = sign * g + wd * p;  buf = momentum * buf + (1 - dampening) * d;  p = p - lr * buf
const momentumRow32: MomentumRow = (p, pi, ps, g, gi, gs, s, si, ss, b, bi, bs, n, sign, wd, bm, gradScale, _m, negLr) => {
  for (let i = 0; i < n; i++, pi += ps, gi += gs, si += ss, bi += bs) {
    const d = fround(sign * g[gi] + wd * s[si]);
    const buf = fround(fround(b[bi] * bm) + gradScale * d);
    b[bi] = buf;
    p[pi] = p[pi] + negLr * buf;
  }
};

const momentumRow64: MomentumRow = (p, pi, ps, g, gi, gs, s, si, ss, b, bi, bs, n, sign, wd, bm, gradScale, _m, negLr) => {
  for (let i = 0; i < n; i++, pi += ps, gi += gs, si += ss, bi += bs) {
    const d = sign * g[gi] + wd * s[si];
    const buf = b[bi] * bm + gradScale * d;
    b[bi] = buf;
    p[pi] = p[pi] + negLr * buf;
  }
};

// as momentumRow, then p = p - lr * (d + momentum * buf)
const nesterovRow32: MomentumRow = (p, pi, ps, g, gi, gs, s, si, ss, b, bi, bs, n, sign, wd, bm, gradScale, momentum, negLr) => {
  for (let i = 0; i < n; i++, pi += ps, gi += gs, si += ss, bi += bs) {
    const d = fround(sign * g[gi] + wd * s[si]);
    const buf = fround(fround(b[bi] * bm) + gradScale * d);
    b[bi] = buf;
    p[pi] = p[pi] + negLr * fround(d + momentum * buf);
  }
};

const nesterovRow64: MomentumRow = (p, pi, ps, g, gi, gs, s, si, ss, b, bi, bs, n, sign, wd, bm, gradScale, momentum, negLr) => {
  for (let i = 0; i < n; i++, pi += ps, gi += gs, si += ss, bi += bs) {
    const d = sign * g[gi] + wd * s[si];
    const buf = b[bi] * bm + gradScale * d;
    b[bi] = buf;
    p[pi] = p[pi] + negLr * (d + momentum * buf);
  }
};
