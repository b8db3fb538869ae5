// tripletMarginLoss: PyTorch's F.triplet_margin_loss.
import { nameGradFn } from '@torchlet/autograd/internal';
import { ShapeError, ValueError, type Tensor } from '@torchlet/tensor-core';
import { checkBroadcast, checkFloating, checkReduction, fail, reduce, withDefaults, type Reduction } from '../common.js';

/**
 * Options of `tripletMarginLoss` and `TripletMarginLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.triplet_margin_loss
 * @example
 * ```ts
 * const options: TripletMarginLossOptions = { margin: 0.5, p: 1, swap: true };
 * const criterion = new TripletMarginLoss(options);
 * ```
 */
export interface TripletMarginLossOptions {
  /** Default 1. */
  margin?: number;
  /** The norm degree of the pairwise distance (> 0). Default 2. */
  p?: number;
  /** Added to the differences before the norm. Default 1e-6. */
  eps?: number;
  /** Use min(d(a, n), d(p, n)) as the negative distance. Default false. */
  swap?: boolean;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'tripletMarginLoss';

/** PyTorch's defaults (TripletMarginLoss takes them from here). */
export const TRIPLET_MARGIN_DEFAULTS: Readonly<Required<TripletMarginLossOptions>> = {
  margin: 1,
  p: 2,
  eps: 1e-6,
  swap: false,
  reduction: 'mean',
};

/** PyTorch's pairwise_distance: || x1 - x2 + eps ||_p over the last dim. */
export function pairwiseDistance(x1: Tensor, x2: Tensor, p: number, eps: number): Tensor {
  const d = x1.sub(x2).add(eps);
  const dim = Math.max(x1.shape.length, x2.shape.length) - 1;
  if (p === 2) return d.mul(d).sum(dim).sqrt();
  if (p === 1) return d.abs().sum(dim);
  return d.abs().pow(p).sum(dim).pow(1 / p);
}

/**
 * For anchors a, positives p and negatives n of shape (N, D) or (D), as
 * `torch.nn.functional.triplet_margin_loss`:
 *   loss = max(0, margin + d(a, p) - d(a, n)),  d(x, y) = || x - y + eps ||_p
 * With swap, d(a, n) is replaced by min(d(a, n), d(p, n)).
 *
 * @pytorch torch.nn.functional.triplet_margin_loss
 * @example
 * ```ts
 * const [anchor, positive, negative] = [randn([4, 8]), randn([4, 8]), randn([4, 8])];
 * const loss = tripletMarginLoss(anchor, positive, negative, { margin: 1, p: 2 });
 * ```
 */
export function tripletMarginLoss(anchor: Tensor, positive: Tensor, negative: Tensor, options: TripletMarginLossOptions = {}): Tensor {
  const { margin, p, eps, swap, reduction } = withDefaults('tripletMarginLoss', TRIPLET_MARGIN_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'anchor', anchor);
  checkFloating(OP, 'positive', positive);
  checkFloating(OP, 'negative', negative);
  if (typeof p !== 'number' || !(p > 0)) fail(OP, 'p', 'a norm degree > 0', String(p), ValueError);
  const a = anchor;
  const pos = positive;
  const neg = negative;
  for (const [name, t] of [['positive', pos], ['negative', neg]] as const) {
    if (t.shape.length !== a.shape.length) {
      fail(OP, name, `${a.shape.length} dims like anchor`, `${t.shape.length} dims`, ShapeError);
    }
    checkBroadcast(OP, name, t, a.shape, 'anchor of shape');
  }
  const dPos = pairwiseDistance(a, pos, p, eps);
  let dNeg = pairwiseDistance(a, neg, p, eps);
  if (swap) dNeg = dNeg.minimum(pairwiseDistance(pos, neg, p, eps));
  // PyTorch: clamp_min(margin + d_pos - d_neg, 0), whose node's name shows where nothing reduces after it
  const loss = reduce(dPos.add(margin).sub(dNeg).clamp(0), r);
  return r === 'none' ? nameGradFn(loss, 'ClampMinBackward0') : loss;
}
