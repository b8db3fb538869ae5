// The reference cross-entropy kernels over [N, C, S] views: a stable log-softmax and the NLL in one
// pass forward, the closed-form gradient backward. Everything in doubles, each stored value rounded
// once (see backend/kernels/loss.ts for the layouts and formulas).
import type { StridedView } from '../../interface.js';
import type { CrossEntropyKernelOptions } from '../../kernels/loss.js';
import { logSoftmaxAt, weightValues } from './log-softmax.js';

/**
 * Forward. Per position (b, j): class y (not ignored), smoothing e, weight w:
 *   loss = (1 - e) * (-w_y log p_y) + (e / C) * (-sum_c w_c log p_c),
 * ignored positions 0, 'mean' dividing both sums by D = sum of the kept w_y; probabilities q smoothed
 * to q (1 - e) + e / C: loss = -sum_c w_c q_c log p_c, 'mean' dividing by D = N * S. Returns D.
 */
export function crossEntropyForward(x: StridedView, target: StridedView, options: CrossEntropyKernelOptions, out: StridedView): number {
  const [n, c, s] = x.shape;
  const [xs0, xs1, xs2] = x.strides;
  const xd = x.data;
  const td = target.data;
  const od = out.data;
  const weight = weightValues(options.weight, c);
  const { ignoreIndex, reduction } = options;
  const e = options.labelSmoothing;
  const none = reduction === 'none';
  const indices = options.targetKind === 'indices';
  const logp = new Float64Array(c);
  let nllSum = 0;
  let smoothSum = 0;
  let denominator = 0;
  for (let b = 0; b < n; b++) {
    for (let j = 0; j < s; j++) {
      const xo = x.offset + b * xs0 + j * xs2;
      const oo = none ? out.offset + b * out.strides[0] + j * out.strides[1] : out.offset;
      if (indices) {
        const y = td[target.offset + b * target.strides[0] + j * target.strides[1]];
        if (y === ignoreIndex) {
          if (none) od[oo] = 0;
          continue;
        }
        logSoftmaxAt(xd, xo, xs1, c, logp);
        const wy = weight === null ? 1 : weight[y];
        const nll = -wy * logp[y];
        let smooth = 0;
        if (e > 0) {
          for (let k = 0; k < c; k++) smooth -= weight === null ? logp[k] : logp[k] * weight[k];
        }
        denominator += wy;
        if (none) od[oo] = e > 0 ? (1 - e) * nll + smooth * (e / c) : nll;
        else {
          nllSum += nll;
          smoothSum += smooth;
        }
      } else {
        logSoftmaxAt(xd, xo, xs1, c, logp);
        const [ts0, ts1, ts2] = target.strides;
        const to = target.offset + b * ts0 + j * ts2;
        let li = 0;
        for (let k = 0; k < c; k++) {
          const q = td[to + k * ts1];
          const qk = e > 0 ? q * (1 - e) + e / c : q;
          li -= weight === null ? logp[k] * qk : logp[k] * qk * weight[k];
        }
        if (none) od[oo] = li;
        else nllSum += li;
      }
    }
  }
  if (!indices) denominator = n * s;
  if (!none) {
    if (indices) {
      const nll = reduction === 'mean' ? nllSum / denominator : nllSum;
      const smooth = reduction === 'mean' ? smoothSum / denominator : smoothSum;
      od[out.offset] = e > 0 ? (1 - e) * nll + smooth * (e / c) : nll;
    } else {
      od[out.offset] = reduction === 'mean' ? nllSum / denominator : nllSum;
    }
  }
  return denominator;
}

/**
 * Backward: d loss / d x_c = sum_k a_k * p_c - a_c, a_k the coefficient of -log p_k in the loss
 * (d(-log p_k)/dx_c = p_c - [c = k]): class y: a_k = (1 - e) w_y [k = y] + (e / C) w_k;
 * probabilities: a_k = w_k q_k (smoothed). Times the upstream gradient, over D for 'mean'; ignored
 * positions get 0. For probabilities also d loss / d q_k = -(1 - e) w_k log p_k times the same factor.
 */
export function crossEntropyBackward(
  x: StridedView,
  target: StridedView,
  options: CrossEntropyKernelOptions,
  denominator: number,
  upstream: StridedView,
  gradInput: StridedView | null,
  gradTarget: StridedView | null,
): void {
  const [n, c, s] = x.shape;
  const [xs0, xs1, xs2] = x.strides;
  const xd = x.data;
  const td = target.data;
  const ud = upstream.data;
  const weight = weightValues(options.weight, c);
  const { ignoreIndex, reduction } = options;
  const e = options.labelSmoothing;
  const none = reduction === 'none';
  const indices = options.targetKind === 'indices';
  const gi = gradInput?.data;
  const [gs0, gs1, gs2] = gradInput?.strides ?? [0, 0, 0];
  const gt = indices ? undefined : gradTarget?.data;
  const [hs0, hs1, hs2] = gradTarget?.strides ?? [0, 0, 0];
  const scale = reduction === 'mean' ? 1 / denominator : 1;
  const logp = new Float64Array(c);
  const a = new Float64Array(c);
  let wSum = 0;
  if (weight !== null) for (let k = 0; k < c; k++) wSum += weight[k];
  else wSum = c;
  for (let b = 0; b < n; b++) {
    for (let j = 0; j < s; j++) {
      const g = (none ? ud[upstream.offset + b * upstream.strides[0] + j * upstream.strides[1]] : ud[upstream.offset]) * scale;
      const xo = x.offset + b * xs0 + j * xs2;
      const go = gradInput === null ? 0 : gradInput.offset + b * gs0 + j * gs2;
      let total: number;
      if (indices) {
        const y = td[target.offset + b * target.strides[0] + j * target.strides[1]];
        if (gi === undefined) continue;
        if (y === ignoreIndex) {
          for (let k = 0, p = go; k < c; k++, p += gs1) gi[p] = 0;
          continue;
        }
        logSoftmaxAt(xd, xo, xs1, c, logp);
        const wy = weight === null ? 1 : weight[y];
        if (e > 0) {
          for (let k = 0; k < c; k++) a[k] = (e / c) * (weight === null ? 1 : weight[k]);
          a[y] += (1 - e) * wy;
          total = (1 - e) * wy + (e / c) * wSum;
        } else {
          // only the target class has a coefficient
          for (let k = 0, p = go; k < c; k++, p += gs1) {
            const pk = Math.exp(logp[k]);
            gi[p] = g * (wy * pk - (k === y ? wy : 0));
          }
          continue;
        }
      } else {
        logSoftmaxAt(xd, xo, xs1, c, logp);
        const [ts0, ts1, ts2] = target.strides;
        const to = target.offset + b * ts0 + j * ts2;
        const ho = gradTarget === null ? 0 : gradTarget.offset + b * hs0 + j * hs2;
        total = 0;
        for (let k = 0; k < c; k++) {
          const q = td[to + k * ts1];
          const qk = e > 0 ? q * (1 - e) + e / c : q;
          a[k] = weight === null ? qk : qk * weight[k];
          total += a[k];
          if (gt !== undefined) gt[ho + k * hs1] = -g * (1 - e) * (weight === null ? logp[k] : logp[k] * weight[k]);
        }
        if (gi === undefined) continue;
      }
      for (let k = 0, p = go; k < c; k++, p += gs1) gi[p] = g * (total * Math.exp(logp[k]) - a[k]);
    }
  }
}
