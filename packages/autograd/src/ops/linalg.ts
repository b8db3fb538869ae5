// Matrix products.
import * as core from '@torchlet/tensor-core';
import { record, recording2, wrap } from '../record.js';
import type { Tensor } from '../tensor.js';

/** torch.matmul: 1-D dot / matrix-vector, 2-D, and batched with broadcast batch dims. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const out = core.matmul(a.value, b.value);
  return recording2(a, b) ? record('matmul', out, [a, b], { a, b }) : wrap(out);
}

export function mm(a: Tensor, b: Tensor): Tensor {
  const out = core.mm(a.value, b.value);
  return recording2(a, b) ? record('mm', out, [a, b], { a, b }) : wrap(out);
}

export function bmm(a: Tensor, b: Tensor): Tensor {
  const out = core.bmm(a.value, b.value);
  return recording2(a, b) ? record('bmm', out, [a, b], { a, b }) : wrap(out);
}
