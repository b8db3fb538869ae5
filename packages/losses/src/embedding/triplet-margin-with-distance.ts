// tripletMarginWithDistanceLoss: PyTorch's F.triplet_margin_with_distance_loss, a triplet loss over
// any distance the user supplies (the pairwise distance by default).
import type { Tensor } from '@torchlet/tensor-core';
import { checkReduction, checkTensor, fail, reduce, withDefaults, type Reduction } from '../common.js';
import { pairwiseDistance } from './triplet-margin.js';

/**
 * A distance between two batches of points: d(x, y) per sample (PyTorch's distance_function).
 *
 * @pytorch the distance_function argument of torch.nn.functional.triplet_margin_with_distance_loss
 * @example
 * ```ts
 * const cosineDistance: DistanceFunction = (x, y) => x.mul(y).sum(1).neg().add(1);
 * const loss = tripletMarginWithDistanceLoss(randn([4, 8]), randn([4, 8]), randn([4, 8]), { distanceFunction: cosineDistance });
 * ```
 */
export type DistanceFunction = (x: Tensor, y: Tensor) => Tensor;

/**
 * Options of `tripletMarginWithDistanceLoss` and `TripletMarginWithDistanceLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.triplet_margin_with_distance_loss
 * @example
 * ```ts
 * const options: TripletMarginWithDistanceLossOptions = { distanceFunction: (x, y) => x.sub(y).abs().sum(1), margin: 2 };
 * const criterion = new TripletMarginWithDistanceLoss(options);
 * ```
 */
export interface TripletMarginWithDistanceLossOptions {
  /** The distance; default PyTorch's pairwise_distance (p = 2, eps = 1e-6). */
  distanceFunction?: DistanceFunction | null;
  /** Default 1. */
  margin?: number;
  /** Use min(d(a, n), d(p, n)) as the negative distance. Default false. */
  swap?: boolean;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'tripletMarginWithDistanceLoss';

/** PyTorch's defaults (TripletMarginWithDistanceLoss takes them from here). */
export const TRIPLET_MARGIN_WITH_DISTANCE_DEFAULTS: Readonly<Required<TripletMarginWithDistanceLossOptions>> = {
  distanceFunction: null,
  margin: 1,
  swap: false,
  reduction: 'mean',
};

const pairwise: DistanceFunction = (x, y) => pairwiseDistance(x, y, 2, 1e-6);

/**
 * max(0, d(a, p) - d(a, n) + margin), reduced, with d the given distance (PyTorch 1.13's formula
 * and order of operations; with swap, d(a, n) is replaced by min(d(a, n), d(p, n))).
 *
 * @pytorch torch.nn.functional.triplet_margin_with_distance_loss
 * @example
 * ```ts
 * const [anchor, positive, negative] = [randn([4, 8]), randn([4, 8]), randn([4, 8])];
 * const l1: DistanceFunction = (x, y) => x.sub(y).abs().sum(1);
 * const loss = tripletMarginWithDistanceLoss(anchor, positive, negative, { distanceFunction: l1 });
 * ```
 */
export function tripletMarginWithDistanceLoss(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  options: TripletMarginWithDistanceLossOptions = {},
): Tensor {
  const { distanceFunction, margin, swap, reduction } = withDefaults(OP, TRIPLET_MARGIN_WITH_DISTANCE_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkTensor(OP, 'anchor', anchor);
  checkTensor(OP, 'positive', positive);
  checkTensor(OP, 'negative', negative);
  if (typeof margin !== 'number' || Number.isNaN(margin)) fail(OP, 'margin', 'a number', String(margin));
  if (distanceFunction !== null && typeof distanceFunction !== 'function') fail(OP, 'distanceFunction', 'a function (x, y) => Tensor or null', typeof distanceFunction);
  const d = distanceFunction ?? pairwise;
  const positiveDist = d(anchor, positive);
  let negativeDist = d(anchor, negative);
  if (swap) negativeDist = negativeDist.minimum(d(positive, negative));
  return reduce(positiveDist.sub(negativeDist).add(margin).clamp(0), r);
}
