// hingeEmbeddingLoss: PyTorch's F.hinge_embedding_loss.
import type { Tensor } from '@torchlet/tensor-core';
import { checkBroadcast, checkFloating, checkReduction, reduce, withDefaults, type Reduction } from '../common.js';

/**
 * Options of `hingeEmbeddingLoss` and `HingeEmbeddingLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.hinge_embedding_loss
 * @example
 * ```ts
 * const options: HingeEmbeddingLossOptions = { margin: 2 };
 * const criterion = new HingeEmbeddingLoss(options);
 * ```
 */
export interface HingeEmbeddingLossOptions {
  /** Default 1. */
  margin?: number;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'hingeEmbeddingLoss';

/** PyTorch's defaults (HingeEmbeddingLoss takes them from here). */
export const HINGE_EMBEDDING_DEFAULTS: Readonly<Required<HingeEmbeddingLossOptions>> = { margin: 1, reduction: 'mean' };

/**
 * For targets y in {1, -1}, as `torch.nn.functional.hinge_embedding_loss`:
 *   loss = x where y = 1;  max(0, margin - x) where y = -1
 * (PyTorch's exact rule: the margin term where y != 1 plus x where y != -1, so other values get both).
 *
 * @pytorch torch.nn.functional.hinge_embedding_loss
 * @example
 * ```ts
 * const distances = rand([4]);
 * const loss = hingeEmbeddingLoss(distances, tensor([1, -1, 1, -1], { dtype: 'float32' }));
 * ```
 */
export function hingeEmbeddingLoss(input: Tensor, target: Tensor, options: HingeEmbeddingLossOptions = {}): Tensor {
  const { margin, reduction } = withDefaults('hingeEmbeddingLoss', HINGE_EMBEDDING_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  const x = input;
  const y = target;
  checkBroadcast(OP, 'target', target, x.shape, 'input of shape');
  const marginTerm = x.neg().add(margin).clamp(0).where(y.ne(1), 0);
  const selfTerm = x.where(y.ne(-1), 0);
  return reduce(marginTerm.add(selfTerm), r);
}
