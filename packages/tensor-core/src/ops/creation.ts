import type { DType, DataArray } from '../dtype.js';
import type { Shape } from '../shape.js';
import type { NestedArray, Tensor } from '../tensor.js';
import { notImplemented } from './not-implemented.js';

export interface CreationOptions {
  /** float32 unless given (for `tensor()`: inferred from the data, as PyTorch does). */
  dtype?: DType;
}

export interface FromDataOptions extends CreationOptions {
  /** Shape of a flat typed array or flat JS array (defaults to its length, or the nesting). */
  shape?: Shape;
}

/**
 * A tensor from nested JS arrays, a number, a boolean or a typed array. dtype inference as
 * `torch.tensor`: booleans give bool, all-integer numbers give int64, otherwise float32.
 * Typed arrays default to their natural dtype (Float64Array -> float64, Int32Array -> int32...).
 * The data is always copied.
 */
export function tensor(data: NestedArray | DataArray | readonly number[], options?: FromDataOptions): Tensor { return notImplemented('tensor'); }
/** A 0-d tensor holding `value`. */
export function scalarTensor(value: number, dtype?: DType): Tensor { return notImplemented('scalarTensor'); }
export function zeros(shape: Shape | number, options?: CreationOptions): Tensor { return notImplemented('zeros'); }
export function ones(shape: Shape | number, options?: CreationOptions): Tensor { return notImplemented('ones'); }
export function full(shape: Shape | number, value: number, options?: CreationOptions): Tensor { return notImplemented('full'); }
/** Uninitialised in PyTorch; zero-filled here. */
export function empty(shape: Shape | number, options?: CreationOptions): Tensor { return notImplemented('empty'); }
/** `arange(end)` or `arange(start, end, step?)`; int64 when all arguments are integers. */
export function arange(startOrEnd: number, end?: number, step?: number, options?: CreationOptions): Tensor { return notImplemented('arange'); }
export function linspace(start: number, end: number, steps: number, options?: CreationOptions): Tensor { return notImplemented('linspace'); }
export function eye(n: number, m?: number, options?: CreationOptions): Tensor { return notImplemented('eye'); }
/** `*Like` take the shape and, unless overridden, the dtype of `like`. */
export function zerosLike(like: Tensor, options?: CreationOptions): Tensor { return notImplemented('zerosLike'); }
export function onesLike(like: Tensor, options?: CreationOptions): Tensor { return notImplemented('onesLike'); }
export function fullLike(like: Tensor, value: number, options?: CreationOptions): Tensor { return notImplemented('fullLike'); }
export function emptyLike(like: Tensor, options?: CreationOptions): Tensor { return notImplemented('emptyLike'); }
