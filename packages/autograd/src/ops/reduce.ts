// Reductions: the core kernel, then the graph node when the input requires grad.
import type { MaxMinResult, Tensor, VarOptions } from '@torchlet/tensor-core';
import { coreOps as raw, normalizeDim, normalizeDims } from '@torchlet/tensor-core/internal';
import { record, recording1 } from '../record.js';

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
  const out = raw.sum(x, d, keepdim);
  if (!recording1(x)) return out;
  const shape = x.shape;
  if (d === undefined && !keepdim) return record('sum', out, [x], { shape });
  return record('sumDim', out, [x], { shape, dims: normalizeDims(d, shape.length, 'sum'), keepdim });
}

export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const d = dimsArg(dim);
  const out = raw.mean(x, d, keepdim);
  if (!recording1(x)) return out;
  const shape = x.shape;
  const dims = normalizeDims(d, shape.length, 'mean');
  const count = countOver(shape, dims);
  if (d === undefined && !keepdim) return record('mean', out, [x], { shape, count });
  return record('meanDim', out, [x], { shape, dims, keepdim, count });
}

export function prod(x: Tensor, dim?: number, keepdim = false): Tensor {
  const out = raw.prod(x, dim, keepdim);
  if (!recording1(x)) return out;
  if (dim === undefined) {
    const saved = { x, out: PENDING };
    return (saved.out = record('prod', out, [x], saved));
  }
  const saved = { x, out: PENDING, dim: normalizeDim(dim, x.shape.length, 'prod'), keepdim };
  return (saved.out = record('prodDim', out, [x], saved));
}

/** max over all elements. */
export function maxAll(x: Tensor): Tensor {
  return extremeAll(x, true);
}

/** min over all elements. */
export function minAll(x: Tensor): Tensor {
  return extremeAll(x, false);
}

/** `{ values, indices }` of the largest elements along `dim`. */
export function maxDim(x: Tensor, dim: number, keepdim = false): MaxMinResult {
  return extremeDim(x, dim, keepdim, true);
}

/** `{ values, indices }` of the smallest elements along `dim`. */
export function minDim(x: Tensor, dim: number, keepdim = false): MaxMinResult {
  return extremeDim(x, dim, keepdim, false);
}

function extremeAll(x: Tensor, isMax: boolean): Tensor {
  const out = isMax ? raw.maxAll(x) : raw.minAll(x);
  if (!recording1(x)) return out;
  const saved = { x, out: PENDING };
  return (saved.out = record(isMax ? 'max' : 'min', out, [x], saved));
}

function extremeDim(x: Tensor, dim: number, keepdim: boolean, isMax: boolean): MaxMinResult {
  const r = isMax ? raw.maxDim(x, dim, keepdim) : raw.minDim(x, dim, keepdim);
  if (!recording1(x)) return r;
  const shape = x.shape;
  const saved = { shape, dim: normalizeDim(dim, shape.length, isMax ? 'max' : 'min'), keepdim, indices: r.indices };
  return { values: record(isMax ? 'maxDim' : 'minDim', r.values, [x], saved), indices: r.indices };
}

/** Variance with Bessel's `correction` (default 1). Exported as `variance` (`var` is reserved). */
export function variance(x: Tensor, dim?: Dims, options?: VarOptions): Tensor {
  const d = dimsArg(dim);
  const out = raw.variance(x, d, options);
  if (!recording1(x)) return out;
  const dims = normalizeDims(d, x.shape.length, 'var');
  const saved = { x, dims, keepdim: options?.keepdim ?? false, correction: options?.correction ?? 1 };
  return record('var', out, [x], saved);
}

export function std(x: Tensor, dim?: Dims, options?: VarOptions): Tensor {
  const d = dimsArg(dim);
  const out = raw.std(x, d, options);
  if (!recording1(x)) return out;
  const dims = normalizeDims(d, x.shape.length, 'std');
  const saved = { x, dims, keepdim: options?.keepdim ?? false, correction: options?.correction ?? 1, out: PENDING };
  return (saved.out = record('std', out, [x], saved));
}

export function logsumexp(x: Tensor, dim: number | readonly number[], keepdim = false): Tensor {
  const out = raw.logsumexp(x, dim, keepdim);
  if (!recording1(x)) return out;
  const saved = { x, dims: normalizeDims(dim, x.shape.length, 'logsumexp'), keepdim, out: PENDING };
  return (saved.out = record('logsumexp', out, [x], saved));
}

