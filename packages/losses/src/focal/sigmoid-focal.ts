// sigmoidFocalLoss: torchvision.ops.sigmoid_focal_loss (Lin et al., "Focal Loss for Dense Object Detection").
import { ValueError, type Tensor } from '@torchlet/tensor-core';
import { checkFloating, checkReduction, checkSameShape, fail, reduce, withDefaults, type Reduction } from '../common.js';
import { binaryCrossEntropyWithLogits } from '../binary/bce-with-logits.js';

/**
 * Options of `sigmoidFocalLoss` and `SigmoidFocalLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torchvision.ops.sigmoid_focal_loss (torchvision)
 * @example
 * ```ts
 * const options: SigmoidFocalLossOptions = { alpha: 0.5, gamma: 1, reduction: 'sum' };
 * const criterion = new SigmoidFocalLoss(options);
 * ```
 */
export interface SigmoidFocalLossOptions {
  /** Weight of the positive class in [0, 1]; a negative value disables the alpha weighting. Default 0.25. */
  alpha?: number;
  /** Focusing exponent >= 0 on (1 - p_t). Default 2. */
  gamma?: number;
  /** Default 'none' (as torchvision). */
  reduction?: Reduction;
}

const OP = 'sigmoidFocalLoss';

/** torchvision's defaults (SigmoidFocalLoss takes them from here). */
export const SIGMOID_FOCAL_DEFAULTS: Readonly<Required<SigmoidFocalLossOptions>> = { alpha: 0.25, gamma: 2, reduction: 'none' };

/**
 * Binary focal loss on logits, as `torchvision.ops.sigmoid_focal_loss`: with p = sigmoid(x) and
 * targets z in [0, 1],
 *   p_t = p z + (1 - p)(1 - z),  alpha_t = alpha z + (1 - alpha)(1 - z)
 *   loss = alpha_t * (1 - p_t)^gamma * BCEWithLogits(x, z)      (no alpha_t when alpha < 0)
 * The cross-entropy factor is the stable binaryCrossEntropyWithLogits, so huge logits stay finite.
 *
 * @pytorch torchvision.ops.sigmoid_focal_loss (torchvision; torch.nn has no focal loss)
 * @example
 * ```ts
 * const logits = randn([4]);
 * const target = tensor([1, 0, 0, 1], { dtype: 'float32' });
 * const loss = sigmoidFocalLoss(logits, target, { gamma: 2, reduction: 'mean' });
 * ```
 */
export function sigmoidFocalLoss(input: Tensor, target: Tensor, options: SigmoidFocalLossOptions = {}): Tensor {
  const { alpha, gamma, reduction } = withDefaults('sigmoidFocalLoss', SIGMOID_FOCAL_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  checkSameShape(OP, 'target', target, input);
  if (typeof alpha !== 'number' || Number.isNaN(alpha) || alpha > 1) fail(OP, 'alpha', 'a number <= 1 (negative disables it)', String(alpha), ValueError);
  if (typeof gamma !== 'number' || !(gamma >= 0)) fail(OP, 'gamma', 'a number >= 0', String(gamma), ValueError);
  const x = input;
  const z = target;
  const p = x.sigmoid();
  const ce = binaryCrossEntropyWithLogits(x, z, { reduction: 'none' });
  const pT = p.mul(z).add(p.neg().add(1).mul(z.neg().add(1)));
  // (1 - p_t)^0 = 1 exactly, with no gradient (avoids 0 * inf from pow's rule at p_t = 1)
  let loss = gamma === 0 ? ce : ce.mul(pT.neg().add(1).pow(gamma));
  if (alpha >= 0) loss = z.mul(alpha).add(z.neg().add(1).mul(1 - alpha)).mul(loss);
  return reduce(loss, r);
}
