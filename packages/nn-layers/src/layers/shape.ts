// Flatten and Identity (torch.nn.Flatten / Identity).
import { ValueError, type Tensor } from '@torchlet/tensor-core';
import { Module } from '../module/module.js';

/**
 * Flatten dims startDim..endDim into one (default 1..-1: keep the batch dim).
 *
 * @pytorch torch.nn.Flatten
 * @example
 * ```ts
 * const layer = new Flatten();
 * const y = layer.forward(randn([2, 3, 4])); // shape [2, 12]
 * ```
 */
export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;
  constructor(startDim = 1, endDim = -1) {
    super();
    this.startDim = startDim;
    this.endDim = endDim;
  }
  forward(input: Tensor): Tensor {
    return input.flatten(this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/**
 * Returns its input unchanged.
 *
 * @pytorch torch.nn.Identity
 * @example
 * ```ts
 * const layer = new Identity();
 * const y = layer.forward(randn([2, 3])); // the input itself
 * ```
 */
export class Identity extends Module {
  forward(input: Tensor): Tensor {
    return input;
  }
}

/**
 * Split dim `dim` into `unflattenedSize` (torch.nn.Unflatten; one size may be -1).
 *
 * @pytorch torch.nn.Unflatten
 * @example
 * ```ts
 * const layer = new Unflatten(1, [3, 4]);
 * const y = layer.forward(randn([2, 12])); // shape [2, 3, 4]
 * ```
 */
export class Unflatten extends Module {
  readonly dim: number;
  readonly unflattenedSize: readonly number[];
  constructor(dim: number, unflattenedSize: readonly number[]) {
    super();
    if (!Number.isInteger(dim)) throw new ValueError(`Unflatten(): dim expected an integer, got ${String(dim)}`);
    if (!Array.isArray(unflattenedSize) || unflattenedSize.some((s) => !Number.isInteger(s))) {
      throw new ValueError(`Unflatten(): unflattened_size must be an array of integers, got ${JSON.stringify(unflattenedSize)}`);
    }
    this.dim = dim;
    this.unflattenedSize = [...unflattenedSize];
  }
  forward(input: Tensor): Tensor {
    return input.unflatten(this.dim, this.unflattenedSize);
  }
  override extraRepr(): string {
    return `dim=${this.dim}, unflattened_size=(${this.unflattenedSize.join(', ')}${this.unflattenedSize.length === 1 ? ',' : ''})`;
  }
}
