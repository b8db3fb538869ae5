// multiLabelSoftMarginLoss: PyTorch's F.multilabel_soft_margin_loss, composed stably.
import type { Tensor } from '@torchlet/tensor-core';
import {
  checkBroadcast,
  checkFloating,
  checkReduction,
  checkSameShape,
  reduce,
  softplusExact,
  withDefaults,
  type Reduction,
} from '../common.js';

/**
 * Options of `multiLabelSoftMarginLoss` and `MultiLabelSoftMarginLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.multilabel_soft_margin_loss
 * @example
 * ```ts
 * const options: MultiLabelSoftMarginLossOptions = { weight: tensor([1, 2, 1], { dtype: 'float32' }) };
 * const criterion = new MultiLabelSoftMarginLoss(options);
 * ```
 */
export interface MultiLabelSoftMarginLossOptions {
  /** Per-class weight broadcast against (N, C). */
  weight?: Tensor | null;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'multiLabelSoftMarginLoss';

/** PyTorch's defaults (MultiLabelSoftMarginLoss takes them from here). */
export const MULTILABEL_SOFT_MARGIN_DEFAULTS: Readonly<Required<MultiLabelSoftMarginLossOptions>> = { weight: null, reduction: 'mean' };

/**
 * One-vs-all logistic loss, as `torch.nn.functional.multilabel_soft_margin_loss`: for input (N, C)
 * and 0/1 targets,
 *   loss_n = sum_c w_c [ y log(1 + e^-x) + (1 - y) log(1 + e^x) ] / C
 * (-log sigmoid(x) = log(1 + e^-x) and -log(1 - sigmoid(x)) = log(1 + e^x), both computed without overflow).
 *
 * @pytorch torch.nn.functional.multilabel_soft_margin_loss
 * @example
 * ```ts
 * const scores = randn([2, 3]);
 * const loss = multiLabelSoftMarginLoss(scores, tensor([[1, 0, 1], [0, 1, 0]], { dtype: 'float32' }));
 * ```
 */
export function multiLabelSoftMarginLoss(input: Tensor, target: Tensor, options: MultiLabelSoftMarginLossOptions = {}): Tensor {
  const { weight, reduction } = withDefaults('multiLabelSoftMarginLoss', MULTILABEL_SOFT_MARGIN_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  checkSameShape(OP, 'target', target, input);
  const x = input;
  const y = target;
  if (weight !== null) checkBroadcast(OP, 'weight', weight, x.shape, 'input of shape');
  let loss = y.mul(softplusExact(x.neg())).add(y.neg().add(1).mul(softplusExact(x)));
  if (weight !== null) loss = loss.mul(weight);
  const classDim = x.shape.length - 1;
  const c = x.shape[classDim];
  return reduce(loss.sum(classDim).div(c), r);
}
