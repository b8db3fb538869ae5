// Adamax's update rule, as torch.optim.adamax._single_tensor_adamax (PyTorch 1.13).
import { zerosLike, type Tensor } from '@torchlet/tensor-core';

export interface AdamaxRuleOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

export interface AdamaxState {
  step: number;
  expAvg: Tensor;
  /** Exponentially weighted infinity norm. */
  expInf: Tensor;
}

export function initAdamaxState(param: Tensor): AdamaxState {
  return { step: 0, expAvg: zerosLike(param), expInf: zerosLike(param) };
}

/** One Adamax step: updates `param` and `state` in place. */
export function adamaxStep(param: Tensor, grad: Tensor, state: AdamaxState, o: AdamaxRuleOptions): void {
  const [beta1, beta2] = o.betas;
  state.step += 1;
  // g = maximize ? -grad : grad
  let g = o.maximize ? grad.neg() : grad;
  // g = g + weightDecay * param
  if (o.weightDecay !== 0) g = g.add(param, { alpha: o.weightDecay });
  // m = beta1 * m + (1 - beta1) * g
  state.expAvg.mul_(beta1).add_(g, { alpha: 1 - beta1 });
  // u = max(beta2 * u, |g| + eps)  (NaN propagates, as torch.amax)
  state.expInf.mul_(beta2).maximum_(g.abs().add_(o.eps));
  // param = param - lr / (1 - beta1^t) * m / u
  const clr = o.lr / (1 - beta1 ** state.step);
  param.addcdiv_(state.expAvg, state.expInf, -clr);
}
