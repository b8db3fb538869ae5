// softmax and log-softmax along a dim (numerically stable in the kernel).
import * as core from '@torchlet/tensor-core';
import { normalizeDim } from '@torchlet/tensor-core/internal';
import { record, recording1, wrap } from '../record.js';
import type { Tensor } from '../tensor.js';

const PENDING = null as unknown as Tensor;

export function softmax(x: Tensor, dim: number): Tensor {
  const out = core.softmax(x.value, dim);
  if (!recording1(x)) return wrap(out);
  const saved = { out: PENDING, dim: normalizeDim(dim, x.value.shape.length, 'softmax') };
  return (saved.out = record('softmax', out, [x], saved));
}

export function logSoftmax(x: Tensor, dim: number): Tensor {
  const out = core.logSoftmax(x.value, dim);
  if (!recording1(x)) return wrap(out);
  const saved = { out: PENDING, dim: normalizeDim(dim, x.value.shape.length, 'logSoftmax') };
  return (saved.out = record('logSoftmax', out, [x], saved));
}
