// The differentiable ops as functions (`torch.add(a, b)`): each calls the installed op table, as
// Tensor's methods do, so that both record the graph when @torchlet/autograd is installed.
import { ops } from './dispatch.js';
import type { OpName, OpTable } from './ops/table.js';
import { shapeFromArgs } from './ops/views.js';
import type { MaxMinResult, ShapeArgs, Tensor } from './tensor.js';

function dispatched<K extends OpName>(name: K): OpTable[K] {
  return ((...args: unknown[]) => (ops()[name] as (...a: unknown[]) => unknown)(...args)) as OpTable[K];
}

// elementwise
export const add = /* @__PURE__ */ dispatched('add');
export const sub = /* @__PURE__ */ dispatched('sub');
export const mul = /* @__PURE__ */ dispatched('mul');
/** True division (integer inputs give float32). */
export const div = /* @__PURE__ */ dispatched('div');
export const pow = /* @__PURE__ */ dispatched('pow');
export const maximum = /* @__PURE__ */ dispatched('maximum');
export const minimum = /* @__PURE__ */ dispatched('minimum');
export const neg = /* @__PURE__ */ dispatched('neg');
export const exp = /* @__PURE__ */ dispatched('exp');
export const log = /* @__PURE__ */ dispatched('log');
export const log1p = /* @__PURE__ */ dispatched('log1p');
export const expm1 = /* @__PURE__ */ dispatched('expm1');
export const sqrt = /* @__PURE__ */ dispatched('sqrt');
/** 1 / sqrt(x) */
export const rsqrt = /* @__PURE__ */ dispatched('rsqrt');
export const abs = /* @__PURE__ */ dispatched('abs');
export const sign = /* @__PURE__ */ dispatched('sign');
export const clamp = /* @__PURE__ */ dispatched('clamp');
/** 1 / (1 + exp(-x)) */
export const sigmoid = /* @__PURE__ */ dispatched('sigmoid');
export const tanh = /* @__PURE__ */ dispatched('tanh');
/** The error function, 2/sqrt(pi) * integral of exp(-t^2) from 0 to x (torch.erf). */
export const erf = /* @__PURE__ */ dispatched('erf');
export const relu = /* @__PURE__ */ dispatched('relu');
export const softplus = /* @__PURE__ */ dispatched('softplus');
/** torch.where(condition, a, b) with broadcasting; condition must be bool. */
export const where = /* @__PURE__ */ dispatched('where');

// reductions
export const sum = /* @__PURE__ */ dispatched('sum');
export const mean = /* @__PURE__ */ dispatched('mean');
export const prod = /* @__PURE__ */ dispatched('prod');
/** Variance with Bessel's `correction` (default 1). Named `variance` (`var` is reserved). */
export const variance = /* @__PURE__ */ dispatched('variance');
export const std = /* @__PURE__ */ dispatched('std');
export const logsumexp = /* @__PURE__ */ dispatched('logsumexp');

/** torch.max: the largest element, or `{ values, indices }` along `dim`. */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): MaxMinResult;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | MaxMinResult {
  return dim === undefined ? ops().maxAll(x) : ops().maxDim(x, dim, keepdim);
}

/** torch.min: the smallest element, or `{ values, indices }` along `dim`. */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): MaxMinResult;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | MaxMinResult {
  return dim === undefined ? ops().minAll(x) : ops().minDim(x, dim, keepdim);
}

// views and shape (shapes as `view(x, 2, 3)` or `view(x, [2, 3])`)
export const contiguous = /* @__PURE__ */ dispatched('contiguous');
export function view(x: Tensor, ...shape: ShapeArgs): Tensor {
  return ops().view(x, shapeFromArgs(shape));
}
export function reshape(x: Tensor, ...shape: ShapeArgs): Tensor {
  return ops().reshape(x, shapeFromArgs(shape));
}
export function permute(x: Tensor, ...dims: ShapeArgs): Tensor {
  return ops().permute(x, shapeFromArgs(dims));
}
export function expand(x: Tensor, ...shape: ShapeArgs): Tensor {
  return ops().expand(x, shapeFromArgs(shape));
}
export function expandAs(x: Tensor, other: Tensor): Tensor {
  return ops().expand(x, other.shape);
}
export const transpose = /* @__PURE__ */ dispatched('transpose');
export const t = /* @__PURE__ */ dispatched('t');
export const squeeze = /* @__PURE__ */ dispatched('squeeze');
export const unsqueeze = /* @__PURE__ */ dispatched('unsqueeze');
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  return ops().flatten(x, startDim, endDim);
}
export const unflatten = /* @__PURE__ */ dispatched('unflatten');
export const narrow = /* @__PURE__ */ dispatched('narrow');
/** Index one position along `dim`, removing that dim (`x[:, i]` is `select(x, 1, i)`). */
export const select = /* @__PURE__ */ dispatched('select');
/** Python's `x[start:end:step]` along `dim`; bounds clamp like Python. */
export function slice(x: Tensor, dim: number, start?: number, end?: number, step = 1): Tensor {
  return ops().slice(x, dim, start, end, step);
}

// join and split
export const cat = /* @__PURE__ */ dispatched('cat');
export const stack = /* @__PURE__ */ dispatched('stack');
export const split = /* @__PURE__ */ dispatched('split');
export const chunk = /* @__PURE__ */ dispatched('chunk');
export const unbind = /* @__PURE__ */ dispatched('unbind');

// linear algebra
/** torch.matmul: 1-D dot / matrix-vector, 2-D, and batched with broadcast batch dims. */
export const matmul = /* @__PURE__ */ dispatched('matmul');
export const mm = /* @__PURE__ */ dispatched('mm');
export const bmm = /* @__PURE__ */ dispatched('bmm');

// indexing
export const gather = /* @__PURE__ */ dispatched('gather');
export const scatter = /* @__PURE__ */ dispatched('scatter');
export const scatterAdd = /* @__PURE__ */ dispatched('scatterAdd');
export const indexSelect = /* @__PURE__ */ dispatched('indexSelect');
export const maskedFill = /* @__PURE__ */ dispatched('maskedFill');

// softmax
export const softmax = /* @__PURE__ */ dispatched('softmax');
export const logSoftmax = /* @__PURE__ */ dispatched('logSoftmax');

// conversion
/** A copy converted to `dtype`; `x` itself when the dtype already matches (like PyTorch). */
export const to = /* @__PURE__ */ dispatched('to');
/** A contiguous copy that shares no storage with `x` (differentiable: identity gradient). */
export const clone = /* @__PURE__ */ dispatched('clone');
/** A tensor sharing storage with `x`, cut from the graph. */
export function detach(x: Tensor): Tensor {
  return x.detach();
}
