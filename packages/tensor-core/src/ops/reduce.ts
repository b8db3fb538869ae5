// Reductions: dims normalized and checked here, accumulation (in doubles) in the backend.
import { getBackend } from '../backend/registry.js';
import type { ReduceKernelOp } from '../backend/interface.js';
import { isFloatingDType, toFloatingDType, type DType } from '../dtype.js';
import { DTypeError, IndexError, ValueError, argError } from '../errors.js';
import { isRowMajor, normalizeDim, normalizeDims } from '../shape.js';
import type { Tensor, MaxMinResult, VarOptions } from '../tensor.js';
import { makeTensor } from '../construct.js';
import { assertNumber, assertTensor, contiguousCopy, emptyTensor, reshapeContiguous } from './helpers.js';
import { checkOptionKeys } from './options.js';

type DimArg = number | readonly number[] | undefined;

/** Reduced dims, sorted. undefined and [] mean all dims (PyTorch's sum(dim=[])); a 0-d tensor has none. */
function reducedDims(x: Tensor, dim: DimArg, op: string): number[] {
  if (dim !== undefined && typeof dim !== 'number' && !Array.isArray(dim)) {
    argError(op, 'dim', 'a number, an array of numbers or undefined', typeof dim, DTypeError);
  }
  if (Array.isArray(dim) && dim.length === 0) dim = undefined;
  const dims = normalizeDims(dim, x.ndim, op);
  return x.ndim === 0 ? [] : dims;
}

function keptShape(x: Tensor, dims: readonly number[]): number[] {
  return x.shape.map((s, d) => (dims.includes(d) ? 1 : s));
}

function finalShape(x: Tensor, dims: readonly number[], keepdim: boolean): number[] {
  return keepdim ? keptShape(x, dims) : x.shape.filter((_, d) => !dims.includes(d));
}

/** Run a reduce kernel into a keepdim-shaped output, then drop the reduced dims unless keepdim. */
function runReduce(op: ReduceKernelOp, x: Tensor, dims: number[], keepdim: boolean, dtype: DType): Tensor {
  const out = emptyTensor(keptShape(x, dims), dtype, true, x);
  getBackend().reduce(op, x, dims, out);
  return reshapeContiguous(out, finalShape(x, dims, keepdim));
}

function checkKeepdim(op: string, keepdim: unknown): void {
  if (typeof keepdim !== 'boolean') argError(op, 'keepdim', 'a boolean', String(keepdim), DTypeError);
}

/** Sum; bool and integer tensors sum to int64, an empty reduction gives 0. */
export function sum(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  assertTensor('sum', 'input', x);
  checkKeepdim('sum', keepdim);
  const dtype = isFloatingDType(x.dtype) ? x.dtype : 'int64';
  return runReduce('sum', x, reducedDims(x, dim, 'sum'), keepdim, dtype);
}

/** Mean of a floating tensor (integer inputs raise, as PyTorch); an empty reduction gives NaN (0 / 0). */
export function mean(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  assertTensor('mean', 'input', x);
  checkKeepdim('mean', keepdim);
  if (!isFloatingDType(x.dtype)) {
    argError('mean', 'input', 'a floating point tensor (mean(): could not infer output dtype; pass a float tensor, e.g. x.float())', `dtype ${x.dtype}`, DTypeError);
  }
  const dims = reducedDims(x, dim, 'mean');
  let n = 1;
  for (const d of dims) n *= x.shape[d];
  if (x.storage !== null) {
    // on a device (no float64 there, no synchronous reads): the device's sum in x's dtype, then its division
    const total = emptyTensor(keptShape(x, dims), x.dtype, true, x);
    getBackend().reduce('sum', x, dims, total);
    const result = emptyTensor(finalShape(x, dims, keepdim), x.dtype, true, x);
    getBackend().binaryScalar('div', reshapeContiguous(total, result.shape), n, result, false);
    return result;
  }
  // sum in doubles, divide, round once into x's dtype
  const sums = emptyTensor(keptShape(x, dims), 'float64', true, x);
  getBackend().reduce('sum', x, dims, sums);
  const s = sums.data;
  const out = emptyTensor(finalShape(x, dims, keepdim), x.dtype, true, x);
  for (let i = 0; i < s.length; i++) out.data[i] = s[i] / n;
  return out;
}

/** Product over all elements or one dim; bool and integer tensors give int64, empty gives 1. */
export function prod(x: Tensor, dim?: number, keepdim = false): Tensor {
  assertTensor('prod', 'input', x);
  checkKeepdim('prod', keepdim);
  if (dim !== undefined) assertNumber('prod', 'dim', dim);
  const dtype = isFloatingDType(x.dtype) ? x.dtype : 'int64';
  return runReduce('prod', x, reducedDims(x, dim, 'prod'), keepdim, dtype);
}

