// The reference implementations of the nn kernels (see backend/kernels/nn.ts).
import type { NnKernels } from '../../kernels/nn.js';

export const cpuNnKernels: NnKernels = {};
