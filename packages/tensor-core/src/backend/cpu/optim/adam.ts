// The fused Adam / AdamW step (see backend/kernels/optim.ts): one loop for the common case (no L2
// weight decay, no amsgrad) and one for the rest, without branches inside (see zeroSource). Options
// that change no bit when off become exact identities: maximize multiplies by -1 or 1, decoupled
// decay by decay or 1, L2 adds wd * param or -0 * 0 (zeroSource), and without amsgrad the running
// max is taken over expAvgSq itself (max(v, v) = v). Each float32 line rounds as the composed op
// whose result it is.
import type { DataArray } from '../../../dtype.js';
import type { StridedView } from '../../interface.js';
import type { AdamKernelOptions } from '../../kernels/optim.js';
import { RowCursor } from '../strided.js';
import { fround, zeroSource } from './common.js';

export function adamUpdate(
  param: StridedView,
  grad: StridedView,
  expAvg: StridedView,
  expAvgSq: StridedView,
  maxExpAvgSq: StridedView | null,
  o: AdamKernelOptions,
): void {
  const f32 = param.dtype === 'float32';
  const sign = o.maximize ? -1 : 1;
  const decay = o.decay ?? 1;
  const { beta1, oneMinusBeta1, beta2, oneMinusBeta2, eps, biasCorrection2Sqrt, stepSize } = o;
  const p = param.data;
  const g = grad.data;
  const m = expAvg.data;
  const v = expAvgSq.data;
  if (o.weightDecay === null && maxExpAvgSq === null) {
    const c = new RowCursor(param.shape, [param, grad, expAvg, expAvgSq]);
    const row = f32 ? adamRow32 : adamRow64;
    const { offsets: at, inner: step } = c;
    for (let r = 0; r < c.rows; r++, c.next()) {
      row(
        p, at[0], step[0], g, at[1], step[1], m, at[2], step[2], v, at[3], step[3],
        c.n, sign, decay, beta1, oneMinusBeta1, beta2, oneMinusBeta2, eps, biasCorrection2Sqrt, stepSize,
      );
    }
    return;
  }
  const vmax = maxExpAvgSq ?? expAvgSq;
  const src = o.weightDecay !== null ? param : zeroSource(param);
  const wd = o.weightDecay ?? -0;
  const c = new RowCursor(param.shape, [param, grad, expAvg, expAvgSq, vmax, src]);
  const row = f32 ? adamGeneralRow32 : adamGeneralRow64;
  const { offsets: at, inner: step } = c;
  for (let r = 0; r < c.rows; r++, c.next()) {
    row(
      p, at[0], step[0], g, at[1], step[1], m, at[2], step[2], v, at[3], step[3], vmax.data, at[4], step[4], src.data, at[5], step[5],
      c.n, sign, decay, wd, beta1, oneMinusBeta1, beta2, oneMinusBeta2, eps, biasCorrection2Sqrt, stepSize,
    );
  }
}

type AdamRow = (
  p: DataArray, pi: number, ps: number,
  g: DataArray, gi: number, gs: number,
  m: DataArray, mi: number, ms: number,
  v: DataArray, vi: number, vs: number,
  n: number, sign: number, decay: number,
  beta1: number, omb1: number, beta2: number, omb2: number, eps: number, bc2Sqrt: number, stepSize: number,
) => void;

// p = p * decay;  d = sign * g;  m = b1 m + (1 - b1) d;  v = b2 v + (1 - b2) d d;
// p = p + stepSize * m / (sqrt(v) / sqrt(bc2) + eps)
const adamRow32: AdamRow = (p, pi, ps, g, gi, gs, m, mi, ms, v, vi, vs, n, sign, decay, beta1, omb1, beta2, omb2, eps, bc2Sqrt, stepSize) => {
  for (let i = 0; i < n; i++, pi += ps, gi += gs, mi += ms, vi += vs) {
    const x = fround(p[pi] * decay);
    const d = sign * g[gi];
    const mt = fround(fround(m[mi] * beta1) + omb1 * d);
    const vt = fround(fround(v[vi] * beta2) + omb2 * d * d);
    m[mi] = mt;
    v[vi] = vt;
    const denom = fround(fround(fround(Math.sqrt(vt)) / bc2Sqrt) + eps);
    p[pi] = x + (stepSize * mt) / denom;
  }
};

const adamRow64: AdamRow = (p, pi, ps, g, gi, gs, m, mi, ms, v, vi, vs, n, sign, decay, beta1, omb1, beta2, omb2, eps, bc2Sqrt, stepSize) => {
  for (let i = 0; i < n; i++, pi += ps, gi += gs, mi += ms, vi += vs) {
    const x = p[pi] * decay;
    const d = sign * g[gi];
    const mt = m[mi] * beta1 + omb1 * d;
    const vt = v[vi] * beta2 + omb2 * d * d;
    m[mi] = mt;
    v[vi] = vt;
    const denom = Math.sqrt(vt) / bc2Sqrt + eps;
    p[pi] = x + (stepSize * mt) / denom;
  }
};

type AdamGeneralRow = (
  p: DataArray, pi: number, ps: number,
  g: DataArray, gi: number, gs: number,
  m: DataArray, mi: number, ms: number,
  v: DataArray, vi: number, vs: number,
  vmax: DataArray, xi: number, xs: number,
  s: DataArray, si: number, ss: number,
  n: number, sign: number, decay: number, wd: number,
  beta1: number, omb1: number, beta2: number, omb2: number, eps: number, bc2Sqrt: number, stepSize: number,
) => void;

// as adamRow, with d = sign * g + wd * p (L2) and v replaced by vmax = max(vmax, v) (amsgrad)
const adamGeneralRow32: AdamGeneralRow = (
  p, pi, ps, g, gi, gs, m, mi, ms, v, vi, vs, vmax, xi, xs, s, si, ss,
  n, sign, decay, wd, beta1, omb1, beta2, omb2, eps, bc2Sqrt, stepSize,
) => {
  for (let i = 0; i < n; i++, pi += ps, gi += gs, mi += ms, vi += vs, xi += xs, si += ss) {
    const x = fround(p[pi] * decay);
    const d = fround(sign * g[gi] + wd * s[si]);
    const mt = fround(fround(m[mi] * beta1) + omb1 * d);
    const vt = fround(fround(v[vi] * beta2) + omb2 * d * d);
    m[mi] = mt;
    v[vi] = vt;
    const vm = Math.max(vmax[xi], vt);
    vmax[xi] = vm;
    const denom = fround(fround(fround(Math.sqrt(vm)) / bc2Sqrt) + eps);
    p[pi] = x + (stepSize * mt) / denom;
  }
};

const adamGeneralRow64: AdamGeneralRow = (
  p, pi, ps, g, gi, gs, m, mi, ms, v, vi, vs, vmax, xi, xs, s, si, ss,
  n, sign, decay, wd, beta1, omb1, beta2, omb2, eps, bc2Sqrt, stepSize,
) => {
  for (let i = 0; i < n; i++, pi += ps, gi += gs, mi += ms, vi += vs, xi += xs, si += ss) {
    const x = p[pi] * decay;
    const d = sign * g[gi] + wd * s[si];
    const mt = m[mi] * beta1 + omb1 * d;
    const vt = v[vi] * beta2 + omb2 * d * d;
    m[mi] = mt;
    v[vi] = vt;
    const vm = Math.max(vmax[xi], vt);
    vmax[xi] = vm;
    const denom = Math.sqrt(vm) / bc2Sqrt + eps;
    p[pi] = x + (stepSize * mt) / denom;
  }
};
