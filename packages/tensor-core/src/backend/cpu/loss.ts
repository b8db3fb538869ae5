// The reference implementations of the loss kernels (see backend/kernels/loss.ts).
import type { LossKernels } from '../kernels/loss.js';

export const cpuLossKernels: LossKernels = {};
