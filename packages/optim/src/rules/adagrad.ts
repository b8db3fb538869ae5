// Adagrad's update rule, as torch.optim.adagrad._single_tensor_adagrad (PyTorch 1.13, dense grads).
import { fullLike, type Tensor } from '@torchlet/tensor-core';

export interface AdagradRuleOptions {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  eps: number;
  maximize: boolean;
}

export interface AdagradState {
  step: number;
  /** Running sum of squared gradients, starting at initialAccumulatorValue. */
  sum: Tensor;
}

export function initAdagradState(param: Tensor, initialAccumulatorValue: number): AdagradState {
  return { step: 0, sum: fullLike(param, initialAccumulatorValue) };
}

/** One Adagrad step: updates `param` and `state` in place. */
export function adagradStep(param: Tensor, grad: Tensor, state: AdagradState, o: AdagradRuleOptions): void {
  state.step += 1;
  // g = maximize ? -grad : grad
  let g = o.maximize ? grad.neg() : grad;
  // g = g + weightDecay * param
  if (o.weightDecay !== 0) g = g.add(param, { alpha: o.weightDecay });
  // clr = lr / (1 + (t - 1) * lrDecay)
  const clr = o.lr / (1 + (state.step - 1) * o.lrDecay);
  // sum = sum + g^2
  state.sum.addcmul_(g, g, 1);
  // std = sqrt(sum) + eps
  const std = state.sum.sqrt().add_(o.eps);
  // param = param - clr * g / std
  param.addcdiv_(g, std, -clr);
}
