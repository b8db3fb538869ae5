// Reductions: the core kernel, then the graph node when the input requires grad.
import type { VarOptions } from '@torchlet/tensor-core';
import { normalizeDim, normalizeDims } from '@torchlet/tensor-core/internal';
import { record, recording1, wrap } from '../record.js';
import type { MaxMinResult, Tensor } from '../tensor.js';

type Dims = number | readonly number[] | undefined;

/** PyTorch 1.13 reduces over every dim when given an empty dim list. */
const dimsArg = (dim: Dims): Dims => (Array.isArray(dim) && dim.length === 0 ? undefined : dim);

function countOver(shape: readonly number[], dims: readonly number[]): number {
  let n = 1;
  if (shape.length === 0) return n;
  for (const d of dims) n *= shape[d];
  return n;
}

/** Placeholder for a saved output, replaced by the recorded result right after recording. */
const PENDING = null as unknown as Tensor;

export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const d = dimsArg(dim);
  const out = x.value.sum(d, keepdim);
  if (!recording1(x)) return wrap(out);
  const shape = x.value.shape;
  if (d === undefined && !keepdim) return record('sum', out, [x], { shape });
  return record('sumDim', out, [x], { shape, dims: normalizeDims(d, shape.length, 'sum'), keepdim });
}

export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const d = dimsArg(dim);
  const out = x.value.mean(d, keepdim);
  if (!recording1(x)) return wrap(out);
  const shape = x.value.shape;
  const dims = normalizeDims(d, shape.length, 'mean');
  const count = countOver(shape, dims);
  if (d === undefined && !keepdim) return record('mean', out, [x], { shape, count });
  return record('meanDim', out, [x], { shape, dims, keepdim, count });
}

export function prod(x: Tensor, dim?: number, keepdim = false): Tensor {
  const out = x.value.prod(dim, keepdim);
  if (!recording1(x)) return wrap(out);
  if (dim === undefined) {
    const saved = { x, out: PENDING };
    return (saved.out = record('prod', out, [x], saved));
  }
  const saved = { x, out: PENDING, dim: normalizeDim(dim, x.value.shape.length, 'prod'), keepdim };
  return (saved.out = record('prodDim', out, [x], saved));
}

/** max over all elements, or `{ values, indices }` along `dim`. */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): MaxMinResult;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | MaxMinResult {
  return extreme(x, dim, keepdim, true);
}

/** min over all elements, or `{ values, indices }` along `dim`. */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): MaxMinResult;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | MaxMinResult {
  return extreme(x, dim, keepdim, false);
}

function extreme(x: Tensor, dim: number | undefined, keepdim: boolean, isMax: boolean): Tensor | MaxMinResult {
  if (dim === undefined) {
    const out = isMax ? x.value.max() : x.value.min();
    if (!recording1(x)) return wrap(out);
    const saved = { x, out: PENDING };
    return (saved.out = record(isMax ? 'max' : 'min', out, [x], saved));
  }
  const r = isMax ? x.value.max(dim, keepdim) : x.value.min(dim, keepdim);
  const indices = wrap(r.indices);
  if (!recording1(x)) return { values: wrap(r.values), indices };
  const shape = x.value.shape;
  const saved = { shape, dim: normalizeDim(dim, shape.length, isMax ? 'max' : 'min'), keepdim, indices };
  return { values: record(isMax ? 'maxDim' : 'minDim', r.values, [x], saved), indices };
}

export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  return wrap(x.value.argmax(dim, keepdim));
}
export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor {
  return wrap(x.value.argmin(dim, keepdim));
}

/** Variance with Bessel's `correction` (default 1). Exported as `variance` (`var` is reserved). */
export function variance(x: Tensor, dim?: Dims, options?: VarOptions): Tensor {
  const d = dimsArg(dim);
  const out = x.value.var(d, options);
  if (!recording1(x)) return wrap(out);
  const dims = normalizeDims(d, x.value.shape.length, 'var');
  const saved = { x, dims, keepdim: options?.keepdim ?? false, correction: options?.correction ?? 1 };
  return record('var', out, [x], saved);
}

export function std(x: Tensor, dim?: Dims, options?: VarOptions): Tensor {
  const d = dimsArg(dim);
  const out = x.value.std(d, options);
  if (!recording1(x)) return wrap(out);
  const dims = normalizeDims(d, x.value.shape.length, 'std');
  const saved = { x, dims, keepdim: options?.keepdim ?? false, correction: options?.correction ?? 1, out: PENDING };
  return (saved.out = record('std', out, [x], saved));
}

export function logsumexp(x: Tensor, dim: number | readonly number[], keepdim = false): Tensor {
  const out = x.value.logsumexp(dim, keepdim);
  if (!recording1(x)) return wrap(out);
  const saved = { x, dims: normalizeDims(dim, x.value.shape.length, 'logsumexp'), keepdim, out: PENDING };
  return (saved.out = record('logsumexp', out, [x], saved));
}

export function all(x: Tensor, dim?: number, keepdim = false): Tensor {
  return wrap(x.value.all(dim, keepdim));
}
export function any(x: Tensor, dim?: number, keepdim = false): Tensor {
  return wrap(x.value.any(dim, keepdim));
}
