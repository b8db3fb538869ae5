// Dropout (torch.nn.Dropout): in training, zero elements with probability p and scale the rest by
// 1 / (1 - p); in eval, pass the input through.
import { ValueError, type Generator, type Tensor } from '@torchlet/tensor-core';
import { dropout, dropout2d } from '../functional/dropout.js';
import { Module } from '../module/module.js';
import { pyFloat } from './repr.js';

/**
 * Zeroes each element with probability p in training and scales the rest by 1 / (1 - p); the identity in eval mode.
 *
 * @pytorch torch.nn.Dropout
 * @example
 * ```ts
 * const layer = new Dropout(0.1);
 * const y = layer.forward(randn([4, 8])); // training mode; layer.eval() makes it the identity
 * ```
 */
export class Dropout extends Module {
  readonly p: number;
  /** Draw masks from this generator instead of the default one. */
  generator: Generator | undefined;

  constructor(p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1)) throw new ValueError(`Dropout(): dropout probability has to be between 0 and 1, but got ${p}`);
    this.p = p;
  }

  forward(input: Tensor): Tensor {
    return dropout(input, { p: this.p, training: this.training, generator: this.generator });
  }

  override extraRepr(): string {
    return `p=${this.p}, inplace=False`;
  }
}

/**
 * Channel-wise dropout (torch.nn.Dropout2d): whole channels of [N, C, H, W] zeroed in training.
 *
 * @pytorch torch.nn.Dropout2d
 * @example
 * ```ts
 * const layer = new Dropout2d(0.2);
 * const y = layer.forward(randn([2, 3, 4, 4])); // zeroes whole channels in training
 * ```
 */
export class Dropout2d extends Module {
  readonly p: number;
  /** Draw masks from this generator instead of the default one. */
  generator: Generator | undefined;

  constructor(p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1)) throw new ValueError(`Dropout2d(): dropout probability has to be between 0 and 1, but got ${p}`);
    this.p = p;
  }

  forward(input: Tensor): Tensor {
    return dropout2d(input, { p: this.p, training: this.training, generator: this.generator });
  }

  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=False`;
  }
}
