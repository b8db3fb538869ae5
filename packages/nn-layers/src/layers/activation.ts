// Activations as modules (torch.nn.ReLU, LeakyReLU, GELU, SiLU, Sigmoid, Tanh, ELU, Hardtanh,
// Softplus, Mish, Hardswish, LogSigmoid). Softmax and friends: ./softmax.ts; PReLU: ./prelu.ts.
import { softplus, ValueError, type Tensor } from '@torchlet/tensor-core';
import { elu, gelu, hardswish, hardtanh, leakyRelu, logsigmoid, mish, relu, sigmoid, silu, tanh, type GeluApproximate } from '../functional/activation.js';
import { checkNumber, checkOptions } from '../functional/util.js';
import { Module } from '../module/module.js';
import { pyFloat, pyNumber } from './repr.js';

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
    checkOptions('GELU', options, ['approximate']);
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

export interface ELUOptions {
  /** The negative saturation value: x <= 0 maps to alpha * (exp(x) - 1) (default 1). */
  alpha?: number;
}

export class ELU extends Module {
  readonly alpha: number;
  constructor(options: ELUOptions = {}) {
    super();
    checkOptions('ELU', options, ['alpha']);
    this.alpha = options.alpha ?? 1;
    checkNumber('ELU', 'alpha', this.alpha);
  }
  forward(input: Tensor): Tensor {
    return elu(input, this.alpha);
  }
  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}`;
  }
}

export interface HardtanhOptions {
  /** Lower end of the linear region (default -1). */
  minVal?: number;
  /** Upper end of the linear region (default 1); must be greater than minVal. */
  maxVal?: number;
}

export class Hardtanh extends Module {
  readonly minVal: number;
  readonly maxVal: number;
  constructor(options: HardtanhOptions = {}) {
    super();
    checkOptions('Hardtanh', options, ['minVal', 'maxVal']);
    this.minVal = options.minVal ?? -1;
    this.maxVal = options.maxVal ?? 1;
    checkNumber('Hardtanh', 'minVal', this.minVal);
    checkNumber('Hardtanh', 'maxVal', this.maxVal);
    // PyTorch: assert self.max_val > self.min_val
    if (!(this.maxVal > this.minVal)) {
      throw new ValueError(`Hardtanh(): 'maxVal' must be greater than 'minVal', got minVal=${this.minVal}, maxVal=${this.maxVal}`);
    }
  }
  forward(input: Tensor): Tensor {
    return hardtanh(input, this.minVal, this.maxVal);
  }
  override extraRepr(): string {
    return `min_val=${pyFloat(this.minVal)}, max_val=${pyFloat(this.maxVal)}`;
  }
}

export interface SoftplusOptions {
  /** softplus(x) = log(1 + exp(beta x)) / beta (default 1). */
  beta?: number;
  /** Linear (x itself) where beta x > threshold (default 20). */
  threshold?: number;
}

export class Softplus extends Module {
  readonly beta: number;
  readonly threshold: number;
  constructor(options: SoftplusOptions = {}) {
    super();
    checkOptions('Softplus', options, ['beta', 'threshold']);
    this.beta = options.beta ?? 1;
    this.threshold = options.threshold ?? 20;
    checkNumber('Softplus', 'beta', this.beta);
    checkNumber('Softplus', 'threshold', this.threshold);
  }
  forward(input: Tensor): Tensor {
    return softplus(input, this.beta, this.threshold);
  }
  override extraRepr(): string {
    return `beta=${pyNumber(this.beta)}, threshold=${pyNumber(this.threshold)}`;
  }
}

export class Mish extends Module {
  forward(input: Tensor): Tensor {
    return mish(input);
  }
}

export class Hardswish extends Module {
  forward(input: Tensor): Tensor {
    return hardswish(input);
  }
}

export class LogSigmoid extends Module {
  forward(input: Tensor): Tensor {
    return logsigmoid(input);
  }
}
