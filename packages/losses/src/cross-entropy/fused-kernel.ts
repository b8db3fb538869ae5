// The fused cross-entropy kernel on plain arrays: a stable log-softmax and the NLL in one pass
// forward, the closed-form gradient backward. Indexing is [N, C, S] row-major: (n, c, s) at
// n*C*S + c*S + s. Everything is computed in doubles and rounded once when stored.
import type { Reduction } from '../common.js';

export interface CrossEntropyPlan {
  readonly n: number;
  readonly c: number;
  readonly s: number;
  readonly reduction: Reduction;
  readonly labelSmoothing: number;
  /** Per-class weight, or null for all ones. */
  readonly weight: Float64Array | null;
  /** Class indices [N*S] (with ignoreIndex), or null for probability targets. */
  readonly classes: Float64Array | null;
  readonly ignoreIndex: number;
  /** Class probabilities [N*C*S], or null for class indices. */
  readonly probs: Float64Array | null;
}

export interface CrossEntropyForward {
  /** [N*S] per-position losses for 'none', else one value. */
  readonly loss: Float64Array;
  /** log-softmax of the input, [N*C*S] (saved for backward). */
  readonly logp: Float64Array;
  /** The 'mean' divisor: sum of the kept targets' weights (class indices) or N*S (probabilities). */
  readonly denominator: number;
}

/**
 * Forward. Per position i = (n, s), with log p_c = x_c - logsumexp(x) computed as
 * (x_c - m) - log(sum exp(x_c - m)), m = max_c x_c (no overflow: every exponent is <= 0):
 * - class index y (not ignored), smoothing e, weight w:
 *     loss_i = (1 - e) * (-w_y log p_y) + (e / C) * (-sum_c w_c log p_c)
 *   ignored positions give 0; 'mean' divides both terms by D = sum of w_y over kept positions
 *   (PyTorch's rule, so D = 0 gives NaN);
 * - probabilities q (smoothed to q (1 - e) + e / C): loss_i = -sum_c w_c q_c log p_c, and 'mean'
 *   divides by N * S.
 */
export function crossEntropyForward(x: Float64Array, plan: CrossEntropyPlan): CrossEntropyForward {
  const { n, c, s, weight, classes, probs, ignoreIndex, reduction } = plan;
  const e = plan.labelSmoothing;
  const logp = new Float64Array(n * c * s);
  const none = reduction === 'none';
  const loss = new Float64Array(none ? n * s : 1);
  let nllSum = 0;
  let smoothSum = 0;
  let denominator = 0;
  for (let b = 0; b < n; b++) {
    for (let j = 0; j < s; j++) {
      const base = b * c * s + j;
      // stable log-softmax over the classes of position (b, j)
      let m = -Infinity;
      for (let k = 0; k < c; k++) {
        const v = x[base + k * s];
        if (v > m || Number.isNaN(v)) m = v;
      }
      let sumExp = 0;
      for (let k = 0; k < c; k++) sumExp += Math.exp(x[base + k * s] - m);
      const logSum = Math.log(sumExp);
      for (let k = 0; k < c; k++) logp[base + k * s] = x[base + k * s] - m - logSum;
      const i = b * s + j;
      if (classes !== null) {
        const y = classes[i];
        if (y === ignoreIndex) continue;
        const wy = weight === null ? 1 : weight[y];
        const nll = -wy * logp[base + y * s];
        let smooth = 0;
        if (e > 0) {
          for (let k = 0; k < c; k++) smooth -= weight === null ? logp[base + k * s] : logp[base + k * s] * weight[k];
        }
        denominator += wy;
        if (none) loss[i] = e > 0 ? (1 - e) * nll + smooth * (e / c) : nll;
        else {
          nllSum += nll;
          smoothSum += smooth;
        }
      } else {
        const q = probs as Float64Array;
        let li = 0;
        for (let k = 0; k < c; k++) {
          const qk = e > 0 ? q[base + k * s] * (1 - e) + e / c : q[base + k * s];
          li -= weight === null ? logp[base + k * s] * qk : logp[base + k * s] * qk * weight[k];
        }
        if (none) loss[i] = li;
        else nllSum += li;
      }
    }
  }
  if (classes === null) denominator = n * s;
  if (!none) {
    if (classes !== null) {
      const nll = reduction === 'mean' ? nllSum / denominator : nllSum;
      const smooth = reduction === 'mean' ? smoothSum / denominator : smoothSum;
      loss[0] = e > 0 ? (1 - e) * nll + smooth * (e / c) : nll;
    } else {
      loss[0] = reduction === 'mean' ? nllSum / denominator : nllSum;
    }
  }
  return { loss, logp, denominator };
}

/**
 * Backward: d loss_i / d x_c = sum_k a_k * p_c - a_c, where a_k is the coefficient of -log p_k in
 * loss_i (d(-log p_k)/dx_c = p_c - [c = k]): that is (softmax - target distribution) * weight.
 * Class index y: a_k = (1 - e) w_y [k = y] + (e / C) w_k; probabilities: a_k = w_k q_k (smoothed).
 * Times the upstream gradient, divided by the 'mean' denominator. Ignored positions get 0.
 * For probability targets also d loss_i / d q_k = -(1 - e) w_k log p_k.
 */
export function crossEntropyBackward(
  fwd: CrossEntropyForward,
  plan: CrossEntropyPlan,
  upstream: Float64Array,
  wantTarget: boolean,
): { input: Float64Array; target: Float64Array | null } {
  const { n, c, s, weight, classes, probs, ignoreIndex, reduction } = plan;
  const e = plan.labelSmoothing;
  const { logp } = fwd;
  const gradInput = new Float64Array(n * c * s);
  const gradTarget = wantTarget && probs !== null ? new Float64Array(n * c * s) : null;
  const none = reduction === 'none';
  const scale = reduction === 'mean' ? 1 / fwd.denominator : 1;
  const a = new Float64Array(c);
  let wSum = 0;
  if (weight !== null) for (let k = 0; k < c; k++) wSum += weight[k];
  else wSum = c;
  for (let b = 0; b < n; b++) {
    for (let j = 0; j < s; j++) {
      const i = b * s + j;
      const base = b * c * s + j;
      const g = (none ? upstream[i] : upstream[0]) * scale;
      let total: number;
      if (classes !== null) {
        const y = classes[i];
        if (y === ignoreIndex) continue;
        const wy = weight === null ? 1 : weight[y];
        if (e > 0) {
          for (let k = 0; k < c; k++) a[k] = (e / c) * (weight === null ? 1 : weight[k]);
          a[y] += (1 - e) * wy;
          total = (1 - e) * wy + (e / c) * wSum;
        } else {
          // only the target class has a coefficient
          for (let k = 0; k < c; k++) {
            const pk = Math.exp(logp[base + k * s]);
            gradInput[base + k * s] = g * (wy * pk - (k === y ? wy : 0));
          }
          continue;
        }
      } else {
        const q = probs as Float64Array;
        total = 0;
        for (let k = 0; k < c; k++) {
          const qk = e > 0 ? q[base + k * s] * (1 - e) + e / c : q[base + k * s];
          a[k] = weight === null ? qk : qk * weight[k];
          total += a[k];
          if (gradTarget !== null) {
            gradTarget[base + k * s] = -g * (1 - e) * (weight === null ? logp[base + k * s] : logp[base + k * s] * weight[k]);
          }
        }
      }
      for (let k = 0; k < c; k++) gradInput[base + k * s] = g * (total * Math.exp(logp[base + k * s]) - a[k]);
    }
  }
  return { input: gradInput, target: gradTarget };
}
