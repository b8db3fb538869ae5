// RMSprop's update rule, as torch.optim.rmsprop._single_tensor_rmsprop (PyTorch 1.13).
import { zerosLike, type Tensor } from '@torchlet/tensor-core';

export interface RMSpropRuleOptions {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

export interface RMSpropState {
  step: number;
  squareAvg: Tensor;
  /** Only with momentum > 0. */
  momentumBuffer?: Tensor;
  /** Only when centered. */
  gradAvg?: Tensor;
}

export function initRMSpropState(param: Tensor, o: Pick<RMSpropRuleOptions, 'momentum' | 'centered'>): RMSpropState {
  const state: RMSpropState = { step: 0, squareAvg: zerosLike(param) };
  if (o.momentum > 0) state.momentumBuffer = zerosLike(param);
  if (o.centered) state.gradAvg = zerosLike(param);
  return state;
}

/** One RMSprop step: updates `param` and `state` in place. */
export function rmspropStep(param: Tensor, grad: Tensor, state: RMSpropState, o: RMSpropRuleOptions): void {
  state.step += 1;
  // g = maximize ? -grad : grad
  let g = o.maximize ? grad.neg() : grad;
  // g = g + weightDecay * param
  if (o.weightDecay !== 0) g = g.add(param, { alpha: o.weightDecay });
  // v = alpha * v + (1 - alpha) * g^2
  state.squareAvg.mul_(o.alpha).addcmul_(g, g, 1 - o.alpha);
  let avg: Tensor;
  if (o.centered) {
    // gAvg = alpha * gAvg + (1 - alpha) * g;  avg = sqrt(v - gAvg^2)
    const gradAvg = state.gradAvg ?? (state.gradAvg = zerosLike(param));
    gradAvg.mul_(o.alpha).add_(g, { alpha: 1 - o.alpha });
    avg = state.squareAvg.clone().addcmul_(gradAvg, gradAvg, -1).sqrt_();
  } else {
    // avg = sqrt(v)
    avg = state.squareAvg.sqrt();
  }
  // avg = avg + eps
  avg.add_(o.eps);
  if (o.momentum > 0) {
    // buf = momentum * buf + g / avg;  param = param - lr * buf
    const buf = state.momentumBuffer ?? (state.momentumBuffer = zerosLike(param));
    buf.mul_(o.momentum).addcdiv_(g, avg, 1);
    param.add_(buf, { alpha: -o.lr });
  } else {
    // param = param - lr * g / avg
    param.addcdiv_(g, avg, -o.lr);
  }
}
