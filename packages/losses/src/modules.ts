// The losses as modules: `new CrossEntropyLoss(options).forward(input, target)`, torch.nn's loss
// classes. Each is an nn-layers Module (printable, usable in containers, `.to(device)`), keeps its
// options as readonly fields (PyTorch's attribute names in camelCase) with the defaults of its
// function (one place defines each), registers its tensor options as buffers as PyTorch's
// _WeightedLoss does (`weight`, and BCEWithLogitsLoss's `pos_weight`, SoftmaxFocalLoss's `alpha`),
// and calls the functional form in forward() with the options read from its fields.
import { Module } from '@torchlet/nn-layers';
import type { Tensor } from '@torchlet/tensor-core';
import { withDefaults, type Reduction } from './common.js';
import { CROSS_ENTROPY_DEFAULTS, crossEntropy, type CrossEntropyOptions } from './cross-entropy/cross-entropy.js';
import { NLL_LOSS_DEFAULTS, nllLoss, type NLLLossOptions } from './cross-entropy/nll.js';
import { BCE_WITH_LOGITS_DEFAULTS, binaryCrossEntropyWithLogits, type BCEWithLogitsOptions } from './binary/bce-with-logits.js';
import { BCE_DEFAULTS, binaryCrossEntropy, type BCEOptions } from './binary/bce.js';
import { MULTI_MARGIN_DEFAULTS, multiMarginLoss, type MultiMarginLossOptions } from './hinge/multi-margin.js';
import { HINGE_EMBEDDING_DEFAULTS, hingeEmbeddingLoss, type HingeEmbeddingLossOptions } from './hinge/hinge-embedding.js';
import { MULTILABEL_MARGIN_DEFAULTS, multiLabelMarginLoss, type MultiLabelMarginLossOptions } from './hinge/multilabel-margin.js';
import {
  MULTILABEL_SOFT_MARGIN_DEFAULTS,
  multiLabelSoftMarginLoss,
  type MultiLabelSoftMarginLossOptions,
} from './hinge/multilabel-soft-margin.js';
import { SOFT_MARGIN_DEFAULTS, softMarginLoss, type SoftMarginLossOptions } from './hinge/soft-margin.js';
import { SIGMOID_FOCAL_DEFAULTS, sigmoidFocalLoss, type SigmoidFocalLossOptions } from './focal/sigmoid-focal.js';
import { SOFTMAX_FOCAL_DEFAULTS, softmaxFocalLoss, type SoftmaxFocalLossOptions } from './focal/softmax-focal.js';
import {
  HUBER_DEFAULTS,
  REGRESSION_DEFAULTS,
  SMOOTH_L1_DEFAULTS,
  huberLoss,
  l1Loss,
  mseLoss,
  smoothL1Loss,
  type HuberLossOptions,
  type RegressionLossOptions,
  type SmoothL1LossOptions,
} from './regression/elementwise.js';
import { KL_DIV_DEFAULTS, klDiv, type KLDivOptions, type KLDivReduction } from './regression/kl-div.js';
import { POISSON_NLL_DEFAULTS, poissonNllLoss, type PoissonNLLLossOptions } from './regression/poisson-nll.js';
import { GAUSSIAN_NLL_DEFAULTS, gaussianNllLoss, type GaussianNLLLossOptions } from './regression/gaussian-nll.js';
import { MARGIN_RANKING_DEFAULTS, marginRankingLoss, type MarginRankingLossOptions } from './embedding/margin-ranking.js';
import { COSINE_EMBEDDING_DEFAULTS, cosineEmbeddingLoss, type CosineEmbeddingLossOptions } from './embedding/cosine-embedding.js';
import { TRIPLET_MARGIN_DEFAULTS, tripletMarginLoss, type TripletMarginLossOptions } from './embedding/triplet-margin.js';
import {
  TRIPLET_MARGIN_WITH_DISTANCE_DEFAULTS,
  tripletMarginWithDistanceLoss,
  type DistanceFunction,
  type TripletMarginWithDistanceLossOptions,
} from './embedding/triplet-margin-with-distance.js';
import { CTC_DEFAULTS, ctcLoss, type CTCLossOptions, type CtcLengths } from './sequence/ctc.js';