function extremeAll(op: 'max' | 'min', x: Tensor): Tensor {
  assertTensor(op, 'input', x);
  if (x.numel() === 0) {
    argError(op, 'input', "a non-empty tensor when no 'dim' is given (reduction over input.numel() == 0 has no identity; specify the reduction dim)", `shape [${x.shape.join(', ')}]`, ValueError);
  }
  return runReduce(op, x, reducedDims(x, undefined, op), false, x.dtype);
}

/** Largest element (NaN if any element is NaN); an empty tensor raises. */
export function maxAll(x: Tensor): Tensor {
  return extremeAll('max', x);
}
export function minAll(x: Tensor): Tensor {
  return extremeAll('min', x);
}

/** Reject a reduction over an empty dim by an op without identity (max, argmax...). */
function checkNonEmptyDim(op: string, x: Tensor, d: number): void {
  if (x.ndim > 0 && x.shape[d] === 0) {
    argError(op, 'dim', `a dim of non-zero size (Expected reduction dim ${d} to have non-zero size)`, `dim ${d} of shape [${x.shape.join(', ')}]`, IndexError);
  }
}

function extremeDim(op: 'max' | 'min', x: Tensor, dim: number, keepdim: boolean): MaxMinResult {
  assertTensor(op, 'input', x);
  assertNumber(op, 'dim', dim);
  checkKeepdim(op, keepdim);
  const d = normalizeDim(dim, x.ndim, op);
  checkNonEmptyDim(op, x, d);
  const dims = x.ndim === 0 ? [] : [d];
  const shape = keptShape(x, dims);
  const values = emptyTensor(shape, x.dtype, true, x);
  const indices = emptyTensor(shape, 'int64', true, x);
  if (dims.length === 0) {
    if (x.storage !== null) getBackend().unary('copy', x, values);
    else values.data[0] = x.data[x.offset];
  } else {
    getBackend().reduce(op, x, dims, values, indices);
  }
  const final = finalShape(x, dims, keepdim);
  return { values: reshapeContiguous(values, final), indices: reshapeContiguous(indices, final) };
}

/** Values and int64 indices of the max along `dim`: first occurrence on ties, a NaN wins. */
export function maxDim(x: Tensor, dim: number, keepdim = false): MaxMinResult {
  return extremeDim('max', x, dim, keepdim);
}
export function minDim(x: Tensor, dim: number, keepdim = false): MaxMinResult {
  return extremeDim('min', x, dim, keepdim);
}

function argExtreme(op: 'argmax' | 'argmin', x: Tensor, dim: number | undefined, keepdim: boolean): Tensor {
  assertTensor(op, 'input', x);
  checkKeepdim(op, keepdim);
  if (x.dtype === 'bool') argError(op, 'input', `a numeric tensor (${op} is not implemented for bool)`, 'dtype bool', DTypeError);
  if (dim === undefined) {
    // over the flattened tensor (row-major order); keepdim keeps every dim as size 1
    if (x.numel() === 0) {
      argError(op, 'input', "a non-empty tensor when no 'dim' is given (Expected reduction dim to be specified for input.numel() == 0)", `shape [${x.shape.join(', ')}]`, ValueError);
    }
    const flat = isRowMajor(x) ? makeTensor(x.storage ?? x.data, [x.numel()], x.dtype, [1], x.offset) : reshapeContiguous(contiguousCopy(x), [x.numel()]);
    const out = emptyTensor([1], 'int64', true, x);
    getBackend().argReduce(op, flat, 0, out);
    return reshapeContiguous(out, keepdim ? x.shape.map(() => 1) : []);
  }
  assertNumber(op, 'dim', dim);
  const d = normalizeDim(dim, x.ndim, op);
  checkNonEmptyDim(op, x, d);
  if (x.ndim === 0) return emptyTensor([], 'int64', true, x);
  const out = emptyTensor(keptShape(x, [d]), 'int64', true, x);
  getBackend().argReduce(op, x, d, out);
  return reshapeContiguous(out, finalShape(x, [d], keepdim));
}

/**
 * Index of the max along `dim`, or over the flattened tensor when dim is undefined.
 *
 * @pytorch torch.argmax
 * @example
 * ```ts
 * const x = tensor([[1, 5], [7, 2]]);
 * const flat = argmax(x); // 2 (index into the flattened tensor)
 * const perRow = argmax(x, 1); // [1, 0]
 * ```
 */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argExtreme('argmax', x, dim, keepdim);
}
/**
 * Index of the smallest element (of the flattened tensor, or along `dim`), as int64.
 *
 * @pytorch torch.argmin
 * @example
 * ```ts
 * const x = tensor([[1, 5], [7, 2]]);
 * const perRow = argmin(x, 1); // [0, 1]
 * ```
 */
