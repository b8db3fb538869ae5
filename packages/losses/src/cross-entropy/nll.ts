// nllLoss: PyTorch's F.nll_loss, composed from differentiable primitives (gather, where, mul, sum).
import { nameGradFn } from '@torchlet/autograd/internal';
import type { Tensor } from '@torchlet/tensor-core';
import { checkFloating, checkReduction, checkTensor, withDefaults, type Reduction, refuseWeightGrad } from '../common.js';
import { pickClasses } from './picks.js';
import { checkIgnoreIndex, classLayout, refuseOneHot } from './targets.js';

/**
 * Options of `nllLoss` and `NLLLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.nll_loss
 * @example
 * ```ts
 * const options: NLLLossOptions = { weight: tensor([1, 2, 1], { dtype: 'float32' }) };
 * const loss = nllLoss(randn([4, 3]).logSoftmax(1), tensor([0, 2, 1, 0]), options);
 * ```
 */
export interface NLLLossOptions {
  /** Per-class rescaling weight: a 1-D tensor of C values. Default: none (all ones). */
  weight?: Tensor | null;
  /** Targets equal to this contribute nothing. Default -100. */
  ignoreIndex?: number;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'nllLoss';

/** PyTorch's defaults (NLLLoss takes them from here). */
export const NLL_LOSS_DEFAULTS: Readonly<Required<NLLLossOptions>> = { weight: null, ignoreIndex: -100, reduction: 'mean' };

/**
 * Negative log likelihood of log-probabilities `input` at class-index `target`, as
 * `torch.nn.functional.nll_loss`: loss_i = -w_{y_i} * input[i, y_i] (0 where y_i = ignoreIndex);
 * 'mean' = sum_i loss_i / sum_{i kept} w_{y_i} (NaN when every target is ignored or the batch is empty).
 * input: (C), (N, C) or (N, C, d1, ..., dk); target int64 (), (N) or (N, d1, ..., dk).
 *
 * @pytorch torch.nn.functional.nll_loss
 * @example
 * ```ts
 * const logProbs = randn([4, 3]).logSoftmax(1);
 * const loss = nllLoss(logProbs, tensor([0, 2, 1, 0]));
 * ```
 */
export function nllLoss(input: Tensor, target: Tensor, options: NLLLossOptions = {}): Tensor {
  const { weight, ignoreIndex, reduction } = withDefaults('nllLoss', NLL_LOSS_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  checkIgnoreIndex(OP, ignoreIndex);
  refuseWeightGrad(OP, 'nll_loss', 'weight', weight);
  checkTensor(OP, 'target', target);
  const x = input;
  const t = target;
  refuseOneHot(OP, x, t, false);
  const layout = classLayout(OP, x.shape, t.shape);
  const picks = pickClasses(OP, t, layout, ignoreIndex, weight ?? null, 'weight', x, true);
  const picked = x.gather(layout.classDim, picks.index).squeeze(layout.classDim); // input[i, y_i]
  // where() rather than a product with 0, so an ignored position never turns -inf into NaN
  const loss = (picks.weight === null ? picked.neg() : picked.mul(picks.weight.neg())).where(picks.kept, 0);
  if (r === 'none') return nameGradFn(loss, 'NllLossBackward0');
  const total = loss.sum();
  return nameGradFn(r === 'mean' ? total.div(picks.denominator) : total, 'NllLossBackward0');
}