/** A module's options, its function's defaults filled in (Module's constructor installed autograd). */
function moduleOptions<D extends object>(name: string, defaults: Readonly<D>, options: { readonly [K in keyof D]?: D[K] }): D {
  return withDefaults(name, defaults, options);
}

/** The options a loss module passes its function: its fields named by the defaults' keys (buffers as they are now). */
function lossOptions<D extends object>(module: object, defaults: Readonly<D>): D {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) out[key] = (module as Record<string, unknown>)[key];
  return out as D;
}

/**
 * The `crossEntropy` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.CrossEntropyLoss
 * @example
 * ```ts
 * const criterion = new CrossEntropyLoss({ labelSmoothing: 0.1 });
 * const loss = criterion.forward(randn([4, 3]), tensor([0, 2, 1, 0]));
 * ```
 */
export class CrossEntropyLoss extends Module {
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly reduction: Reduction;
  readonly labelSmoothing: number;
  constructor(options: CrossEntropyOptions = {}) {
    super();
    const o = moduleOptions('CrossEntropyLoss', CROSS_ENTROPY_DEFAULTS, options);
    this.registerBuffer('weight', o.weight);
    this.weight = o.weight;
    this.ignoreIndex = o.ignoreIndex;
    this.reduction = o.reduction;
    this.labelSmoothing = o.labelSmoothing;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, lossOptions(this, CROSS_ENTROPY_DEFAULTS));
  }
}

/**
 * The `nllLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.NLLLoss
 * @example
 * ```ts
 * const criterion = new NLLLoss();
 * const loss = criterion.forward(randn([4, 3]).logSoftmax(1), tensor([0, 2, 1, 0]));
 * ```
 */
export class NLLLoss extends Module {
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly reduction: Reduction;
  constructor(options: NLLLossOptions = {}) {
    super();
    const o = moduleOptions('NLLLoss', NLL_LOSS_DEFAULTS, options);
    this.registerBuffer('weight', o.weight);
    this.weight = o.weight;
    this.ignoreIndex = o.ignoreIndex;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, lossOptions(this, NLL_LOSS_DEFAULTS));
  }
}

/**
 * The `binaryCrossEntropyWithLogits` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.BCEWithLogitsLoss
 * @example
 * ```ts
 * const criterion = new BCEWithLogitsLoss();
 * const loss = criterion.forward(randn([4]), tensor([1, 0, 1, 1], { dtype: 'float32' }));
 * ```
 */
export class BCEWithLogitsLoss extends Module {
  readonly weight: Tensor | null;
  readonly reduction: Reduction;
  constructor(options: BCEWithLogitsOptions = {}) {
    super();
    const o = moduleOptions('BCEWithLogitsLoss', BCE_WITH_LOGITS_DEFAULTS, options);
    this.registerBuffer('weight', o.weight);
    // PyTorch's buffer name (so state dicts match); read through the posWeight getter
    this.registerBuffer('pos_weight', o.posWeight);
    this.weight = o.weight;
    this.reduction = o.reduction;
  }
  /** The positive-class weight (the `pos_weight` buffer). */
  get posWeight(): Tensor | null {
    return this.getBuffer('pos_weight');
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropyWithLogits(input, target, lossOptions(this, BCE_WITH_LOGITS_DEFAULTS));
  }
}

/**
 * The `binaryCrossEntropy` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.BCELoss
 * @example
 * ```ts
 * const criterion = new BCELoss();
 * const loss = criterion.forward(randn([4]).sigmoid(), tensor([1, 0, 1, 1], { dtype: 'float32' }));
 * ```
 */
