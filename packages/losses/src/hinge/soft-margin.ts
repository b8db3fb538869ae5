// softMarginLoss: PyTorch's F.soft_margin_loss (two-class logistic loss), computed stably.
import type { Tensor } from '@torchlet/autograd';
import { asTensor, checkBroadcast, checkFloating, checkReduction, reduce, softplusExact, type Reduction, type TensorLike } from '../common.js';

export interface SoftMarginLossOptions {
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'softMarginLoss';

/**
 * loss = log(1 + exp(-y x)) for targets y in {1, -1}, as `torch.nn.functional.soft_margin_loss`.
 * Computed as max(-yx, 0) + log1p(exp(-|yx|)): PyTorch's log1p(exp(-yx)) overflows to inf for
 * -yx above ~88 (float32) or ~709 (float64); torchlet stays finite there.
 */
export function softMarginLoss(input: TensorLike, target: TensorLike, options: SoftMarginLossOptions = {}): Tensor {
  const { reduction = 'mean' } = options;
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  checkBroadcast(OP, 'target', target, asTensor(input).shape, 'input of shape');
  const x = asTensor(input);
  const y = asTensor(target);
  return reduce(softplusExact(x.mul(y).neg()), r);
}
