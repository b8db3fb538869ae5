// softMarginLoss: PyTorch's F.soft_margin_loss (two-class logistic loss), computed stably.
import { nameGradFn } from '@torchlet/autograd/internal';
import type { Tensor } from '@torchlet/tensor-core';
import { checkBroadcast, checkFloating, checkReduction, reduce, softplusExact, withDefaults, type Reduction } from '../common.js';

/**
 * Options of `softMarginLoss` and `SoftMarginLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.soft_margin_loss
 * @example
 * ```ts
 * const options: SoftMarginLossOptions = { reduction: 'sum' };
 * const criterion = new SoftMarginLoss(options);
 * ```
 */
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
 *
 * @pytorch torch.nn.functional.soft_margin_loss
 * @example
 * ```ts
 * const scores = randn([4]);
 * const loss = softMarginLoss(scores, tensor([1, -1, 1, -1], { dtype: 'float32' }));
 * ```
 */
export function softMarginLoss(input: Tensor, target: Tensor, options: SoftMarginLossOptions = {}): Tensor {
  const { reduction } = withDefaults('softMarginLoss', SOFT_MARGIN_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  checkBroadcast(OP, 'target', target, input.shape, 'input of shape');
  return nameGradFn(reduce(softplusExact(input.mul(target).neg()), r), 'SoftMarginLossBackward0');
}
