// The reference implementations of the optim kernels (see backend/kernels/optim.ts): one pass over
// the elements per step, each intermediate rounded where the composed ops round it (every op's result
// is stored in the tensor's dtype: Math.fround for float32), with the same operations in the same
// order, so a fused step gives the same bits as the composed one. The loops are in optim/.
import type { OptimKernels } from '../kernels/optim.js';
import { adamUpdate } from './optim/adam.js';
import { sgdUpdate } from './optim/sgd.js';

export const cpuOptimKernels: OptimKernels = { sgdUpdate, adamUpdate };
