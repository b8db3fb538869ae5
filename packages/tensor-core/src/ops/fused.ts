// Fused forward helpers for other @torchlet packages (exported from ./internal, not user-facing).
import { getBackend } from '../backend/registry.js';
import { DTypeError, ShapeError, argError, formatShape } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { assertTensor, broadcastView, emptyTensor, requireFloating } from './helpers.js';
import { checkMm } from './linalg.js';

/**
 * a @ b + bias for 2-D a [m, k], b [k, n] and bias [n] of one floating dtype: PyTorch's addmm with
 * beta = alpha = 1, what a linear layer computes (x @ w.t() + b). The product is rounded, then the
 * bias added (the same bits as mm then add), in one backend call (the wasm backend adds the bias
 * before copying the product out).
 */
export function addmmRow(a: Tensor, b: Tensor, bias: Tensor): Tensor {
  checkMm(a, b);
  assertTensor('addmmRow', 'bias', bias);
  requireFloating('addmmRow', 'bias', bias);
  if (bias.ndim !== 1) argError('addmmRow', 'bias', 'a 1-D tensor', `shape ${formatShape(bias.shape)}`, ShapeError);
  if (bias.shape[0] !== b.shape[1]) argError('addmmRow', 'bias', `${b.shape[1]} elements (mat2's columns)`, `shape ${formatShape(bias.shape)}`, ShapeError);
  if (bias.dtype !== a.dtype) argError('addmmRow', 'bias', `dtype ${a.dtype} (input's dtype)`, `dtype ${bias.dtype}`, DTypeError);
  const out = emptyTensor([a.shape[0], b.shape[1]], a.dtype, false, a);
  getBackend().matmulAddRow(a, b, broadcastView(bias, out.shape), out);
  return out;
}