export class BCELoss extends Module {
  readonly weight: Tensor | null;
  readonly reduction: Reduction;
  constructor(options: BCEOptions = {}) {
    super();
    const o = moduleOptions('BCELoss', BCE_DEFAULTS, options);
    this.registerBuffer('weight', o.weight);
    this.weight = o.weight;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, lossOptions(this, BCE_DEFAULTS));
  }
}

/**
 * The `multiMarginLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.MultiMarginLoss
 * @example
 * ```ts
 * const criterion = new MultiMarginLoss({ p: 2 });
 * const loss = criterion.forward(randn([4, 3]), tensor([0, 2, 1, 0]));
 * ```
 */
export class MultiMarginLoss extends Module {
  readonly p: 1 | 2;
  readonly margin: number;
  readonly weight: Tensor | null;
  readonly reduction: Reduction;
  constructor(options: MultiMarginLossOptions = {}) {
    super();
    const o = moduleOptions('MultiMarginLoss', MULTI_MARGIN_DEFAULTS, options);
    this.p = o.p;
    this.margin = o.margin;
    this.weight = o.weight;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return multiMarginLoss(input, target, lossOptions(this, MULTI_MARGIN_DEFAULTS));
  }
}

/**
 * The `hingeEmbeddingLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.HingeEmbeddingLoss
 * @example
 * ```ts
 * const criterion = new HingeEmbeddingLoss({ margin: 0.5 });
 * const loss = criterion.forward(rand([4]), tensor([1, -1, 1, -1], { dtype: 'float32' }));
 * ```
 */
export class HingeEmbeddingLoss extends Module {
  readonly margin: number;
  readonly reduction: Reduction;
  constructor(options: HingeEmbeddingLossOptions = {}) {
    super();
    const o = moduleOptions('HingeEmbeddingLoss', HINGE_EMBEDDING_DEFAULTS, options);
    this.margin = o.margin;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return hingeEmbeddingLoss(input, target, lossOptions(this, HINGE_EMBEDDING_DEFAULTS));
  }
}

/**
 * The `multiLabelMarginLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.MultiLabelMarginLoss
 * @example
 * ```ts
 * const criterion = new MultiLabelMarginLoss();
 * const loss = criterion.forward(randn([1, 4]), tensor([[3, 0, -1, 1]]));
 * ```
 */
export class MultiLabelMarginLoss extends Module {
  readonly reduction: Reduction;
  constructor(options: MultiLabelMarginLossOptions = {}) {
    super();
    const o = moduleOptions('MultiLabelMarginLoss', MULTILABEL_MARGIN_DEFAULTS, options);
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return multiLabelMarginLoss(input, target, lossOptions(this, MULTILABEL_MARGIN_DEFAULTS));
  }
}

/**
 * The `multiLabelSoftMarginLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.MultiLabelSoftMarginLoss
 * @example
 * ```ts
 * const criterion = new MultiLabelSoftMarginLoss();
 * const loss = criterion.forward(randn([2, 3]), tensor([[1, 0, 1], [0, 1, 0]], { dtype: 'float32' }));
 * ```
 */
export class MultiLabelSoftMarginLoss extends Module {
  readonly weight: Tensor | null;
  readonly reduction: Reduction;
  constructor(options: MultiLabelSoftMarginLossOptions = {}) {
    super();
    const o = moduleOptions('MultiLabelSoftMarginLoss', MULTILABEL_SOFT_MARGIN_DEFAULTS, options);
    this.registerBuffer('weight', o.weight);
    this.weight = o.weight;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return multiLabelSoftMarginLoss(input, target, lossOptions(this, MULTILABEL_SOFT_MARGIN_DEFAULTS));
  }
}

/**
 * The `softMarginLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.SoftMarginLoss
 * @example
 * ```ts
 * const criterion = new SoftMarginLoss();
 * const loss = criterion.forward(randn([4]), tensor([1, -1, 1, -1], { dtype: 'float32' }));
 * ```
 */
