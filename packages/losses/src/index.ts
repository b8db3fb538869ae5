// @torchlet/losses: PyTorch's losses as functions (torch.nn.functional style) and as modules
// (torch.nn style). Every public export is named here.
export type { Reduction } from './common.js';

// cross entropy family
export { crossEntropy } from './cross-entropy/cross-entropy.js';
export type { CrossEntropyOptions } from './cross-entropy/cross-entropy.js';
export { nllLoss } from './cross-entropy/nll.js';
export type { NLLLossOptions } from './cross-entropy/nll.js';

// binary
export { binaryCrossEntropyWithLogits } from './binary/bce-with-logits.js';
export type { BCEWithLogitsOptions } from './binary/bce-with-logits.js';
export { binaryCrossEntropy } from './binary/bce.js';
export type { BCEOptions } from './binary/bce.js';

// hinge family
export { multiMarginLoss } from './hinge/multi-margin.js';
export type { MultiMarginLossOptions } from './hinge/multi-margin.js';
export { hingeEmbeddingLoss } from './hinge/hinge-embedding.js';
export type { HingeEmbeddingLossOptions } from './hinge/hinge-embedding.js';
export { multiLabelMarginLoss } from './hinge/multilabel-margin.js';
export type { MultiLabelMarginLossOptions } from './hinge/multilabel-margin.js';
export { multiLabelSoftMarginLoss } from './hinge/multilabel-soft-margin.js';
export type { MultiLabelSoftMarginLossOptions } from './hinge/multilabel-soft-margin.js';
export { softMarginLoss } from './hinge/soft-margin.js';
export type { SoftMarginLossOptions } from './hinge/soft-margin.js';

// focal
export { sigmoidFocalLoss } from './focal/sigmoid-focal.js';
export type { SigmoidFocalLossOptions } from './focal/sigmoid-focal.js';
export { softmaxFocalLoss } from './focal/softmax-focal.js';
export type { SoftmaxFocalLossOptions } from './focal/softmax-focal.js';

// regression and distributions
export { mseLoss, l1Loss, smoothL1Loss, huberLoss } from './regression/elementwise.js';
export type { RegressionLossOptions, SmoothL1LossOptions, HuberLossOptions } from './regression/elementwise.js';
export { klDiv } from './regression/kl-div.js';
export type { KLDivOptions, KLDivReduction } from './regression/kl-div.js';
export { poissonNllLoss } from './regression/poisson-nll.js';
export type { PoissonNLLLossOptions } from './regression/poisson-nll.js';
export { gaussianNllLoss } from './regression/gaussian-nll.js';
export type { GaussianNLLLossOptions } from './regression/gaussian-nll.js';

// embeddings and ranking
export { marginRankingLoss } from './embedding/margin-ranking.js';
export type { MarginRankingLossOptions } from './embedding/margin-ranking.js';
export { cosineEmbeddingLoss } from './embedding/cosine-embedding.js';
export type { CosineEmbeddingLossOptions } from './embedding/cosine-embedding.js';
export { tripletMarginLoss } from './embedding/triplet-margin.js';
export type { TripletMarginLossOptions } from './embedding/triplet-margin.js';
export { tripletMarginWithDistanceLoss } from './embedding/triplet-margin-with-distance.js';
export type { TripletMarginWithDistanceLossOptions, DistanceFunction } from './embedding/triplet-margin-with-distance.js';

// sequences
export { ctcLoss } from './sequence/ctc.js';
export type { CTCLossOptions, CtcLengths } from './sequence/ctc.js';

// modules
export {
  CrossEntropyLoss,
  NLLLoss,
  BCEWithLogitsLoss,
  BCELoss,
  MultiMarginLoss,
  HingeEmbeddingLoss,
  MultiLabelMarginLoss,
  MultiLabelSoftMarginLoss,
  SoftMarginLoss,
  SigmoidFocalLoss,
  SoftmaxFocalLoss,
  MSELoss,
  L1Loss,
  SmoothL1Loss,
  HuberLoss,
  KLDivLoss,
  PoissonNLLLoss,
  GaussianNLLLoss,
  MarginRankingLoss,
  CosineEmbeddingLoss,
  TripletMarginLoss,
  TripletMarginWithDistanceLoss,
  CTCLoss,
} from './modules.js';
