// cosineEmbeddingLoss: PyTorch's F.cosine_embedding_loss.
import { ShapeError, type Tensor } from '@torchlet/tensor-core';
import { checkFloating, checkReduction, checkTensor, fail, formatShape, reduce, sameShape, withDefaults, type Reduction } from '../common.js';

/**
 * Options of `cosineEmbeddingLoss` and `CosineEmbeddingLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.cosine_embedding_loss
 * @example
 * ```ts
 * const options: CosineEmbeddingLossOptions = { margin: 0.1 };
 * const criterion = new CosineEmbeddingLoss(options);
 * ```
 */
export interface CosineEmbeddingLossOptions {
  /** In [-1, 1]; default 0. */
  margin?: number;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'cosineEmbeddingLoss';
/** PyTorch's defaults (CosineEmbeddingLoss takes them from here). */
export const COSINE_EMBEDDING_DEFAULTS: Readonly<Required<CosineEmbeddingLossOptions>> = { margin: 0, reduction: 'mean' };
/** PyTorch's guard added to each squared norm. */
const EPSILON = 1e-12;

/**
 * For pairs (x1, x2) of shape (N, D) or (D) and targets y in {1, -1}, as
 * `torch.nn.functional.cosine_embedding_loss`, with cos = x1.x2 / sqrt((|x1|^2 + 1e-12)(|x2|^2 + 1e-12)):
 *   loss = 1 - cos  where y = 1;   max(0, cos - margin)  where y = -1.
 *
 * @pytorch torch.nn.functional.cosine_embedding_loss
 * @example
 * ```ts
 * const x1 = randn([3, 5]);
 * const x2 = randn([3, 5]);
 * const loss = cosineEmbeddingLoss(x1, x2, tensor([1, -1, 1], { dtype: 'float32' }));
 * ```
 */
export function cosineEmbeddingLoss(input1: Tensor, input2: Tensor, target: Tensor, options: CosineEmbeddingLossOptions = {}): Tensor {
  const { margin, reduction } = withDefaults('cosineEmbeddingLoss', COSINE_EMBEDDING_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input1', input1);
  checkFloating(OP, 'input2', input2);
  checkTensor(OP, 'target', target);
  const a = input1;
  const b = input2;
  if (!sameShape(a.shape, b.shape)) fail(OP, 'input2', `input1's shape ${formatShape(a.shape)}`, `shape ${formatShape(b.shape)}`, ShapeError);
  if (a.shape.length !== 1 && a.shape.length !== 2) fail(OP, 'input1', 'a tensor of shape (N, D) or (D)', `shape ${formatShape(a.shape)}`, ShapeError);
  const expected = a.shape.slice(0, -1);
  const ts = target.shape;
  if (!sameShape(ts, expected)) fail(OP, 'target', `shape ${formatShape(expected)} (one per pair)`, `shape ${formatShape(ts)}`, ShapeError);
  const y = target;
  const dim = a.shape.length - 1;
  const dot = a.mul(b).sum(dim);
  const mag1 = a.mul(a).sum(dim).add(EPSILON);
  const mag2 = b.mul(b).sum(dim).add(EPSILON);
  const cos = dot.div(mag1.mul(mag2).sqrt());
  const pos = cos.neg().add(1).where(y.eq(1), 0);
  const neg = cos.sub(margin).clamp(0).where(y.eq(-1), 0);
  return reduce(pos.add(neg), r);
}
