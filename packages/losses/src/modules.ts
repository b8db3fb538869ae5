// The losses as modules: `new CrossEntropyLoss(options).forward(input, target)`, like torch.nn's
// loss classes. Plain classes with no dependency on nn-layers; each keeps its options as readonly
// fields (PyTorch's attribute names in camelCase), with the defaults of its function (one place
// defines each), and calls the functional form in forward().
import { installAutograd } from '@torchlet/autograd';
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

/**
 * A module's options, its function's defaults filled in. Like nn-layers' modules, a loss module
 * installs autograd (idempotent, cheap), so tensors made after it can require grad.
 */
function moduleOptions<D extends object>(name: string, defaults: Readonly<D>, options: { readonly [K in keyof D]?: D[K] }): D {
  installAutograd();
  return withDefaults(name, defaults, options);
}

/** torch.nn.CrossEntropyLoss. */
export class CrossEntropyLoss {
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly reduction: Reduction;
  readonly labelSmoothing: number;
  constructor(options: CrossEntropyOptions = {}) {
    const o = moduleOptions('CrossEntropyLoss', CROSS_ENTROPY_DEFAULTS, options);
    this.weight = o.weight;
    this.ignoreIndex = o.ignoreIndex;
    this.reduction = o.reduction;
    this.labelSmoothing = o.labelSmoothing;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, this);
  }
}

/** torch.nn.NLLLoss. */
export class NLLLoss {
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly reduction: Reduction;
  constructor(options: NLLLossOptions = {}) {
    const o = moduleOptions('NLLLoss', NLL_LOSS_DEFAULTS, options);
    this.weight = o.weight;
    this.ignoreIndex = o.ignoreIndex;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, this);
  }
}

/** torch.nn.BCEWithLogitsLoss. */
export class BCEWithLogitsLoss {
  readonly weight: Tensor | null;
  readonly posWeight: Tensor | null;
  readonly reduction: Reduction;
  constructor(options: BCEWithLogitsOptions = {}) {
    const o = moduleOptions('BCEWithLogitsLoss', BCE_WITH_LOGITS_DEFAULTS, options);
    this.weight = o.weight;
    this.posWeight = o.posWeight;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropyWithLogits(input, target, this);
  }
}

/** torch.nn.BCELoss. */
export class BCELoss {
  readonly weight: Tensor | null;
  readonly reduction: Reduction;
  constructor(options: BCEOptions = {}) {
    const o = moduleOptions('BCELoss', BCE_DEFAULTS, options);
    this.weight = o.weight;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, this);
  }
}

/** torch.nn.MultiMarginLoss. */
export class MultiMarginLoss {
  readonly p: 1 | 2;
  readonly margin: number;
  readonly weight: Tensor | null;
  readonly reduction: Reduction;
  constructor(options: MultiMarginLossOptions = {}) {
    const o = moduleOptions('MultiMarginLoss', MULTI_MARGIN_DEFAULTS, options);
    this.p = o.p;
    this.margin = o.margin;
    this.weight = o.weight;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return multiMarginLoss(input, target, this);
  }
}

/** torch.nn.HingeEmbeddingLoss. */
export class HingeEmbeddingLoss {
  readonly margin: number;
  readonly reduction: Reduction;
  constructor(options: HingeEmbeddingLossOptions = {}) {
    const o = moduleOptions('HingeEmbeddingLoss', HINGE_EMBEDDING_DEFAULTS, options);
    this.margin = o.margin;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return hingeEmbeddingLoss(input, target, this);
  }
}

/** torch.nn.MultiLabelMarginLoss. */
export class MultiLabelMarginLoss {
  readonly reduction: Reduction;
  constructor(options: MultiLabelMarginLossOptions = {}) {
    const o = moduleOptions('MultiLabelMarginLoss', MULTILABEL_MARGIN_DEFAULTS, options);
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return multiLabelMarginLoss(input, target, this);
  }
}

/** torch.nn.MultiLabelSoftMarginLoss. */
export class MultiLabelSoftMarginLoss {
  readonly weight: Tensor | null;
  readonly reduction: Reduction;
  constructor(options: MultiLabelSoftMarginLossOptions = {}) {
    const o = moduleOptions('MultiLabelSoftMarginLoss', MULTILABEL_SOFT_MARGIN_DEFAULTS, options);
    this.weight = o.weight;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return multiLabelSoftMarginLoss(input, target, this);
  }
}

/** torch.nn.SoftMarginLoss. */
export class SoftMarginLoss {
  readonly reduction: Reduction;
  constructor(options: SoftMarginLossOptions = {}) {
    const o = moduleOptions('SoftMarginLoss', SOFT_MARGIN_DEFAULTS, options);
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return softMarginLoss(input, target, this);
  }
}

/** Binary focal loss module (torchvision's sigmoid_focal_loss; default reduction 'none'). */
export class SigmoidFocalLoss {
  readonly alpha: number;
  readonly gamma: number;
  readonly reduction: Reduction;
  constructor(options: SigmoidFocalLossOptions = {}) {
    const o = moduleOptions('SigmoidFocalLoss', SIGMOID_FOCAL_DEFAULTS, options);
    this.alpha = o.alpha;
    this.gamma = o.gamma;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return sigmoidFocalLoss(input, target, this);
  }
}

