// The reference implementations of the loss kernels (see backend/kernels/loss.ts).
import type { LossKernels } from '../kernels/loss.js';
import { crossEntropyBackward, crossEntropyForward } from './loss/cross-entropy.js';
import { crossEntropyRows } from './loss/rows.js';
import { ctcLossBackward, ctcLossForward } from './loss/ctc.js';

export const cpuLossKernels: LossKernels = {
  crossEntropyForward,
  crossEntropyBackward,
  crossEntropyRows,
  ctcLossForward,
  ctcLossBackward,
};
