// binaryCrossEntropyWithLogits: PyTorch's F.binary_cross_entropy_with_logits, composed stably.
import { nameGradFn } from '@torchlet/autograd/internal';
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
  refuseWeightGrad,
} from '../common.js';

/**
 * Options of `binaryCrossEntropyWithLogits` and `BCEWithLogitsLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.binary_cross_entropy_with_logits
 * @example
 * ```ts
 * const options: BCEWithLogitsOptions = { posWeight: tensor([3], { dtype: 'float32' }) };
 * const criterion = new BCEWithLogitsLoss(options);
 * ```
 */
export interface BCEWithLogitsOptions {
  /** Rescaling weight broadcast against the loss (e.g. one value per element or per class). */
  weight?: Tensor | null;
  /** Weight of the positive term, broadcast against the target: aligned with the LAST dim (one per class). */
  posWeight?: Tensor | null;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'binaryCrossEntropyWithLogits';

/** PyTorch's defaults (BCEWithLogitsLoss takes them from here). */
export const BCE_WITH_LOGITS_DEFAULTS: Readonly<Required<BCEWithLogitsOptions>> = { weight: null, posWeight: null, reduction: 'mean' };

/**
 * Binary cross entropy of logits x with targets z in [0, 1], as
 * `torch.nn.functional.binary_cross_entropy_with_logits`:
 *   loss = w * [ (1 - z) x + (1 + (pw - 1) z) log(1 + exp(-x)) ]
 * which is -w [pw z log sigmoid(x) + (1 - z) log(1 - sigmoid(x))], since log sigmoid(x) = -log(1 + e^-x)
 * and log(1 - sigmoid(x)) = -x - log(1 + e^-x). Without posWeight this is tfjs's
 * max(x, 0) - x z + log(1 + exp(-|x|)).
 *
 * @pytorch torch.nn.functional.binary_cross_entropy_with_logits
 * @example
 * ```ts
 * const logits = randn([4]);
 * const target = tensor([1, 0, 1, 1], { dtype: 'float32' });
 * const loss = binaryCrossEntropyWithLogits(logits, target, { posWeight: tensor([2], { dtype: 'float32' }) });
 * ```
 */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, options: BCEWithLogitsOptions = {}): Tensor {
  const { weight, posWeight, reduction } = withDefaults('binaryCrossEntropyWithLogits', BCE_WITH_LOGITS_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  checkFloating(OP, 'target', target);
  checkSameShape(OP, 'target', target, input);
  refuseWeightGrad(OP, 'binary_cross_entropy_with_logits', 'weight', weight);
  refuseWeightGrad(OP, 'binary_cross_entropy_with_logits', 'posWeight', posWeight);
  const x = input;
  const z = target;
  if (weight !== null) checkBroadcast(OP, 'weight', weight, x.shape, 'input of shape');
  if (posWeight !== null) checkBroadcast(OP, 'posWeight', posWeight, x.shape, 'target of shape');
  // log(1 + exp(-x)) = max(-x, 0) + log1p(exp(-|x|))
  const softplusNeg = softplusExact(x.neg());
  const logWeight = posWeight === null ? null : posWeight.sub(1).mul(z).add(1); // 1 + (pw - 1) z
  let loss = z.neg().add(1).mul(x).add(logWeight === null ? softplusNeg : logWeight.mul(softplusNeg));
  if (weight !== null) loss = loss.mul(weight);
  return nameGradFn(reduce(loss, r), 'BinaryCrossEntropyWithLogitsBackward0');
}
