// Matrix products.
import type { Tensor } from '@torchlet/tensor-core';
import { coreOps as raw } from '@torchlet/tensor-core/internal';
import { record, recording2, recordingN } from '../record.js';

/** torch.matmul: 1-D dot / matrix-vector, 2-D, and batched with broadcast batch dims. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const out = raw.matmul(a, b);
  return recording2(a, b) ? record('matmul', out, [a, b], { a, b }) : out;
}

export function mm(a: Tensor, b: Tensor): Tensor {
  const out = raw.mm(a, b);
  return recording2(a, b) ? record('mm', out, [a, b], { a, b }) : out;
}

export function bmm(a: Tensor, b: Tensor): Tensor {
  const out = raw.bmm(a, b);
  return recording2(a, b) ? record('bmm', out, [a, b], { a, b }) : out;
}

/**
 * bias + mat1 @ mat2 for 2-D mat1 [m, k], mat2 [k, n] and a 1-D bias [n] (PyTorch's addmm with beta =
 * alpha = 1): a linear layer's forward for a batch of rows, one node (AddmmBackward0) and, on the
 * wasm backend, one kernel call, as PyTorch's linear runs addmm(bias, x, w.t()).
 */
export function addmm(bias: Tensor, mat1: Tensor, mat2: Tensor): Tensor {
  const out = raw.addmm(bias, mat1, mat2);
  return recordingN([bias, mat1, mat2]) ? record('addmm', out, [bias, mat1, mat2], { mat1, mat2, biasShape: bias.shape }) : out;
}