/** Multi-class (softmax) focal loss module; see softmaxFocalLoss. */
export class SoftmaxFocalLoss {
  readonly alpha: Tensor | null;
  readonly gamma: number;
  readonly ignoreIndex: number;
  readonly reduction: Reduction;
  constructor(options: SoftmaxFocalLossOptions = {}) {
    const o = moduleOptions('SoftmaxFocalLoss', SOFTMAX_FOCAL_DEFAULTS, options);
    this.alpha = o.alpha;
    this.gamma = o.gamma;
    this.ignoreIndex = o.ignoreIndex;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return softmaxFocalLoss(input, target, this);
  }
}

/** torch.nn.MSELoss. */
export class MSELoss {
  readonly reduction: Reduction;
  constructor(options: RegressionLossOptions = {}) {
    const o = moduleOptions('MSELoss', REGRESSION_DEFAULTS, options);
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, this);
  }
}

/** torch.nn.L1Loss. */
export class L1Loss {
  readonly reduction: Reduction;
  constructor(options: RegressionLossOptions = {}) {
    const o = moduleOptions('L1Loss', REGRESSION_DEFAULTS, options);
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, this);
  }
}

/** torch.nn.SmoothL1Loss. */
export class SmoothL1Loss {
  readonly beta: number;
  readonly reduction: Reduction;
  constructor(options: SmoothL1LossOptions = {}) {
    const o = moduleOptions('SmoothL1Loss', SMOOTH_L1_DEFAULTS, options);
    this.beta = o.beta;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, this);
  }
}

/** torch.nn.HuberLoss. */
export class HuberLoss {
  readonly delta: number;
  readonly reduction: Reduction;
  constructor(options: HuberLossOptions = {}) {
    const o = moduleOptions('HuberLoss', HUBER_DEFAULTS, options);
    this.delta = o.delta;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, this);
  }
}

/** torch.nn.KLDivLoss. */
export class KLDivLoss {
  readonly reduction: KLDivReduction;
  readonly logTarget: boolean;
  constructor(options: KLDivOptions = {}) {
    const o = moduleOptions('KLDivLoss', KL_DIV_DEFAULTS, options);
    this.reduction = o.reduction;
    this.logTarget = o.logTarget;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return klDiv(input, target, this);
  }
}

/** torch.nn.PoissonNLLLoss. */
export class PoissonNLLLoss {
  readonly logInput: boolean;
  readonly full: boolean;
  readonly eps: number;
  readonly reduction: Reduction;
  constructor(options: PoissonNLLLossOptions = {}) {
    const o = moduleOptions('PoissonNLLLoss', POISSON_NLL_DEFAULTS, options);
    this.logInput = o.logInput;
    this.full = o.full;
    this.eps = o.eps;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return poissonNllLoss(input, target, this);
  }
}

/** torch.nn.GaussianNLLLoss: forward(input, target, variance). */
export class GaussianNLLLoss {
  readonly full: boolean;
  readonly eps: number;
  readonly reduction: Reduction;
  constructor(options: GaussianNLLLossOptions = {}) {
    const o = moduleOptions('GaussianNLLLoss', GAUSSIAN_NLL_DEFAULTS, options);
    this.full = o.full;
    this.eps = o.eps;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return gaussianNllLoss(input, target, variance, this);
  }
}

/** torch.nn.MarginRankingLoss: forward(input1, input2, target). */
export class MarginRankingLoss {
  readonly margin: number;
  readonly reduction: Reduction;
  constructor(options: MarginRankingLossOptions = {}) {
    const o = moduleOptions('MarginRankingLoss', MARGIN_RANKING_DEFAULTS, options);
    this.margin = o.margin;
    this.reduction = o.reduction;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return marginRankingLoss(input1, input2, target, this);
  }
}

/** torch.nn.CosineEmbeddingLoss: forward(input1, input2, target). */
export class CosineEmbeddingLoss {
  readonly margin: number;
  readonly reduction: Reduction;
  constructor(options: CosineEmbeddingLossOptions = {}) {
    const o = moduleOptions('CosineEmbeddingLoss', COSINE_EMBEDDING_DEFAULTS, options);
    this.margin = o.margin;
    this.reduction = o.reduction;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return cosineEmbeddingLoss(input1, input2, target, this);
  }
}

/** torch.nn.TripletMarginLoss: forward(anchor, positive, negative). */
export class TripletMarginLoss {
  readonly margin: number;
  readonly p: number;
  readonly eps: number;
  readonly swap: boolean;
  readonly reduction: Reduction;
  constructor(options: TripletMarginLossOptions = {}) {
    const o = moduleOptions('TripletMarginLoss', TRIPLET_MARGIN_DEFAULTS, options);
    this.margin = o.margin;
    this.p = o.p;
    this.eps = o.eps;
    this.swap = o.swap;
    this.reduction = o.reduction;
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return tripletMarginLoss(anchor, positive, negative, this);
  }
}
