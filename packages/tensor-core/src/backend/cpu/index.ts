import type { Backend } from '../interface.js';
import { binary, binaryScalar, clamp, fill, softplus, ternary, unary, where } from './elementwise.js';
import { matmulAddRow, thresholdBackward } from './fused.js';
import { cpuLossKernels } from './loss.js';
import { cpuNnKernels } from './nn/index.js';
import { cpuOptimKernels } from './optim.js';
import { gather, indexSelect, oneHot, scatter } from './indexing.js';
import { matmul } from './matmul.js';
import { argReduce, reduce, variance } from './reduce.js';
import { softmax } from './softmax.js';

/**
 * The reference backend: plain TypeScript over typed arrays, and the fallback for faster ones.
 * Kernels run one tight loop per row of a RowCursor (strided.ts); arithmetic is in doubles, rounded
 * once when stored; reductions and matmul accumulate in doubles.
 *
 * @pytorch none: torchlet's own kernel backends (PyTorch picks CPU kernels at build time)
 * @example
 * ```ts
 * setBackend(cpuBackend); // every kernel on the reference implementation
 * const name = getBackend().name; // 'cpu'
 * ```
 */
export const cpuBackend: Backend = {
  name: 'cpu',
  unary,
  binary,
  binaryScalar,
  ternary,
  fill,
  clamp,
  softplus,
  where,
  reduce,
  variance,
  argReduce,
  matmul,
  softmax,
  gather,
  scatter,
  indexSelect,
  oneHot,
  thresholdBackward,
  matmulAddRow,
  ...cpuNnKernels,
  ...cpuLossKernels,
  ...cpuOptimKernels,
};
