// softMarginLoss: PyTorch's F.soft_margin_loss (two-class logistic loss), computed stably.
import { nameGradFn } from '@torchlet/autograd/internal';
import type { Tensor } from '@torchlet/tensor-core';
import { checkBroadcast, checkFloating, checkReduction, reduce, softplusExact, withDefaults, type Reduction } from '../common.js';

export interface SoftMarginLossOptions {
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'softMarginLoss';

/** PyTorch's defaults (SoftMarginLoss takes them from here). */
export const SOFT_MARGIN_DEFAULTS: Readonly<Required<SoftMarginLossOptions>> = { reduction: 'mean' };

/**
 * loss = log(1 + exp(-y x)) for targets y in {1, -1}, as `torch.nn.functional.soft_margin_loss`.
 * Computed as max(-yx, 0) + log1p(exp(-|yx|)): PyTorch's log1p(exp(-yx)) overflows to inf for
 * -yx above ~88 (float32) or ~709 (float64); torchlet stays finite there.
 */
export function softMarginLoss(input: Tensor, target: Tensor, options: SoftMarginLossOptions = {}): Tensor {
  const { reduction } = withDefaults('softMarginLoss', SOFT_MARGIN_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  checkBroadcast(OP, 'target', target, input.shape, 'input of shape');
  return nameGradFn(reduce(softplusExact(input.mul(target).neg()), r), 'SoftMarginLossBackward0');
}
