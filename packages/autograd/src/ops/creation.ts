// Creation ops: tensor-core's, returning autograd tensors, with a `requiresGrad` option.
import * as core from '@torchlet/tensor-core';
import type { CreationOptions, FromDataOptions, RandomOptions } from '@torchlet/tensor-core';
import { Tensor } from '../tensor.js';

export interface GradOptions {
  /** Make the result a leaf that requires grad (floating dtypes only). */
  requiresGrad?: boolean;
}
export type AutogradCreationOptions = CreationOptions & GradOptions;
export type AutogradFromDataOptions = FromDataOptions & GradOptions;
export type AutogradRandomOptions = RandomOptions & GradOptions;

/** Wrap a tensor-core tensor as an autograd leaf (shares storage). */
export function fromCore(value: core.Tensor, options?: GradOptions): Tensor {
  return new Tensor(value, null, options?.requiresGrad ?? false);
}

const leaf = (value: core.Tensor, options?: GradOptions): Tensor =>
  new Tensor(value, null, options?.requiresGrad ?? false);

export function tensor(
  data: core.NestedArray | core.DataArray | readonly number[],
  options?: AutogradFromDataOptions,
): Tensor {
  return leaf(core.tensor(data, options), options);
}
export function scalarTensor(value: number, dtype?: core.DType, options?: GradOptions): Tensor {
  return leaf(core.scalarTensor(value, dtype), options);
}
export function zeros(shape: core.Shape | number, options?: AutogradCreationOptions): Tensor {
  return leaf(core.zeros(shape, options), options);
}
export function ones(shape: core.Shape | number, options?: AutogradCreationOptions): Tensor {
  return leaf(core.ones(shape, options), options);
}
export function full(shape: core.Shape | number, value: number, options?: AutogradCreationOptions): Tensor {
  return leaf(core.full(shape, value, options), options);
}
export function empty(shape: core.Shape | number, options?: AutogradCreationOptions): Tensor {
  return leaf(core.empty(shape, options), options);
}
export function arange(startOrEnd: number, end?: number, step?: number, options?: AutogradCreationOptions): Tensor {
  return leaf(core.arange(startOrEnd, end, step, options), options);
}
export function linspace(start: number, end: number, steps: number, options?: AutogradCreationOptions): Tensor {
  return leaf(core.linspace(start, end, steps, options), options);
}
export function eye(n: number, m?: number, options?: AutogradCreationOptions): Tensor {
  return leaf(core.eye(n, m, options), options);
}
export function zerosLike(like: Tensor, options?: AutogradCreationOptions): Tensor {
  return leaf(core.zerosLike(like.value, options), options);
}
export function onesLike(like: Tensor, options?: AutogradCreationOptions): Tensor {
  return leaf(core.onesLike(like.value, options), options);
}
export function fullLike(like: Tensor, value: number, options?: AutogradCreationOptions): Tensor {
  return leaf(core.fullLike(like.value, value, options), options);
}
export function emptyLike(like: Tensor, options?: AutogradCreationOptions): Tensor {
  return leaf(core.emptyLike(like.value, options), options);
}
export function rand(shape: core.Shape | number, options?: AutogradRandomOptions): Tensor {
  return leaf(core.rand(shape, options), options);
}
export function randn(shape: core.Shape | number, options?: AutogradRandomOptions): Tensor {
  return leaf(core.randn(shape, options), options);
}
/** Integers in [low, high); int64 by default (never requires grad). */
export function randint(low: number, high: number, shape: core.Shape | number, options?: RandomOptions): Tensor {
  return leaf(core.randint(low, high, shape, options));
}
/** A random permutation of 0..n-1; int64 by default. */
export function randperm(n: number, options?: RandomOptions): Tensor {
  return leaf(core.randperm(n, options));
}
export function randLike(like: Tensor, options?: AutogradRandomOptions): Tensor {
  return leaf(core.randLike(like.value, options), options);
}
export function randnLike(like: Tensor, options?: AutogradRandomOptions): Tensor {
  return leaf(core.randnLike(like.value, options), options);
}