export class SoftMarginLoss extends Module {
  readonly reduction: Reduction;
  constructor(options: SoftMarginLossOptions = {}) {
    super();
    const o = moduleOptions('SoftMarginLoss', SOFT_MARGIN_DEFAULTS, options);
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return softMarginLoss(input, target, lossOptions(this, SOFT_MARGIN_DEFAULTS));
  }
}

/**
 * The `sigmoidFocalLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch none in torch.nn: torchvision.ops.sigmoid_focal_loss as a module
 * @example
 * ```ts
 * const criterion = new SigmoidFocalLoss({ reduction: 'mean' });
 * const loss = criterion.forward(randn([4]), tensor([1, 0, 0, 1], { dtype: 'float32' }));
 * ```
 */
export class SigmoidFocalLoss extends Module {
  readonly alpha: number;
  readonly gamma: number;
  readonly reduction: Reduction;
  constructor(options: SigmoidFocalLossOptions = {}) {
    super();
    const o = moduleOptions('SigmoidFocalLoss', SIGMOID_FOCAL_DEFAULTS, options);
    this.alpha = o.alpha;
    this.gamma = o.gamma;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return sigmoidFocalLoss(input, target, lossOptions(this, SIGMOID_FOCAL_DEFAULTS));
  }
}

/**
 * The `softmaxFocalLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch none in torch.nn: the multi-class focal loss (see softmaxFocalLoss)
 * @example
 * ```ts
 * const criterion = new SoftmaxFocalLoss({ gamma: 2 });
 * const loss = criterion.forward(randn([4, 3]), tensor([0, 2, 1, 0]));
 * ```
 */
export class SoftmaxFocalLoss extends Module {
  readonly alpha: Tensor | null;
  readonly gamma: number;
  readonly ignoreIndex: number;
  readonly reduction: Reduction;
  constructor(options: SoftmaxFocalLossOptions = {}) {
    super();
    const o = moduleOptions('SoftmaxFocalLoss', SOFTMAX_FOCAL_DEFAULTS, options);
    this.registerBuffer('alpha', o.alpha);
    this.alpha = o.alpha;
    this.gamma = o.gamma;
    this.ignoreIndex = o.ignoreIndex;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return softmaxFocalLoss(input, target, lossOptions(this, SOFTMAX_FOCAL_DEFAULTS));
  }
}

/**
 * The `mseLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.MSELoss
 * @example
 * ```ts
 * const criterion = new MSELoss();
 * const loss = criterion.forward(randn([4, 2]), randn([4, 2]));
 * ```
 */
export class MSELoss extends Module {
  readonly reduction: Reduction;
  constructor(options: RegressionLossOptions = {}) {
    super();
    const o = moduleOptions('MSELoss', REGRESSION_DEFAULTS, options);
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, lossOptions(this, REGRESSION_DEFAULTS));
  }
}

/**
 * The `l1Loss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.L1Loss
 * @example
 * ```ts
 * const criterion = new L1Loss();
 * const loss = criterion.forward(randn([4, 2]), randn([4, 2]));
 * ```
 */
export class L1Loss extends Module {
  readonly reduction: Reduction;
  constructor(options: RegressionLossOptions = {}) {
    super();
    const o = moduleOptions('L1Loss', REGRESSION_DEFAULTS, options);
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, lossOptions(this, REGRESSION_DEFAULTS));
  }
}

/**
 * The `smoothL1Loss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.SmoothL1Loss
 * @example
 * ```ts
 * const criterion = new SmoothL1Loss({ beta: 0.5 });
 * const loss = criterion.forward(randn([4, 2]), randn([4, 2]));
 * ```
 */
export class SmoothL1Loss extends Module {
  readonly beta: number;
  readonly reduction: Reduction;
  constructor(options: SmoothL1LossOptions = {}) {
    super();
    const o = moduleOptions('SmoothL1Loss', SMOOTH_L1_DEFAULTS, options);
    this.beta = o.beta;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, lossOptions(this, SMOOTH_L1_DEFAULTS));
  }
}

