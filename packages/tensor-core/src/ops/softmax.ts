// softmax / log_softmax along one dim (stable: the row max is subtracted first, in the kernel).
import { getBackend } from '../backend/registry.js';
import { DTYPES, isDType, isFloatingDType, type DType } from '../dtype.js';
import { DTypeError, argError } from '../errors.js';
import { normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { to } from './convert.js';
import { assertNumber, assertTensor, emptyTensor, requireFloating, restride } from './helpers.js';

/**
 * Check softmax's `dtype` argument (PyTorch's `dtype=`): absent (undefined or null), or a floating
 * dtype that the input is cast to before the op (PyTorch's kernels exist for floating types only).
 */
export function checkSoftmaxDType(op: string, dtype: unknown): DType | undefined {
  if (dtype === undefined || dtype === null) return undefined;
  if (!isDType(dtype)) {
    const got = typeof dtype === 'string' ? `'${dtype}'` : typeof dtype === 'object' ? 'an object' : `${typeof dtype} ${String(dtype)}`;
    argError(op, 'dtype', `one of ${DTYPES.join(', ')} (or undefined)`, got, DTypeError);
  }
  if (!isFloatingDType(dtype)) argError(op, 'dtype', 'a floating dtype (float32 or float64)', dtype, DTypeError);
  return dtype;
}

function run(op: 'softmax' | 'logSoftmax', x: Tensor, dim: number, dtype: DType | null | undefined): Tensor {
  assertTensor(op, 'input', x);
  assertNumber(op, 'dim', dim);
  const cast = checkSoftmaxDType(op, dtype);
  const d = normalizeDim(dim, x.ndim, op);
  if (cast === undefined) requireFloating(op, 'input', x, `${op} is not implemented for integer or bool tensors; convert with .float() or pass a floating dtype`);
  // PyTorch casts the input to `dtype` before the op
  const src = cast === undefined ? x : to(x, cast);
  const out = emptyTensor(src.shape, src.dtype, false, src);
  // a 0-d tensor is a row of one element
  const xv = src.ndim === 0 ? restride(src, [1], [1]) : src;
  const ov = src.ndim === 0 ? restride(out, [1], [1]) : out;
  getBackend().softmax(xv, d, op === 'logSoftmax', ov);
  return out;
}

/**
 * exp(x - m) / sum(exp(x - m)) along dim; -inf entries give 0, a row of all -inf gives NaN (as PyTorch).
 * With `dtype` the input is first cast to that floating dtype (integer inputs too), as PyTorch's `dtype=`.
 */
export function softmax(x: Tensor, dim: number, dtype?: DType | null): Tensor {
  return run('softmax', x, dim, dtype);
}

/** (x - m) - log(sum(exp(x - m))) along dim; -inf entries give -inf, a row of all -inf gives NaN. `dtype` as softmax's. */
export function logSoftmax(x: Tensor, dim: number, dtype?: DType | null): Tensor {
  return run('logSoftmax', x, dim, dtype);
}
