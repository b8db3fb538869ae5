// torch.nn.functional (`F`): the stateless layers of @torchlet/nn-layers and every loss function of
// @torchlet/losses, under PyTorch's names in camelCase.
import { functional as layers } from '@torchlet/nn-layers';

// ---- layers (from @torchlet/nn-layers' `functional` namespace) ---------------------------------
export const {
  linear,
  conv1d,
  conv2d,
  pad,
  maxPool2d,
  maxPool2dWithIndices,
  avgPool2d,
  adaptiveAvgPool2d,
  batchNorm,
  layerNorm,
  dropout,
  embedding,
  relu,
  leakyRelu,
  gelu,
  silu,
  sigmoid,
  tanh,
  softmax,
  logSoftmax,
} = layers;
export type {
  Conv1dOptions,
  Conv2dOptions,
  ConvPadding,
  PadMode,
  PadOptions,
  MaxPool2dOptions,
  AvgPool2dOptions,
  AdaptiveSize,
  BatchNormOptions,
  LayerNormOptions,
  DropoutOptions,
  GeluApproximate,
} from '@torchlet/nn-layers';

// ---- F.one_hot and F.softplus (from @torchlet/tensor-core) -------------------------------------
export { oneHot, softplus } from '@torchlet/tensor-core';

// ---- losses (from @torchlet/losses) --------------------------------------------------------------
export {
  crossEntropy,
  nllLoss,
  binaryCrossEntropyWithLogits,
  binaryCrossEntropy,
  multiMarginLoss,
  hingeEmbeddingLoss,
  multiLabelMarginLoss,
  multiLabelSoftMarginLoss,
  softMarginLoss,
  mseLoss,
  l1Loss,
  smoothL1Loss,
  huberLoss,
  klDiv,
  poissonNllLoss,
  gaussianNllLoss,
  marginRankingLoss,
  cosineEmbeddingLoss,
  tripletMarginLoss,
  // not in torch.nn.functional: torchvision.ops.sigmoid_focal_loss and a multi-class focal loss
  sigmoidFocalLoss,
  softmaxFocalLoss,
} from '@torchlet/losses';
export type {
  Reduction,
  CrossEntropyOptions,
  NLLLossOptions,
  BCEWithLogitsOptions,
  BCEOptions,
  MultiMarginLossOptions,
  HingeEmbeddingLossOptions,
  MultiLabelMarginLossOptions,
  MultiLabelSoftMarginLossOptions,
  SoftMarginLossOptions,
  SigmoidFocalLossOptions,
  SoftmaxFocalLossOptions,
  RegressionLossOptions,
  SmoothL1LossOptions,
  HuberLossOptions,
  KLDivOptions,
  KLDivReduction,
  PoissonNLLLossOptions,
  GaussianNLLLossOptions,
  MarginRankingLossOptions,
  CosineEmbeddingLossOptions,
  TripletMarginLossOptions,
} from '@torchlet/losses';
