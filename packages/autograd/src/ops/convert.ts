// dtype conversion and clone. Gradients flow through float <-> float casts only.
import * as core from '@torchlet/tensor-core';
import { record, recording1, wrap } from '../record.js';
import type { Tensor } from '../tensor.js';

/** A copy converted to `dtype`; `x` itself when the dtype already matches (like PyTorch). */
export function to(x: Tensor, dtype: core.DType): Tensor {
  if (x.value.dtype === dtype) return x;
  const out = x.value.to(dtype);
  return recording1(x) ? record('to', out, [x], { dtype: x.value.dtype }) : wrap(out);
}

/** A contiguous copy that shares no storage with `x` (differentiable: identity gradient). */
export function clone(x: Tensor): Tensor {
  const out = x.value.clone();
  return recording1(x) ? record('clone', out, [x], null) : wrap(out);
}

/** A tensor sharing storage with `x`, cut from the graph. */
export function detach(x: Tensor): Tensor {
  return x.detach();
}
