// dtype conversion and clone. Gradients flow through float <-> float casts only.
import type { DType, Tensor } from '@torchlet/tensor-core';
import { coreOps as raw } from '@torchlet/tensor-core/internal';
import { record, recording1 } from '../record.js';

/** A copy converted to `dtype`; `x` itself when the dtype already matches (like PyTorch). */
export function to(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const out = raw.to(x, dtype);
  return recording1(x) ? record('to', out, [x], { dtype: x.dtype }) : out;
}

/** A contiguous copy that shares no storage with `x` (differentiable: identity gradient). */
export function clone(x: Tensor): Tensor {
  const out = raw.clone(x);
  return recording1(x) ? record('clone', out, [x], null) : out;
}
