// Adadelta's update rule, as torch.optim.adadelta._single_tensor_adadelta (PyTorch 1.13).
import { zerosLike, type Tensor } from '@torchlet/tensor-core';

export interface AdadeltaRuleOptions {
  lr: number;
  rho: number;
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

export interface AdadeltaState {
  step: number;
  squareAvg: Tensor;
  accDelta: Tensor;
}

export function initAdadeltaState(param: Tensor): AdadeltaState {
  return { step: 0, squareAvg: zerosLike(param), accDelta: zerosLike(param) };
}

/** One Adadelta step: updates `param` and `state` in place. */
export function adadeltaStep(param: Tensor, grad: Tensor, state: AdadeltaState, o: AdadeltaRuleOptions): void {
  state.step += 1;
  // g = maximize ? -grad : grad
  let g = o.maximize ? grad.neg() : grad;
  // g = g + weightDecay * param
  if (o.weightDecay !== 0) g = g.add(param, { alpha: o.weightDecay });
  // v = rho * v + (1 - rho) * g^2
  state.squareAvg.mul_(o.rho).addcmul_(g, g, 1 - o.rho);
  // std = sqrt(v + eps)
  const std = state.squareAvg.add(o.eps).sqrt_();
  // delta = sqrt(u + eps) / std * g
  const delta = state.accDelta.add(o.eps).sqrt_().div_(std).mul_(g);
  // u = rho * u + (1 - rho) * delta^2
  state.accDelta.mul_(o.rho).addcmul_(delta, delta, 1 - o.rho);
  // param = param - lr * delta
  param.add_(delta, { alpha: -o.lr });
}
