// The losses as modules: `new CrossEntropyLoss(options).forward(input, target)`, like torch.nn's
// loss classes. Plain classes with no dependency on nn-layers; each keeps its options as readonly
// fields (PyTorch's attribute names in camelCase) and calls the functional form in forward().
import type { Tensor } from '@torchlet/autograd';
import type { Reduction, TensorLike } from './common.js';
import { crossEntropy, type CrossEntropyOptions } from './cross-entropy/cross-entropy.js';
import { nllLoss, type NLLLossOptions } from './cross-entropy/nll.js';
import { binaryCrossEntropyWithLogits, type BCEWithLogitsOptions } from './binary/bce-with-logits.js';
import { binaryCrossEntropy, type BCEOptions } from './binary/bce.js';
import { multiMarginLoss, type MultiMarginLossOptions } from './hinge/multi-margin.js';
import { hingeEmbeddingLoss, type HingeEmbeddingLossOptions } from './hinge/hinge-embedding.js';
import { multiLabelMarginLoss, type MultiLabelMarginLossOptions } from './hinge/multilabel-margin.js';
import { multiLabelSoftMarginLoss, type MultiLabelSoftMarginLossOptions } from './hinge/multilabel-soft-margin.js';
import { softMarginLoss, type SoftMarginLossOptions } from './hinge/soft-margin.js';
import { sigmoidFocalLoss, type SigmoidFocalLossOptions } from './focal/sigmoid-focal.js';
import { softmaxFocalLoss, type SoftmaxFocalLossOptions } from './focal/softmax-focal.js';
import {
  huberLoss,
  l1Loss,
  mseLoss,
  smoothL1Loss,
  type HuberLossOptions,
  type RegressionLossOptions,
  type SmoothL1LossOptions,
} from './regression/elementwise.js';
import { klDiv, type KLDivOptions, type KLDivReduction } from './regression/kl-div.js';
import { poissonNllLoss, type PoissonNLLLossOptions } from './regression/poisson-nll.js';
import { gaussianNllLoss, type GaussianNLLLossOptions } from './regression/gaussian-nll.js';
import { marginRankingLoss, type MarginRankingLossOptions } from './embedding/margin-ranking.js';
import { cosineEmbeddingLoss, type CosineEmbeddingLossOptions } from './embedding/cosine-embedding.js';
import { tripletMarginLoss, type TripletMarginLossOptions } from './embedding/triplet-margin.js';

/** torch.nn.CrossEntropyLoss. */
export class CrossEntropyLoss {
  readonly weight: TensorLike | null;
  readonly ignoreIndex: number;
  readonly reduction: Reduction;
  readonly labelSmoothing: number;
  constructor(options: CrossEntropyOptions = {}) {
    this.weight = options.weight ?? null;
    this.ignoreIndex = options.ignoreIndex ?? -100;
    this.reduction = options.reduction ?? 'mean';
    this.labelSmoothing = options.labelSmoothing ?? 0;
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return crossEntropy(input, target, this);
  }
}

/** torch.nn.NLLLoss. */
export class NLLLoss {
  readonly weight: TensorLike | null;
  readonly ignoreIndex: number;
  readonly reduction: Reduction;
  constructor(options: NLLLossOptions = {}) {
    this.weight = options.weight ?? null;
    this.ignoreIndex = options.ignoreIndex ?? -100;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return nllLoss(input, target, this);
  }
}

/** torch.nn.BCEWithLogitsLoss. */
export class BCEWithLogitsLoss {
  readonly weight: TensorLike | null;
  readonly posWeight: TensorLike | null;
  readonly reduction: Reduction;
  constructor(options: BCEWithLogitsOptions = {}) {
    this.weight = options.weight ?? null;
    this.posWeight = options.posWeight ?? null;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return binaryCrossEntropyWithLogits(input, target, this);
  }
}

/** torch.nn.BCELoss. */
export class BCELoss {
  readonly weight: TensorLike | null;
  readonly reduction: Reduction;
  constructor(options: BCEOptions = {}) {
    this.weight = options.weight ?? null;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return binaryCrossEntropy(input, target, this);
  }
}

/** torch.nn.MultiMarginLoss. */
export class MultiMarginLoss {
  readonly p: 1 | 2;
  readonly margin: number;
  readonly weight: TensorLike | null;
  readonly reduction: Reduction;
  constructor(options: MultiMarginLossOptions = {}) {
    this.p = options.p ?? 1;
    this.margin = options.margin ?? 1;
    this.weight = options.weight ?? null;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return multiMarginLoss(input, target, this);
  }
}

/** torch.nn.HingeEmbeddingLoss. */
export class HingeEmbeddingLoss {
  readonly margin: number;
  readonly reduction: Reduction;
  constructor(options: HingeEmbeddingLossOptions = {}) {
    this.margin = options.margin ?? 1;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return hingeEmbeddingLoss(input, target, this);
  }
}

