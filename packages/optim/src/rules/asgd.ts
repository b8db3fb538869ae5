// ASGD's update rule, as torch.optim.asgd._single_tensor_asgd (PyTorch 1.13).
import { zerosLike, type Tensor } from '@torchlet/tensor-core';

export interface ASGDRuleOptions {
  lr: number;
  lambd: number;
  alpha: number;
  t0: number;
  weightDecay: number;
  maximize: boolean;
}

export interface ASGDState {
  step: number;
  /**
   * The current step size. PyTorch keeps eta and mu in float32 0-d tensors (`torch.tensor(lr)`),
   * also for float64 params; so does this rule (Math.fround).
   */
  eta: number;
  /** The averaging weight (1 until step t0). */
  mu: number;
  /** The averaged parameter. */
  ax: Tensor;
}

export function initASGDState(param: Tensor, lr: number): ASGDState {
  return { step: 0, eta: Math.fround(lr), mu: 1, ax: zerosLike(param) };
}

/** One ASGD step: updates `param` and `state` in place. */
export function asgdStep(param: Tensor, grad: Tensor, state: ASGDState, o: ASGDRuleOptions): void {
  const f = Math.fround;
  state.step += 1;
  const step = state.step;
  // g = maximize ? -grad : grad;  g = g + weightDecay * param
  let g = o.maximize ? grad.neg() : grad;
  if (o.weightDecay !== 0) g = g.add(param, { alpha: o.weightDecay });
  // param = param * (1 - lambd * eta)  (decay term)
  param.mul_(1 - o.lambd * state.eta);
  // param = param - eta * g
  param.add_(g, { alpha: -state.eta });
  // ax = ax + mu (param - ax) while averaging (mu != 1), else ax = param
  if (state.mu !== 1) state.ax.add_(param.sub(state.ax).mul(state.mu));
  else state.ax.copy_(param);
  // eta = lr / (1 + lambd lr t)^alpha;  mu = 1 / max(1, t - t0)  (both float32, as PyTorch's 0-d tensors)
  state.eta = f(o.lr / Math.pow(1 + o.lambd * o.lr * step, o.alpha));
  const d = step - o.t0;
  state.mu = f(1 / (d > 1 ? d : 1));
}
