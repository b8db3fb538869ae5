// softmax, log_softmax and softmin (torch.nn.functional), with PyTorch's keyword-only `dtype`:
// the input is cast to it before the op (integer inputs too), and the gradient is cast back.
import type { DType, Tensor } from '@torchlet/tensor-core';
import { checkNumber, checkOptions } from './util.js';

/**
 * Options of `functional.softmax` and its kin: the dtype the input is cast to first.
 *
 * @pytorch the dtype argument of torch.nn.functional.softmax
 * @example
 * ```ts
 * const options: SoftmaxOptions = { dtype: 'float64' };
 * const p = functional.softmax(randn([2, 3]), 1, options);
 * ```
 */
export interface SoftmaxOptions {
  /** Cast the input to this floating dtype before the op (default: the input's dtype). */
  dtype?: DType | null;
}

const KEYS = ['dtype'] as const;

export function softmax(input: Tensor, dim: number, options: SoftmaxOptions = {}): Tensor {
  checkOptions('softmax', options, KEYS);
  return input.softmax(dim, options.dtype);
}

export function logSoftmax(input: Tensor, dim: number, options: SoftmaxOptions = {}): Tensor {
  checkOptions('logSoftmax', options, KEYS);
  return input.logSoftmax(dim, options.dtype);
}

/** softmax(-x): PyTorch negates first, then casts to `dtype`. */
export function softmin(input: Tensor, dim: number, options: SoftmaxOptions = {}): Tensor {
  checkOptions('softmin', options, KEYS);
  checkNumber('softmin', 'dim', dim);
  return input.neg().softmax(dim, options.dtype);
}