export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argExtreme('argmin', x, dim, keepdim);
}

function varianceImpl(op: 'var' | 'std', x: Tensor, dim: DimArg, options: VarOptions | undefined): Tensor {
  assertTensor(op, 'input', x);
  checkOptionKeys(op, options, ['correction', 'keepdim']);
  if (!isFloatingDType(x.dtype)) {
    argError(op, 'input', 'a floating point tensor (std and var only support floating point dtypes)', `dtype ${x.dtype}`, DTypeError);
  }
  const correction = options?.correction ?? 1;
  const keepdim = options?.keepdim ?? false;
  assertNumber(op, 'correction', correction);
  checkKeepdim(op, keepdim);
  const dims = reducedDims(x, dim, op);
  const onDevice = x.storage !== null;
  const out = emptyTensor(keptShape(x, dims), op === 'std' && !onDevice ? 'float64' : x.dtype, true, x);
  getBackend().variance(x, dims, correction, out);
  if (op === 'var') return reshapeContiguous(out, finalShape(x, dims, keepdim));
  const res = emptyTensor(finalShape(x, dims, keepdim), x.dtype, true, x);
  if (onDevice) {
    // on a device (no float64 there, no synchronous reads): the variance in x's dtype, then sqrt there
    getBackend().unary('sqrt', reshapeContiguous(out, res.shape), res);
    return res;
  }
  for (let i = 0; i < out.data.length; i++) res.data[i] = Math.sqrt(out.data[i]);
  return res;
}

/**
 * Variance over `dim` (all dims when undefined): sum((x - mean)^2) / max(0, N - correction).
 * correction defaults to 1 (unbiased); N <= correction gives inf or NaN as PyTorch.
 */
export function variance(x: Tensor, dim?: number | readonly number[], options?: VarOptions): Tensor {
  return varianceImpl('var', x, dim, options);
}
/** sqrt of `variance` (computed in doubles, rounded once). */
export function std(x: Tensor, dim?: number | readonly number[], options?: VarOptions): Tensor {
  return varianceImpl('std', x, dim, options);
}

/**
 * log(sum(exp(x))) over `dim`, stable: m + log(sum(exp(x - m))) with m the max; all -inf gives -inf,
 * any +inf gives inf. Integer inputs give float32.
 */
export function logsumexp(x: Tensor, dim: number | readonly number[], keepdim = false): Tensor {
  assertTensor('logsumexp', 'input', x);
  checkKeepdim('logsumexp', keepdim);
  if (dim === undefined || (Array.isArray(dim) && dim.length === 0)) {
    argError('logsumexp', 'dim', 'a dim or a non-empty list of dims', dim === undefined ? 'undefined' : '[]', ValueError);
  }
  return runReduce('logsumexp', x, reducedDims(x, dim, 'logsumexp'), keepdim, toFloatingDType(x.dtype));
}

/**
 * True when every element (over `dim`, or all) is nonzero; empty gives true.
 *
 * @pytorch torch.all
 * @example
 * ```ts
 * const ok = all(tensor([true, true])); // true (a bool scalar tensor)
 * const rows = all(tensor([[true, false], [true, true]]), 1); // [false, true]
 * ```
 */
export function all(x: Tensor, dim?: number, keepdim = false): Tensor {
  assertTensor('all', 'input', x);
  checkKeepdim('all', keepdim);
  return runReduce('all', x, reducedDims(x, dim, 'all'), keepdim, 'bool');
}

/**
 * True when some element (over `dim`, or all) is nonzero; empty gives false.
 *
 * @pytorch torch.any
 * @example
 * ```ts
 * const some = any(tensor([false, true])); // true (a bool scalar tensor)
 * const cols = any(tensor([[true, false], [false, false]]), 0); // [true, false]
 * ```
 */
export function any(x: Tensor, dim?: number, keepdim = false): Tensor {
  assertTensor('any', 'input', x);
  checkKeepdim('any', keepdim);
  return runReduce('any', x, reducedDims(x, dim, 'any'), keepdim, 'bool');
}


/** torch.max: the largest element, or `{ values, indices }` along `dim`. */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): MaxMinResult;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | MaxMinResult {
  return dim === undefined ? maxAll(x) : maxDim(x, dim, keepdim);
}

/** torch.min: the smallest element, or `{ values, indices }` along `dim`. */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): MaxMinResult;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | MaxMinResult {
  return dim === undefined ? minAll(x) : minDim(x, dim, keepdim);
}
