// softmax and log-softmax along a dim (numerically stable in the kernel).
import type { DType, Tensor } from '@torchlet/tensor-core';
import { coreOps as raw, normalizeDim } from '@torchlet/tensor-core/internal';
import { record, recording1 } from '../record.js';
import { to } from './convert.js';

const PENDING = null as unknown as Tensor;

// With `dtype`, tensor-core checks it and casts before the kernel; the graph records the same cast
// (ToCopyBackward, which casts the gradient back) in front of the softmax node, as PyTorch's graph.
export function softmax(x: Tensor, dim: number, dtype?: DType | null): Tensor {
  const out = raw.softmax(x, dim, dtype);
  if (!recording1(x)) return out;
  const src = dtype === undefined || dtype === null ? x : to(x, dtype);
  const saved = { out: PENDING, dim: normalizeDim(dim, x.shape.length, 'softmax') };
  return (saved.out = record('softmax', out, [src], saved));
}

export function logSoftmax(x: Tensor, dim: number, dtype?: DType | null): Tensor {
  const out = raw.logSoftmax(x, dim, dtype);
  if (!recording1(x)) return out;
  const src = dtype === undefined || dtype === null ? x : to(x, dtype);
  const saved = { out: PENDING, dim: normalizeDim(dim, x.shape.length, 'logSoftmax') };
  return (saved.out = record('logSoftmax', out, [src], saved));
}
