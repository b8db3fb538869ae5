// Activations as modules (torch.nn.ReLU, LeakyReLU, GELU, SiLU, Sigmoid, Tanh, Softmax, LogSoftmax).
import { ValueError, type Tensor } from '@torchlet/tensor-core';
import { gelu, leakyRelu, logSoftmax, relu, sigmoid, silu, softmax, tanh, type GeluApproximate } from '../functional/activation.js';
import { Module } from '../module/module.js';

export class ReLU extends Module {
  forward(input: Tensor): Tensor {
    return relu(input);
  }
}

export class LeakyReLU extends Module {
  readonly negativeSlope: number;
  constructor(negativeSlope = 0.01) {
    super();
    this.negativeSlope = negativeSlope;
  }
  forward(input: Tensor): Tensor {
    return leakyRelu(input, this.negativeSlope);
  }
  override extraRepr(): string {
    return `negative_slope=${this.negativeSlope}`;
  }
}

export interface GELUOptions {
  /** 'none' (exact, with erf; the default) or 'tanh' (the tanh approximation). */
  approximate?: GeluApproximate;
}

export class GELU extends Module {
  readonly approximate: GeluApproximate;
  constructor(options: GELUOptions = {}) {
    super();
    const approximate = options.approximate ?? 'none';
    if (approximate !== 'none' && approximate !== 'tanh') {
      throw new ValueError(`GELU(): approximate argument must be either none or tanh, got '${String(approximate)}'`);
    }
    this.approximate = approximate;
  }
  forward(input: Tensor): Tensor {
    return gelu(input, this.approximate);
  }
  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

export class SiLU extends Module {
  forward(input: Tensor): Tensor {
    return silu(input);
  }
}

export class Sigmoid extends Module {
  forward(input: Tensor): Tensor {
    return sigmoid(input);
  }
}

export class Tanh extends Module {
  forward(input: Tensor): Tensor {
    return tanh(input);
  }
}

/** softmax along `dim` (required: PyTorch's implicit dim is deprecated). */
export class Softmax extends Module {
  readonly dim: number;
  constructor(dim: number) {
    super();
    this.dim = dim;
  }
  forward(input: Tensor): Tensor {
    return softmax(input, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

export class LogSoftmax extends Module {
  readonly dim: number;
  constructor(dim: number) {
    super();
    this.dim = dim;
  }
  forward(input: Tensor): Tensor {
    return logSoftmax(input, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