/**
 * The `huberLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.HuberLoss
 * @example
 * ```ts
 * const criterion = new HuberLoss({ delta: 2 });
 * const loss = criterion.forward(randn([4, 2]), randn([4, 2]));
 * ```
 */
export class HuberLoss extends Module {
  readonly delta: number;
  readonly reduction: Reduction;
  constructor(options: HuberLossOptions = {}) {
    super();
    const o = moduleOptions('HuberLoss', HUBER_DEFAULTS, options);
    this.delta = o.delta;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, lossOptions(this, HUBER_DEFAULTS));
  }
}

/**
 * The `klDiv` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.KLDivLoss
 * @example
 * ```ts
 * const criterion = new KLDivLoss({ reduction: 'batchmean' });
 * const loss = criterion.forward(randn([2, 3]).logSoftmax(1), randn([2, 3]).softmax(1));
 * ```
 */
export class KLDivLoss extends Module {
  readonly reduction: KLDivReduction;
  readonly logTarget: boolean;
  constructor(options: KLDivOptions = {}) {
    super();
    const o = moduleOptions('KLDivLoss', KL_DIV_DEFAULTS, options);
    this.reduction = o.reduction;
    this.logTarget = o.logTarget;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return klDiv(input, target, lossOptions(this, KL_DIV_DEFAULTS));
  }
}

/**
 * The `poissonNllLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.PoissonNLLLoss
 * @example
 * ```ts
 * const criterion = new PoissonNLLLoss();
 * const loss = criterion.forward(randn([4]), tensor([0, 2, 1, 5], { dtype: 'float32' }));
 * ```
 */
export class PoissonNLLLoss extends Module {
  readonly logInput: boolean;
  readonly full: boolean;
  readonly eps: number;
  readonly reduction: Reduction;
  constructor(options: PoissonNLLLossOptions = {}) {
    super();
    const o = moduleOptions('PoissonNLLLoss', POISSON_NLL_DEFAULTS, options);
    this.logInput = o.logInput;
    this.full = o.full;
    this.eps = o.eps;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return poissonNllLoss(input, target, lossOptions(this, POISSON_NLL_DEFAULTS));
  }
}

/**
 * The `gaussianNllLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.GaussianNLLLoss
 * @example
 * ```ts
 * const criterion = new GaussianNLLLoss();
 * const loss = criterion.forward(randn([4, 2]), randn([4, 2]), rand([4, 2]).add(0.1));
 * ```
 */
export class GaussianNLLLoss extends Module {
  readonly full: boolean;
  readonly eps: number;
  readonly reduction: Reduction;
  constructor(options: GaussianNLLLossOptions = {}) {
    super();
    const o = moduleOptions('GaussianNLLLoss', GAUSSIAN_NLL_DEFAULTS, options);
    this.full = o.full;
    this.eps = o.eps;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return gaussianNllLoss(input, target, variance, lossOptions(this, GAUSSIAN_NLL_DEFAULTS));
  }
}

/**
 * The `marginRankingLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.MarginRankingLoss
 * @example
 * ```ts
 * const criterion = new MarginRankingLoss({ margin: 0.5 });
 * const loss = criterion.forward(randn([4]), randn([4]), tensor([1, -1, 1, 1], { dtype: 'float32' }));
 * ```
 */
export class MarginRankingLoss extends Module {
  readonly margin: number;
  readonly reduction: Reduction;
  constructor(options: MarginRankingLossOptions = {}) {
    super();
    const o = moduleOptions('MarginRankingLoss', MARGIN_RANKING_DEFAULTS, options);
    this.margin = o.margin;
    this.reduction = o.reduction;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return marginRankingLoss(input1, input2, target, lossOptions(this, MARGIN_RANKING_DEFAULTS));
  }
}

