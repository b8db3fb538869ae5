// Softmax, LogSoftmax, Softmin and Softmax2d as modules (the dim is required: PyTorch's implicit dim
// is deprecated).
import { ShapeError, type Tensor } from '@torchlet/tensor-core';
import { logSoftmax, softmax, softmin } from '../functional/softmax.js';
import { checkNumber } from '../functional/util.js';
import { Module } from '../module/module.js';

abstract class AlongDim extends Module {
  readonly dim: number;
  constructor(layer: string, dim: number) {
    super();
    checkNumber(layer, 'dim', dim);
    this.dim = dim;
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/**
 * softmax along `dim`.
 *
 * @pytorch torch.nn.Softmax
 * @example
 * ```ts
 * const layer = new Softmax(1);
 * const y = layer.forward(randn([2, 3])); // rows sum to 1
 * ```
 */
export class Softmax extends AlongDim {
  constructor(dim: number) {
    super('Softmax', dim);
  }
  forward(input: Tensor): Tensor {
    return softmax(input, this.dim);
  }
}

/**
 * log-softmax along `dim`.
 *
 * @pytorch torch.nn.LogSoftmax
 * @example
 * ```ts
 * const layer = new LogSoftmax(1);
 * const y = layer.forward(randn([2, 3]));
 * ```
 */
export class LogSoftmax extends AlongDim {
  constructor(dim: number) {
    super('LogSoftmax', dim);
  }
  forward(input: Tensor): Tensor {
    return logSoftmax(input, this.dim);
  }
}

/**
 * softmax(-x) along `dim`.
 *
 * @pytorch torch.nn.Softmin
 * @example
 * ```ts
 * const layer = new Softmin(1);
 * const y = layer.forward(randn([2, 3]));
 * ```
 */
export class Softmin extends AlongDim {
  constructor(dim: number) {
    super('Softmin', dim);
  }
  forward(input: Tensor): Tensor {
    return softmin(input, this.dim);
  }
}

/**
 * softmax over the channels of each location: dim -3 of a [N, C, H, W] or [C, H, W] input.
 *
 * @pytorch torch.nn.Softmax2d
 * @example
 * ```ts
 * const layer = new Softmax2d();
 * const y = layer.forward(randn([1, 3, 4, 4])); // softmax over the channels at each position
 * ```
 */
export class Softmax2d extends Module {
  forward(input: Tensor): Tensor {
    if (input.ndim !== 3 && input.ndim !== 4) {
      throw new ShapeError(`Softmax2d: expected a 3D or 4D input ([N, C, H, W] or [C, H, W]), got ${input.ndim}D`);
    }
    return softmax(input, -3);
  }
}
