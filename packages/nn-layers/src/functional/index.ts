// torch.nn.functional, camelCased: the stateless forms of the layers.
export { linear } from './linear.js';
export { conv1d, conv2d } from './conv.js';
export type { Conv1dOptions, Conv2dOptions, ConvPadding } from './conv.js';
export { pad } from './padding.js';
export type { PadMode, PadOptions } from './padding.js';
export { maxPool2d, maxPool2dWithIndices, avgPool2d, adaptiveAvgPool2d } from './pooling.js';
export type { MaxPool2dOptions, AvgPool2dOptions, AdaptiveSize } from './pooling.js';
export { batchNorm, layerNorm } from './normalization.js';
export type { BatchNormOptions, LayerNormOptions } from './normalization.js';
export { dropout } from './dropout.js';
export type { DropoutOptions } from './dropout.js';
export { embedding } from './embedding.js';
export { relu, leakyRelu, silu, sigmoid, tanh, gelu, elu, hardtanh, softplus, mish, hardswish, logsigmoid, prelu } from './activation.js';
export type { GeluApproximate } from './activation.js';
export { softmax, logSoftmax, softmin } from './softmax.js';
export type { SoftmaxOptions } from './softmax.js';