/**
 * The `cosineEmbeddingLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.CosineEmbeddingLoss
 * @example
 * ```ts
 * const criterion = new CosineEmbeddingLoss();
 * const loss = criterion.forward(randn([3, 5]), randn([3, 5]), tensor([1, -1, 1], { dtype: 'float32' }));
 * ```
 */
export class CosineEmbeddingLoss extends Module {
  readonly margin: number;
  readonly reduction: Reduction;
  constructor(options: CosineEmbeddingLossOptions = {}) {
    super();
    const o = moduleOptions('CosineEmbeddingLoss', COSINE_EMBEDDING_DEFAULTS, options);
    this.margin = o.margin;
    this.reduction = o.reduction;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return cosineEmbeddingLoss(input1, input2, target, lossOptions(this, COSINE_EMBEDDING_DEFAULTS));
  }
}

/**
 * The `tripletMarginLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.TripletMarginLoss
 * @example
 * ```ts
 * const criterion = new TripletMarginLoss({ margin: 1 });
 * const loss = criterion.forward(randn([4, 8]), randn([4, 8]), randn([4, 8]));
 * ```
 */
export class TripletMarginLoss extends Module {
  readonly margin: number;
  readonly p: number;
  readonly eps: number;
  readonly swap: boolean;
  readonly reduction: Reduction;
  constructor(options: TripletMarginLossOptions = {}) {
    super();
    const o = moduleOptions('TripletMarginLoss', TRIPLET_MARGIN_DEFAULTS, options);
    this.margin = o.margin;
    this.p = o.p;
    this.eps = o.eps;
    this.swap = o.swap;
    this.reduction = o.reduction;
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return tripletMarginLoss(anchor, positive, negative, lossOptions(this, TRIPLET_MARGIN_DEFAULTS));
  }
}

/**
 * The `tripletMarginWithDistanceLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.TripletMarginWithDistanceLoss
 * @example
 * ```ts
 * const criterion = new TripletMarginWithDistanceLoss({ swap: true });
 * const loss = criterion.forward(randn([4, 8]), randn([4, 8]), randn([4, 8]));
 * ```
 */
export class TripletMarginWithDistanceLoss extends Module {
  readonly distanceFunction: DistanceFunction | null;
  readonly margin: number;
  readonly swap: boolean;
  readonly reduction: Reduction;
  constructor(options: TripletMarginWithDistanceLossOptions = {}) {
    super();
    const o = moduleOptions('TripletMarginWithDistanceLoss', TRIPLET_MARGIN_WITH_DISTANCE_DEFAULTS, options);
    this.distanceFunction = o.distanceFunction;
    this.margin = o.margin;
    this.swap = o.swap;
    this.reduction = o.reduction;
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return tripletMarginWithDistanceLoss(anchor, positive, negative, lossOptions(this, TRIPLET_MARGIN_WITH_DISTANCE_DEFAULTS));
  }
}

/**
 * The `ctcLoss` loss as a module: its `forward` calls that function with the options kept as fields.
 *
 * @pytorch torch.nn.CTCLoss
 * @example
 * ```ts
 * const criterion = new CTCLoss();
 * const loss = criterion.forward(randn([6, 2, 4]).logSoftmax(2), tensor([[1, 2, 3], [2, 2, 0]]), [6, 5], [3, 2]);
 * ```
 */
export class CTCLoss extends Module {
  readonly blank: number;
  readonly reduction: Reduction;
  readonly zeroInfinity: boolean;
  constructor(options: CTCLossOptions = {}) {
    super();
    const o = moduleOptions('CTCLoss', CTC_DEFAULTS, options);
    this.blank = o.blank;
    this.reduction = o.reduction;
    this.zeroInfinity = o.zeroInfinity;
  }
  forward(logProbs: Tensor, targets: Tensor, inputLengths: CtcLengths, targetLengths: CtcLengths): Tensor {
    return ctcLoss(logProbs, targets, inputLengths, targetLengths, lossOptions(this, CTC_DEFAULTS));
  }
}
