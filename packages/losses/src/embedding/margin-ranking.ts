// marginRankingLoss: PyTorch's F.margin_ranking_loss.
import { nameGradFn } from '@torchlet/autograd/internal';
import type { Tensor } from '@torchlet/tensor-core';
import { checkBroadcast, checkFloating, checkReduction, reduce, withDefaults, type Reduction } from '../common.js';

/**
 * Options of `marginRankingLoss` and `MarginRankingLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.margin_ranking_loss
 * @example
 * ```ts
 * const options: MarginRankingLossOptions = { margin: 0.2 };
 * const criterion = new MarginRankingLoss(options);
 * ```
 */
export interface MarginRankingLossOptions {
  /** Default 0. */
  margin?: number;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'marginRankingLoss';

/** PyTorch's defaults (MarginRankingLoss takes them from here). */
export const MARGIN_RANKING_DEFAULTS: Readonly<Required<MarginRankingLossOptions>> = { margin: 0, reduction: 'mean' };

/**
 * loss = max(0, -y (x1 - x2) + margin) for y in {1, -1}, as `torch.nn.functional.margin_ranking_loss`.
 *
 * @pytorch torch.nn.functional.margin_ranking_loss
 * @example
 * ```ts
 * const a = randn([4]);
 * const b = randn([4]);
 * const loss = marginRankingLoss(a, b, tensor([1, -1, 1, 1], { dtype: 'float32' }), { margin: 0.5 });
 * ```
 */
export function marginRankingLoss(input1: Tensor, input2: Tensor, target: Tensor, options: MarginRankingLossOptions = {}): Tensor {
  const { margin, reduction } = withDefaults('marginRankingLoss', MARGIN_RANKING_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input1', input1);
  checkFloating(OP, 'input2', input2);
  checkBroadcast(OP, 'input2', input2, input1.shape, 'input1 of shape');
  checkBroadcast(OP, 'target', target, input1.shape, 'input1 of shape');
  const loss = reduce(target.neg().mul(input1.sub(input2)).add(margin).clamp(0), r);
  // PyTorch's clamp_min: its node's name where nothing reduces after it
  return r === 'none' ? nameGradFn(loss, 'ClampMinBackward0') : loss;
}
