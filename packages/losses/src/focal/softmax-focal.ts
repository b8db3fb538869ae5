// softmaxFocalLoss: the multi-class focal loss on logits (softmax), with per-class alpha and ignoreIndex.
import { ValueError, type Tensor } from '@torchlet/tensor-core';
import { checkFloating, checkReduction, checkTensor, fail, withDefaults, type Reduction } from '../common.js';
import { pickClasses } from '../cross-entropy/picks.js';
import { checkIgnoreIndex, classLayout, refuseOneHot } from '../cross-entropy/targets.js';

/**
 * Options of `softmaxFocalLoss` and `SoftmaxFocalLoss`: a per-class `alpha`, the focusing `gamma`, `ignoreIndex` and `reduction`.
 *
 * @pytorch none in torch.nn; `ignoreIndex` and `reduction` as torch.nn.functional.cross_entropy's
 * @example
 * ```ts
 * const options: SoftmaxFocalLossOptions = { alpha: tensor([0.25, 0.5, 0.25], { dtype: 'float32' }), gamma: 2 };
 * const criterion = new SoftmaxFocalLoss(options);
 * ```
 */
export interface SoftmaxFocalLossOptions {
  /** Per-class weight alpha_c: a 1-D tensor of C values. Default: none (all ones). */
  alpha?: Tensor | null;
  /** Focusing exponent >= 0. Default 2. */
  gamma?: number;
  /** Targets equal to this contribute nothing. Default -100. */
  ignoreIndex?: number;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'softmaxFocalLoss';

/** The defaults (SoftmaxFocalLoss takes them from here). */
export const SOFTMAX_FOCAL_DEFAULTS: Readonly<Required<SoftmaxFocalLossOptions>> = {
  alpha: null,
  gamma: 2,
  ignoreIndex: -100,
  reduction: 'mean',
};

/**
 * Multi-class focal loss on logits. With log p = logSoftmax(input, classDim), target class y and
 * p_y = exp(log p_y):
 *   loss_i = -alpha_y * (1 - p_y)^gamma * log p_y        (0 where y = ignoreIndex)
 *   'mean' = sum_i loss_i / sum_{i kept} alpha_{y_i}     (the kept count without alpha)
 * so gamma = 0 is exactly crossEntropy(input, target, { weight: alpha, ignoreIndex }).
 * Shapes as crossEntropy with class indices: (C), (N, C) or (N, C, d1, ..., dk).
 *
 * @pytorch none in torch.nn: the multi-class focal loss, -alpha_y (1 - p_y)^gamma log p_y over torch.nn.functional.softmax
 * @example
 * ```ts
 * const logits = randn([4, 3]);
 * const loss = softmaxFocalLoss(logits, tensor([0, 2, 1, 0]), { gamma: 2 });
 * ```
 */
export function softmaxFocalLoss(input: Tensor, target: Tensor, options: SoftmaxFocalLossOptions = {}): Tensor {
  const { alpha, gamma, ignoreIndex, reduction } = withDefaults('softmaxFocalLoss', SOFTMAX_FOCAL_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  checkIgnoreIndex(OP, ignoreIndex);
  if (typeof gamma !== 'number' || !(gamma >= 0)) fail(OP, 'gamma', 'a number >= 0', String(gamma), ValueError);
  checkTensor(OP, 'target', target);
  const x = input;
  const t = target;
  refuseOneHot(OP, x, t, false);
  const layout = classLayout(OP, x.shape, t.shape);
  const picks = pickClasses(OP, t, layout, ignoreIndex, alpha ?? null, 'alpha', x, false);
  const logPy = x.logSoftmax(layout.classDim).gather(layout.classDim, picks.index).squeeze(layout.classDim);
  let loss = picks.weight === null ? logPy.neg() : logPy.neg().mul(picks.weight); // -alpha_y log p_y
  if (gamma !== 0) loss = logPy.exp().neg().add(1).pow(gamma).mul(loss); // (1 - p_y)^gamma
  loss = loss.where(picks.kept, 0);
  if (r === 'none') return loss;
  const total = loss.sum();
  return r === 'sum' ? total : total.div(picks.denominator);
}
