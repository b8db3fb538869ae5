// softmax / log_softmax along one dim (stable: the row max is subtracted first, in the kernel).
import { getBackend } from '../backend/registry.js';
import { normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { assertNumber, assertTensor, emptyTensor, requireFloating, restride } from './helpers.js';

function run(op: 'softmax' | 'logSoftmax', x: Tensor, dim: number): Tensor {
  assertTensor(op, 'input', x);
  assertNumber(op, 'dim', dim);
  const d = normalizeDim(dim, x.ndim, op);
  requireFloating(op, 'input', x, `${op} is not implemented for integer or bool tensors; convert with .float()`);
  const out = emptyTensor(x.shape, x.dtype, false);
  // a 0-d tensor is a row of one element
  const xv = x.ndim === 0 ? restride(x, [1], [1]) : x;
  const ov = x.ndim === 0 ? restride(out, [1], [1]) : out;
  getBackend().softmax(xv, d, op === 'logSoftmax', ov);
  return out;
}

/** exp(x - m) / sum(exp(x - m)) along dim; -inf entries give 0, a row of all -inf gives NaN (as PyTorch). */
export function softmax(x: Tensor, dim: number): Tensor {
  return run('softmax', x, dim);
}

/** (x - m) - log(sum(exp(x - m))) along dim; -inf entries give -inf, a row of all -inf gives NaN. */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  return run('logSoftmax', x, dim);
}
