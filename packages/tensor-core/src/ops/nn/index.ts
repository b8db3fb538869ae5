// The ops over the nn kernels, for @torchlet/nn-layers (exported from ./internal): argument checks,
// output allocation, then the current backend's kernels. None of them records a graph: nn-layers
// wraps them in custom ops with their explicit backward.
export { convOutputSize, conv2dForward, conv2dBackward } from './conv.js';
export type { Conv2dParams, NnGradMask, NnGrads } from './conv.js';
export {
  poolOutputSize,
  maxPool2dForward,
  maxPool2dBackward,
  avgPool2dForward,
  avgPool2dBackward,
  adaptiveAvgPool2dForward,
  adaptiveAvgPool2dBackward,
} from './pool.js';
export { adaptiveMaxPool2dForward, adaptiveMaxPool2dBackward } from './adaptive-max-pool.js';
export type { MaxPool2dParams, AvgPool2dParams } from './pool.js';
export { batchNormMoments, batchNormForward, batchNormBackward } from './batch-norm.js';
export { embeddingForward, embeddingBackward } from './embedding.js';
export { geluForward, geluBackward } from './activation.js';
export type { GeluKernelApproximate, Im2colGeometry, MaxPool2dGeometry, AvgPool2dGeometry } from '../../backend/kernels/nn.js';
