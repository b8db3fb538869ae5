// softmax and log-softmax along a dim (numerically stable in the kernel).
import type { Tensor } from '@torchlet/tensor-core';
import { coreOps as raw, normalizeDim } from '@torchlet/tensor-core/internal';
import { record, recording1 } from '../record.js';

const PENDING = null as unknown as Tensor;

export function softmax(x: Tensor, dim: number): Tensor {
  const out = raw.softmax(x, dim);
  if (!recording1(x)) return out;
  const saved = { out: PENDING, dim: normalizeDim(dim, x.shape.length, 'softmax') };
  return (saved.out = record('softmax', out, [x], saved));
}

export function logSoftmax(x: Tensor, dim: number): Tensor {
  const out = raw.logSoftmax(x, dim);
  if (!recording1(x)) return out;
  const saved = { out: PENDING, dim: normalizeDim(dim, x.shape.length, 'logSoftmax') };
  return (saved.out = record('logSoftmax', out, [x], saved));
}
