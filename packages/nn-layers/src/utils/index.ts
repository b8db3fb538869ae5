// torch.nn.utils, camelCased: gradient clipping and parameters <-> one vector.
export { clipGradNorm_, clipGradValue_ } from './clip-grad.js';
export type { ClipGradNormOptions } from './clip-grad.js';
export { parametersToVector, vectorToParameters } from './convert-parameters.js';
export type { TensorOrTensors } from './parameters.js';
