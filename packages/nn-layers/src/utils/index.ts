// torch.nn.utils, camelCased: gradient clipping, parameters <-> one vector, and `rnn` (packed sequences).
export { clipGradNorm_, clipGradNormAsync_, clipGradValue_ } from './clip-grad.js';
export type { ClipGradNormOptions } from './clip-grad.js';
export { parametersToVector, vectorToParameters } from './convert-parameters.js';
export type { TensorOrTensors } from './parameters.js';
export * as rnn from '../rnn/index.js';
export type { PadSequenceOptions, PackPaddedOptions, PadPackedOptions, PackSequenceOptions } from '../rnn/index.js';
