// Rprop's update rule, as torch.optim.rprop._single_tensor_rprop (PyTorch 1.13).
import { fullLike, zerosLike, type Tensor } from '@torchlet/tensor-core';

export interface RpropRuleOptions {
  lr: number;
  /** (etaminus, etaplus): step-size factors after a sign change and after a repeated sign. */
  etas: [number, number];
  /** [min, max] step size. */
  stepSizes: [number, number];
  maximize: boolean;
}

export interface RpropState {
  step: number;
  /** The gradient of the previous step (0 where its sign flipped). */
  prev: Tensor;
  /** Per-element step sizes, starting at lr. */
  stepSize: Tensor;
}

export function initRpropState(param: Tensor, lr: number): RpropState {
  return { step: 0, prev: zerosLike(param), stepSize: fullLike(param, lr) };
}

/** One Rprop step: updates `param` and `state` in place. */
export function rpropStep(param: Tensor, grad: Tensor, state: RpropState, o: RpropRuleOptions): void {
  const [etaminus, etaplus] = o.etas;
  const [min, max] = o.stepSizes;
  state.step += 1;
  // g = maximize ? -grad : grad
  const g = o.maximize ? grad.neg() : grad;
  // s = sign(g * prev); the masks of the original signs (PyTorch fills them in turn: none overlaps)
  const sign = g.mul(state.prev).sign();
  const up = sign.gt(0);
  const down = sign.lt(0);
  const same = sign.eq(0);
  // factor = etaplus where s > 0, etaminus where s < 0, 1 where s = 0 (NaN stays NaN)
  sign.maskedFill_(up, etaplus).maskedFill_(down, etaminus).maskedFill_(same, 1);
  // stepSize = clamp(stepSize * factor, min, max)
  state.stepSize.mul_(sign).clamp_(min, max);
  // after a sign change the gradient counts as 0: no move now, no sign comparison next step
  const d = g.clone().maskedFill_(down, 0);
  // param = param - sign(d) * stepSize;  prev = d
  param.addcmul_(d.sign(), state.stepSize, -1);
  state.prev.copy_(d);
}
