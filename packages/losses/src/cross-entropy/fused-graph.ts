// The fused cross entropy's backward written with tensor ops, used when backward runs with
// createGraph so that the gradient is itself differentiable (second derivatives, gradient
// penalties). Same closed form as the kernel: (softmax * sum_k a_k - a) * upstream / denominator.
import type { Tensor } from '@torchlet/tensor-core';
import { constant, type Reduction } from '../common.js';

/** One crossEntropy call's layout ([N, C, S]) and options, as its backward needs them. */
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
}

export function crossEntropyBackwardGraph(
  grad: Tensor,
  inputs: readonly Tensor[],
  plan: CrossEntropyPlan,
  denominator: number,
  needs: readonly boolean[],
): (Tensor | null)[] {
  const x = inputs[0];
  const { n, c, s, weight, classes, ignoreIndex, reduction } = plan;
  const e = plan.labelSmoothing;
  const dtype = x.dtype;
  const classDim = x.shape.length === 1 ? 0 : 1;
  // per-position shape with the class dim kept as 1: [] for (C) input, else [N, 1, d1, ..., dk]
  const positionShape = classDim === 0 ? [] : x.shape.map((d, i) => (i === 1 ? 1 : d));
  const classShape = x.shape.map((d, i) => (i === classDim ? d : 1));
  const upstream = reduction === 'none' ? grad.reshape(positionShape) : grad;
  const p = x.softmax(classDim);
  if (classes !== null) {
    // a_k = (1 - e) w_y [k = y] + (e / C) w_k, A = sum_k a_k, both over the mean's denominator
    const scale = reduction === 'mean' ? 1 / denominator : 1;
    const a = new Float64Array(n * c * s);
    const total = new Float64Array(n * s);
    for (let b = 0; b < n; b++) {
      for (let j = 0; j < s; j++) {
        const y = classes[b * s + j];
        if (y === ignoreIndex) continue;
        let sum = 0;
        for (let k = 0; k < c; k++) {
          const wk = weight === null ? 1 : weight[k];
          const ak = (e > 0 ? (e / c) * wk : 0) + (k === y ? (1 - e) * wk : 0);
          a[b * c * s + k * s + j] = ak * scale;
          sum += ak;
        }
        total[b * s + j] = sum * scale;
      }
    }
    const gradInput = p.mul(constant(total, positionShape, dtype)).sub(constant(a, x.shape, dtype)).mul(upstream);
    return [needs[0] ? gradInput : null];
  }
  return probabilityGradients(x, inputs[1], p, upstream, weight === null ? null : constant(weight, classShape, dtype), plan, needs);
}

/**
 * The gradients for probability targets q: a = ((1 - e) q + e / C) w over N * S positions for
 * 'mean'; d input = (softmax * sum_k a_k - a) * upstream, d q = -(1 - e) w log_softmax * upstream.
 * `w` is the weight shaped to broadcast along the class dim (or null), `p` the softmax of `x`.
 */
export function probabilityGradients(
  x: Tensor,
  q: Tensor,
  p: Tensor,
  upstream: Tensor,
  w: Tensor | null,
  plan: CrossEntropyPlan,
  needs: readonly boolean[],
): (Tensor | null)[] {
  const { n, c, s, reduction } = plan;
  const e = plan.labelSmoothing;
  const classDim = x.shape.length === 1 ? 0 : 1;
  const scale = reduction === 'mean' ? 1 / (n * s) : 1;
  const smoothed = e > 0 ? q.mul(1 - e).add(e / c) : q;
  const a = w === null ? smoothed : smoothed.mul(w);
  const gradInput = needs[0] ? p.mul(a.sum(classDim, true)).sub(a).mul(upstream).mul(scale) : null;
  let gradTarget: Tensor | null = null;
  if (needs[1]) {
    const logp = x.logSoftmax(classDim);
    gradTarget = (w === null ? logp : logp.mul(w)).mul(-(1 - e) * scale).mul(upstream);
  }
  return [gradInput, gradTarget];
}
