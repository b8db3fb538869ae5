// RAdam's update rule, as torch.optim.radam._single_tensor_radam (PyTorch 1.13).
import { scalarTensor, zerosLike, type Tensor } from '@torchlet/tensor-core';

export interface RAdamRuleOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
}

export interface RAdamState {
  step: number;
  expAvg: Tensor;
  expAvgSq: Tensor;
}

export function initRAdamState(param: Tensor): RAdamState {
  return { step: 0, expAvg: zerosLike(param), expAvgSq: zerosLike(param) };
}

/** One RAdam step: updates `param` and `state` in place. */
export function radamStep(param: Tensor, grad: Tensor, state: RAdamState, o: RAdamRuleOptions): void {
  const [beta1, beta2] = o.betas;
  state.step += 1;
  const t = state.step;
  const bc1 = 1 - beta1 ** t;
  const bc2 = 1 - beta2 ** t;
  // g = grad + weightDecay * param
  const g = o.weightDecay !== 0 ? grad.add(param, { alpha: o.weightDecay }) : grad;
  // m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2
  state.expAvg.mul_(beta1).add_(g, { alpha: 1 - beta1 });
  state.expAvgSq.mul_(beta2).addcmul_(g, g, 1 - beta2);
  // mHat = m / bc1
  const update = state.expAvg.div(bc1);
  // rho_inf = 2 / (1 - beta2) - 1;  rho_t = rho_inf - 2 t beta2^t / bc2
  const rhoInf = 2 / (1 - beta2) - 1;
  const rhoT = rhoInf - (2 * t * beta2 ** t) / bc2;
  // update = mHat * lr, rectified once rho_t > 5 (the variance of the adaptive lr is tractable)
  update.mul_(o.lr);
  if (rhoT > 5) {
    // r = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))
    const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
    // adaptiveLr = sqrt(bc2) / (sqrt(v) + eps);  update = mHat * lr * adaptiveLr * r
    const adaptiveLr = scalarTensor(Math.sqrt(bc2), param.dtype).div(state.expAvgSq.sqrt().add_(o.eps));
    update.mul_(adaptiveLr).mul_(rect);
  }
  // param = param - update
  param.sub_(update);
}
