// Adam's and AdamW's update rules, as torch.optim.adam/adamw._single_tensor_* (PyTorch 1.13).
import { zerosLike, type Tensor } from '@torchlet/tensor-core';

export interface AdamRuleOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

export interface AdamState {
  /** Steps taken (PyTorch keeps it in a float32 0-d tensor; integers are exact in both). */
  step: number;
  expAvg: Tensor;
  expAvgSq: Tensor;
  /** Only with amsgrad: the running max of expAvgSq. */
  maxExpAvgSq?: Tensor;
}

export function initAdamState(param: Tensor, amsgrad: boolean): AdamState {
  const state: AdamState = { step: 0, expAvg: zerosLike(param), expAvgSq: zerosLike(param) };
  if (amsgrad) state.maxExpAvgSq = zerosLike(param);
  return state;
}

/** Moments, bias corrections and the parameter update shared by Adam and AdamW. */
function adamUpdate(param: Tensor, g: Tensor, state: AdamState, o: AdamRuleOptions): void {
  const [beta1, beta2] = o.betas;
  // m = beta1 * m + (1 - beta1) * g
  state.expAvg.mul_(beta1).add_(g, { alpha: 1 - beta1 });
  // v = beta2 * v + (1 - beta2) * g^2
  state.expAvgSq.mul_(beta2).addcmul_(g, g, 1 - beta2);
  // bc1 = 1 - beta1^t, bc2 = 1 - beta2^t
  const bc1 = 1 - beta1 ** state.step;
  const bc2 = 1 - beta2 ** state.step;
  let v = state.expAvgSq;
  if (o.amsgrad) {
    // vmax = max(vmax, v)
    const vmax = state.maxExpAvgSq ?? (state.maxExpAvgSq = zerosLike(param));
    v = vmax.maximum_(state.expAvgSq);
  }
  // denom = sqrt(v) / sqrt(bc2) + eps  (eps outside the bias-corrected sqrt, as PyTorch)
  const denom = v.sqrt().div_(Math.sqrt(bc2)).add_(o.eps);
  // param = param - (lr / bc1) * m / denom
  param.addcdiv_(state.expAvg, denom, -(o.lr / bc1));
}

/** One Adam step (L2 weight decay added to the gradient): updates `param` and `state` in place. */
export function adamStep(param: Tensor, grad: Tensor, state: AdamState, o: AdamRuleOptions): void {
  // g = maximize ? -grad : grad
  let g = o.maximize ? grad.neg() : grad;
  state.step += 1;
  // g = g + weightDecay * param
  if (o.weightDecay !== 0) g = g.add(param, { alpha: o.weightDecay });
  adamUpdate(param, g, state, o);
}

/** One AdamW step (decoupled weight decay): updates `param` and `state` in place. */
export function adamwStep(param: Tensor, grad: Tensor, state: AdamState, o: AdamRuleOptions): void {
  // g = maximize ? -grad : grad
  const g = o.maximize ? grad.neg() : grad;
  state.step += 1;
  // param = param * (1 - lr * weightDecay)
  param.mul_(1 - o.lr * o.weightDecay);
  adamUpdate(param, g, state, o);
}
