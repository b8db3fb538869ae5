// Flatten and Identity (torch.nn.Flatten / Identity).
import type { Tensor } from '@torchlet/tensor-core';
import { Module } from '../module/module.js';

/** Flatten dims startDim..endDim into one (default 1..-1: keep the batch dim). */
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

/** Returns its input unchanged. */
export class Identity extends Module {
  forward(input: Tensor): Tensor {
    return input;
  }
}
