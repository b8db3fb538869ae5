// Adam's update rule, AdamW's too (decoupled weight decay), as torch.optim.adam/adamw._single_tensor_*
// (PyTorch 1.13; one rule with a decoupledWeightDecay option, as PyTorch 2.x's Adam).
import { zerosLike, type Tensor } from '@torchlet/tensor-core';
import { adamUpdate_ } from '@torchlet/tensor-core/internal';
import { fusable } from './fused.js';

export interface AdamRuleOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
  /** Decoupled weight decay (AdamW): `param *= 1 - lr * weightDecay` instead of L2. Default false. */
  decoupledWeightDecay?: boolean;
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

/**
 * One Adam step: updates `param` and `state` in place. Weight decay is L2 (added to the gradient),
 * or decoupled with `decoupledWeightDecay` (AdamW: the param shrinks by lr * weightDecay first).
 * Under noGrad (as `step()` runs it) one fused backend kernel (tensor-core's `adamUpdate_`) computes
 * the op sequence below with the same bits.
 */
export function adamStep(param: Tensor, grad: Tensor, state: AdamState, o: AdamRuleOptions): void {
  state.step += 1;
  const vmax = o.amsgrad ? (state.maxExpAvgSq ??= zerosLike(param)) : null;
  if (fusable(param, grad, state.expAvg, state.expAvgSq, vmax)) {
    adamUpdate_(param, grad, state.expAvg, state.expAvgSq, vmax, { ...o, step: state.step });
    return;
  }
  const [beta1, beta2] = o.betas;
  // g = maximize ? -grad : grad
  let g = o.maximize ? grad.neg() : grad;
  if (o.weightDecay !== 0) {
    // decoupled: param = param * (1 - lr * weightDecay);  L2: g = g + weightDecay * param
    if (o.decoupledWeightDecay === true) param.mul_(1 - o.lr * o.weightDecay);
    else g = g.add(param, { alpha: o.weightDecay });
  }
  // m = beta1 * m + (1 - beta1) * g
  state.expAvg.mul_(beta1).add_(g, { alpha: 1 - beta1 });
  // v = beta2 * v + (1 - beta2) * g^2
  state.expAvgSq.mul_(beta2).addcmul_(g, g, 1 - beta2);
  // bc1 = 1 - beta1^t, bc2 = 1 - beta2^t
  const bc1 = 1 - beta1 ** state.step;
  const bc2 = 1 - beta2 ** state.step;
  let v = state.expAvgSq;
  if (vmax !== null) {
    // vmax = max(vmax, v)
    v = vmax.maximum_(state.expAvgSq);
  }
  // denom = sqrt(v) / sqrt(bc2) + eps  (eps outside the bias-corrected sqrt, as PyTorch)
  const denom = v.sqrt().div_(Math.sqrt(bc2)).add_(o.eps);
  // param = param - (lr / bc1) * m / denom
  param.addcdiv_(state.expAvg, denom, -(o.lr / bc1));
}
