// The reference implementations of the nn kernels (see backend/kernels/nn.ts).
import type { NnKernels } from '../../kernels/nn.js';
import { adaptiveAvgPool2d, adaptiveAvgPool2dBackward } from './adaptive-pool.js';
import { adaptiveMaxPool2d, adaptiveMaxPool2dBackward } from './adaptive-max-pool.js';
import { batchNorm, batchNormBackward, batchNormMoments } from './batch-norm.js';
import { col2im, im2col } from './columns.js';
import { embedding, embeddingBackward } from './embedding.js';
import { gelu, geluBackward } from './gelu.js';
import { avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward } from './pool.js';

export const cpuNnKernels: NnKernels = {
  im2col,
  col2im,
  maxPool2d,
  maxPool2dBackward,
  avgPool2d,
  avgPool2dBackward,
  adaptiveAvgPool2d,
  adaptiveAvgPool2dBackward,
  adaptiveMaxPool2d,
  adaptiveMaxPool2dBackward,
  batchNormMoments,
  batchNorm,
  batchNormBackward,
  embedding,
  embeddingBackward,
  gelu,
  geluBackward,
};
