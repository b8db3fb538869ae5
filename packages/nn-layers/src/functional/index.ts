// torch.nn.functional, camelCased: the stateless forms of the layers.
export { linear } from './linear.js';
export { conv1d, conv2d } from './conv.js';
export type { Conv1dOptions, Conv2dOptions, ConvPadding } from './conv.js';
export { convTranspose2d } from './conv-transpose.js';
export type { ConvTranspose2dOptions } from './conv-transpose.js';
export { pad } from './padding.js';
export type { PadMode, PadOptions } from './padding.js';
export {
  maxPool2d,
  maxPool2dWithIndices,
  avgPool2d,
  adaptiveAvgPool2d,
  maxPool1d,
  maxPool1dWithIndices,
  avgPool1d,
  adaptiveMaxPool2d,
  adaptiveMaxPool2dWithIndices,
} from './pooling.js';
export type { MaxPool2dOptions, AvgPool2dOptions, AdaptiveSize, MaxPool1dOptions, AvgPool1dOptions } from './pooling.js';
export { interpolate } from './interpolate.js';
export type { InterpolateMode, InterpolateOptions } from './interpolate.js';
export { batchNorm, layerNorm, groupNorm, instanceNorm } from './normalization.js';
export type { BatchNormOptions, LayerNormOptions, GroupNormOptions, InstanceNormOptions } from './normalization.js';
export { dropout, dropout2d } from './dropout.js';
export type { DropoutOptions } from './dropout.js';
export { embedding } from './embedding.js';
export { relu, leakyRelu, silu, sigmoid, tanh, gelu, elu, hardtanh, softplus, mish, hardswish, logsigmoid, prelu } from './activation.js';
export type { GeluApproximate } from './activation.js';
export { softmax, logSoftmax, softmin } from './softmax.js';
export type { SoftmaxOptions } from './softmax.js';