/** torch.nn.MultiLabelMarginLoss. */
export class MultiLabelMarginLoss {
  readonly reduction: Reduction;
  constructor(options: MultiLabelMarginLossOptions = {}) {
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return multiLabelMarginLoss(input, target, this);
  }
}

/** torch.nn.MultiLabelSoftMarginLoss. */
export class MultiLabelSoftMarginLoss {
  readonly weight: TensorLike | null;
  readonly reduction: Reduction;
  constructor(options: MultiLabelSoftMarginLossOptions = {}) {
    this.weight = options.weight ?? null;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return multiLabelSoftMarginLoss(input, target, this);
  }
}

/** torch.nn.SoftMarginLoss. */
export class SoftMarginLoss {
  readonly reduction: Reduction;
  constructor(options: SoftMarginLossOptions = {}) {
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return softMarginLoss(input, target, this);
  }
}

/** Binary focal loss module (torchvision's sigmoid_focal_loss; default reduction 'none'). */
export class SigmoidFocalLoss {
  readonly alpha: number;
  readonly gamma: number;
  readonly reduction: Reduction;
  constructor(options: SigmoidFocalLossOptions = {}) {
    this.alpha = options.alpha ?? 0.25;
    this.gamma = options.gamma ?? 2;
    this.reduction = options.reduction ?? 'none';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return sigmoidFocalLoss(input, target, this);
  }
}

/** Multi-class (softmax) focal loss module; see softmaxFocalLoss. */
export class SoftmaxFocalLoss {
  readonly alpha: TensorLike | null;
  readonly gamma: number;
  readonly ignoreIndex: number;
  readonly reduction: Reduction;
  constructor(options: SoftmaxFocalLossOptions = {}) {
    this.alpha = options.alpha ?? null;
    this.gamma = options.gamma ?? 2;
    this.ignoreIndex = options.ignoreIndex ?? -100;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return softmaxFocalLoss(input, target, this);
  }
}

/** torch.nn.MSELoss. */
export class MSELoss {
  readonly reduction: Reduction;
  constructor(options: RegressionLossOptions = {}) {
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return mseLoss(input, target, this);
  }
}

/** torch.nn.L1Loss. */
export class L1Loss {
  readonly reduction: Reduction;
  constructor(options: RegressionLossOptions = {}) {
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return l1Loss(input, target, this);
  }
}

/** torch.nn.SmoothL1Loss. */
export class SmoothL1Loss {
  readonly beta: number;
  readonly reduction: Reduction;
  constructor(options: SmoothL1LossOptions = {}) {
    this.beta = options.beta ?? 1;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return smoothL1Loss(input, target, this);
  }
}

/** torch.nn.HuberLoss. */
export class HuberLoss {
  readonly delta: number;
  readonly reduction: Reduction;
  constructor(options: HuberLossOptions = {}) {
    this.delta = options.delta ?? 1;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return huberLoss(input, target, this);
  }
}

/** torch.nn.KLDivLoss. */
export class KLDivLoss {
  readonly reduction: KLDivReduction;
  readonly logTarget: boolean;
  constructor(options: KLDivOptions = {}) {
    this.reduction = options.reduction ?? 'mean';
    this.logTarget = options.logTarget ?? false;
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
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
    this.logInput = options.logInput ?? true;
    this.full = options.full ?? false;
    this.eps = options.eps ?? 1e-8;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return poissonNllLoss(input, target, this);
  }
}

/** torch.nn.GaussianNLLLoss: forward(input, target, variance). */
export class GaussianNLLLoss {
  readonly full: boolean;
  readonly eps: number;
  readonly reduction: Reduction;
  constructor(options: GaussianNLLLossOptions = {}) {
    this.full = options.full ?? false;
    this.eps = options.eps ?? 1e-6;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input: TensorLike, target: TensorLike, variance: TensorLike): Tensor {
    return gaussianNllLoss(input, target, variance, this);
  }
}

/** torch.nn.MarginRankingLoss: forward(input1, input2, target). */
export class MarginRankingLoss {
  readonly margin: number;
  readonly reduction: Reduction;
  constructor(options: MarginRankingLossOptions = {}) {
    this.margin = options.margin ?? 0;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input1: TensorLike, input2: TensorLike, target: TensorLike): Tensor {
    return marginRankingLoss(input1, input2, target, this);
  }
}

/** torch.nn.CosineEmbeddingLoss: forward(input1, input2, target). */
export class CosineEmbeddingLoss {
  readonly margin: number;
  readonly reduction: Reduction;
  constructor(options: CosineEmbeddingLossOptions = {}) {
    this.margin = options.margin ?? 0;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(input1: TensorLike, input2: TensorLike, target: TensorLike): Tensor {
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
    this.margin = options.margin ?? 1;
    this.p = options.p ?? 2;
    this.eps = options.eps ?? 1e-6;
    this.swap = options.swap ?? false;
    this.reduction = options.reduction ?? 'mean';
  }
  forward(anchor: TensorLike, positive: TensorLike, negative: TensorLike): Tensor {
    return tripletMarginLoss(anchor, positive, negative, this);
  }
}
