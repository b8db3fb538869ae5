// NAdam's update rule, as torch.optim.nadam._single_tensor_nadam (PyTorch 1.13).
import { zerosLike, type Tensor } from '@torchlet/tensor-core';

export interface NAdamRuleOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  momentumDecay: number;
}

export interface NAdamState {
  step: number;
  /** Product of the mu_t so far. PyTorch keeps it in a float32 0-d tensor; so does this rule (Math.fround). */
  muProduct: number;
  expAvg: Tensor;
  expAvgSq: Tensor;
}

export function initNAdamState(param: Tensor): NAdamState {
  return { step: 0, muProduct: 1, expAvg: zerosLike(param), expAvgSq: zerosLike(param) };
}

/** One NAdam step: updates `param` and `state` in place. */
export function nadamStep(param: Tensor, grad: Tensor, state: NAdamState, o: NAdamRuleOptions): void {
  const [beta1, beta2] = o.betas;
  const f = Math.fround;
  state.step += 1;
  const t = state.step;
  const bc2 = 1 - beta2 ** t;
  // g = grad + weightDecay * param
  const g = o.weightDecay !== 0 ? grad.add(param, { alpha: o.weightDecay }) : grad;
  // mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentumDecay)), mu_{t+1} likewise
  const mu = beta1 * (1 - 0.5 * 0.96 ** (t * o.momentumDecay));
  const muNext = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * o.momentumDecay));
  // prod = prod * mu_t; prodNext = prod * mu_t * mu_{t+1}, in float32 like PyTorch's 0-d tensor
  state.muProduct = f(f(state.muProduct) * f(mu));
  const muProductNext = f(f(state.muProduct * f(mu)) * f(muNext));
  // m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2
  state.expAvg.mul_(beta1).add_(g, { alpha: 1 - beta1 });
  state.expAvgSq.mul_(beta2).addcmul_(g, g, 1 - beta2);
  // denom = sqrt(v / bc2) + eps
  const denom = state.expAvgSq.div(bc2).sqrt_().add_(o.eps);
  // param = param - lr * (1 - mu_t) / (1 - prod) * g / denom
  param.addcdiv_(g, denom, (-o.lr * (1 - mu)) / (1 - state.muProduct));
  // param = param - lr * mu_{t+1} / (1 - prodNext) * m / denom
  param.addcdiv_(state.expAvg, denom, (-o.lr * muNext) / (1 - muProductNext));
}
