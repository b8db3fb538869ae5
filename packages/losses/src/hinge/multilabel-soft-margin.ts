// multiLabelSoftMarginLoss: PyTorch's F.multilabel_soft_margin_loss, composed stably.
import type { Tensor } from '@torchlet/autograd';
import {
  asTensor,
  checkBroadcast,
  checkFloating,
  checkReduction,
  checkSameShape,
  reduce,
  softplusExact,
  type Reduction,
  type TensorLike,
} from '../common.js';

export interface MultiLabelSoftMarginLossOptions {
  /** Per-class weight broadcast against (N, C). */
  weight?: TensorLike | null;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'multiLabelSoftMarginLoss';

/**
 * One-vs-all logistic loss, as `torch.nn.functional.multilabel_soft_margin_loss`: for input (N, C)
 * and 0/1 targets,
 *   loss_n = sum_c w_c [ y log(1 + e^-x) + (1 - y) log(1 + e^x) ] / C
 * (-log sigmoid(x) = log(1 + e^-x) and -log(1 - sigmoid(x)) = log(1 + e^x), both computed without overflow).
 */
export function multiLabelSoftMarginLoss(input: TensorLike, target: TensorLike, options: MultiLabelSoftMarginLossOptions = {}): Tensor {
  const { weight = null, reduction = 'mean' } = options;
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  checkSameShape(OP, 'target', target, input);
  const x = asTensor(input);
  const y = asTensor(target);
  if (weight !== null) checkBroadcast(OP, 'weight', weight, x.shape, 'input of shape');
  let loss = y.mul(softplusExact(x.neg())).add(y.neg().add(1).mul(softplusExact(x)));
  if (weight !== null) loss = loss.mul(asTensor(weight));
  const classDim = x.shape.length - 1;
  const c = x.shape[classDim];
  return reduce(loss.sum(classDim).div(c), r);
}
