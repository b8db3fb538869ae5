// Activations as modules (torch.nn.ReLU, LeakyReLU, GELU, SiLU, Sigmoid, Tanh, ELU, Hardtanh,
// Softplus, Mish, Hardswish, LogSigmoid). Softmax and friends: ./softmax.ts; PReLU: ./prelu.ts.
import { softplus, ValueError, type Tensor } from '@torchlet/tensor-core';
import { elu, gelu, hardswish, hardtanh, leakyRelu, logsigmoid, mish, relu, sigmoid, silu, tanh, type GeluApproximate } from '../functional/activation.js';
import { checkNumber, checkOptions } from '../functional/util.js';
import { Module } from '../module/module.js';
import { pyFloat, pyNumber } from './repr.js';

/**
 * Rectified linear unit, elementwise: max(0, x).
 *
 * @pytorch torch.nn.ReLU
 * @example
 * ```ts
 * const layer = new ReLU();
 * const y = layer.forward(randn([2, 3])); // same shape as the input
 * ```
 */
export class ReLU extends Module {
  forward(input: Tensor): Tensor {
    return relu(input);
  }
}

/**
 * Leaky ReLU, elementwise: x where x >= 0, else negativeSlope * x (default slope 0.01).
 *
 * @pytorch torch.nn.LeakyReLU
 * @example
 * ```ts
 * const layer = new LeakyReLU(0.2);
 * const y = layer.forward(randn([2, 3])); // same shape as the input
 * ```
 */
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

/**
 * What the `GELU` constructor takes: the approximation ('none', exact, or 'tanh').
 *
 * @pytorch the keyword arguments of torch.nn.GELU
 * @example
 * ```ts
 * const options: GELUOptions = { approximate: 'tanh' };
 * const gelu = new GELU(options);
 * ```
 */
export interface GELUOptions {
  /** 'none' (exact, with erf; the default) or 'tanh' (the tanh approximation). */
  approximate?: GeluApproximate;
}

/**
 * Gaussian error linear unit, elementwise: x * Phi(x), exact or with the tanh approximation.
 *
 * @pytorch torch.nn.GELU
 * @example
 * ```ts
 * const layer = new GELU({ approximate: 'tanh' });
 * const y = layer.forward(randn([2, 3])); // same shape as the input
 * ```
 */
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

/**
 * Sigmoid linear unit (swish), elementwise: x * sigmoid(x).
 *
 * @pytorch torch.nn.SiLU
 * @example
 * ```ts
 * const layer = new SiLU();
 * const y = layer.forward(randn([2, 3])); // same shape as the input
 * ```
 */
export class SiLU extends Module {
  forward(input: Tensor): Tensor {
    return silu(input);
  }
}

/**
 * The logistic sigmoid, elementwise: 1 / (1 + exp(-x)).
 *
 * @pytorch torch.nn.Sigmoid
 * @example
 * ```ts
 * const layer = new Sigmoid();
 * const y = layer.forward(randn([2, 3])); // same shape as the input
 * ```
 */
export class Sigmoid extends Module {
  forward(input: Tensor): Tensor {
    return sigmoid(input);
  }
}

/**
 * Hyperbolic tangent, elementwise.
 *
 * @pytorch torch.nn.Tanh
 * @example
 * ```ts
 * const layer = new Tanh();
 * const y = layer.forward(randn([2, 3])); // same shape as the input
 * ```
 */
export class Tanh extends Module {
  forward(input: Tensor): Tensor {
    return tanh(input);
  }
}

/**
 * What the `ELU` constructor takes: `alpha`, the saturation value for negative inputs.
 *
 * @pytorch the keyword arguments of torch.nn.ELU
 * @example
 * ```ts
 * const options: ELUOptions = { alpha: 0.5 };
 * const elu = new ELU(options);
 * ```
 */
export interface ELUOptions {
  /** The negative saturation value: x <= 0 maps to alpha * (exp(x) - 1) (default 1). */
  alpha?: number;
}

/**
 * Exponential linear unit, elementwise: x where x > 0, else alpha * (exp(x) - 1).
 *
 * @pytorch torch.nn.ELU
 * @example
 * ```ts
 * const layer = new ELU({ alpha: 0.5 });
 * const y = layer.forward(randn([2, 3])); // same shape as the input
 * ```
 */
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

/**
 * What the `Hardtanh` constructor takes: the clamp range.
 *
 * @pytorch the keyword arguments of torch.nn.Hardtanh
 * @example
 * ```ts
 * const options: HardtanhOptions = { minVal: 0, maxVal: 6 };
 * const relu6 = new Hardtanh(options);
 * ```
 */
export interface HardtanhOptions {
  /** Lower end of the linear region (default -1). */
  minVal?: number;
  /** Upper end of the linear region (default 1); must be greater than minVal. */
  maxVal?: number;
}

/**
 * Clamps each element to [minVal, maxVal] (default [-1, 1]).
 *
 * @pytorch torch.nn.Hardtanh
 * @example
 * ```ts
 * const layer = new Hardtanh({ minVal: -2, maxVal: 2 });
 * const y = layer.forward(randn([2, 3])); // same shape as the input
 * ```
 */
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

/**
 * What the `Softplus` constructor takes: `beta` and the linear `threshold`.
 *
 * @pytorch the keyword arguments of torch.nn.Softplus
 * @example
 * ```ts
 * const options: SoftplusOptions = { beta: 2, threshold: 20 };
 * const softplus = new Softplus(options);
 * ```
 */
export interface SoftplusOptions {
  /** softplus(x) = log(1 + exp(beta x)) / beta (default 1). */
  beta?: number;
  /** Linear (x itself) where beta x > threshold (default 20). */
  threshold?: number;
}

/**
 * Softplus, elementwise: log(1 + exp(beta * x)) / beta, linear above the threshold.
 *
 * @pytorch torch.nn.Softplus
 * @example
 * ```ts
 * const layer = new Softplus({ beta: 2, threshold: 10 });
 * const y = layer.forward(randn([2, 3])); // same shape as the input
 * ```
 */
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

/**
 * Mish, elementwise: x * tanh(softplus(x)).
 *
 * @pytorch torch.nn.Mish
 * @example
 * ```ts
 * const layer = new Mish();
 * const y = layer.forward(randn([2, 3])); // same shape as the input
 * ```
 */
export class Mish extends Module {
  forward(input: Tensor): Tensor {
    return mish(input);
  }
}

/**
 * Hard swish, elementwise: x * relu6(x + 3) / 6.
 *
 * @pytorch torch.nn.Hardswish
 * @example
 * ```ts
 * const layer = new Hardswish();
 * const y = layer.forward(randn([2, 3])); // same shape as the input
 * ```
 */
export class Hardswish extends Module {
  forward(input: Tensor): Tensor {
    return hardswish(input);
  }
}

/**
 * Log of the sigmoid, elementwise, computed stably: -softplus(-x).
 *
 * @pytorch torch.nn.LogSigmoid
 * @example
 * ```ts
 * const layer = new LogSigmoid();
 * const y = layer.forward(randn([2, 3])); // same shape as the input
 * ```
 */
export class LogSigmoid extends Module {
  forward(input: Tensor): Tensor {
    return logsigmoid(input);
  }
}
