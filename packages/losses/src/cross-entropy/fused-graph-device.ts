// crossEntropyBackwardGraph for tensors on a device (a GPU), whose targets, weights and 'mean'
// divisor cannot be read synchronously: the same closed form, (softmax * sum_k a_k - a) * upstream,
// with a built from tensor ops on the device instead of typed arrays.
import { arange, onesLike, zerosLike, type Tensor } from '@torchlet/tensor-core';
import { probabilityGradients, type CrossEntropyPlan } from './fused-graph.js';

export function crossEntropyBackwardGraphOnDevice(
  grad: Tensor,
  inputs: readonly Tensor[],
  target: Tensor,
  weight: Tensor | null,
  plan: CrossEntropyPlan,
  /** sum of the kept targets' weights (class indices, 'mean'), a 0-d tensor on the device. */
  denominator: Tensor | null,
  needs: readonly boolean[],
): (Tensor | null)[] {
  const x = inputs[0];
  const { c, reduction, ignoreIndex } = plan;
  const e = plan.labelSmoothing;
  const classDim = x.shape.length === 1 ? 0 : 1;
  const positionShape = classDim === 0 ? [] : x.shape.map((d, i) => (i === 1 ? 1 : d));
  const classShape = x.shape.map((d, i) => (i === classDim ? d : 1));
  const upstream = reduction === 'none' ? grad.reshape(positionShape) : grad;
  const p = x.softmax(classDim);
  const w = weight === null ? null : weight.reshape(classShape);
  // probability targets are the fused op's second input (class indices are not an input)
  if (inputs.length > 1) return probabilityGradients(x, inputs[1], p, upstream, w, plan, needs);
  // class indices: a_k = (1 - e) w_y [k = y] + (e / C) w_k at kept positions (0 at ignored ones)
  const y = target.reshape(positionShape);
  const kept = y.ne(ignoreIndex);
  const classIndex = arange(c, undefined, undefined, { dtype: 'int64', device: x.device }).reshape(classShape);
  const isTarget = classIndex.eq(y.where(kept, 0)).logicalAnd(kept); // [k = y], x's shape
  const wk = w === null ? onesLike(x) : zerosLike(x).add(w); // w_k at every position
  let a = wk.mul(1 - e).where(isTarget, 0);
  if (e > 0) a = a.add(wk.mul(e / c).where(kept, 0));
  if (reduction === 'mean' && denominator !== null) a = a.div(denominator);
  const gradInput = p.mul(a.sum(classDim, true)).sub(a).mul(upstream);
  return [needs[0] ? gradInput : null];
}
