// The reference implementations of the optim kernels (see backend/kernels/optim.ts).
import type { OptimKernels } from '../kernels/optim.js';

export const cpuOptimKernels: OptimKernels = {};
