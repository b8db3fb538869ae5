// PReLU (torch.nn.PReLU): x if x > 0 else a * x, with a learnable `weight` a (one for all channels,
// or one per channel of dim 1).
import { full, type DType, type Tensor } from '@torchlet/tensor-core';
import { prelu } from '../functional/activation.js';
import { checkNumber, checkOptions } from '../functional/util.js';
import { constant_ } from '../init.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { checkSize } from './linear.js';

/**
 * What the `PReLU` constructor takes: how many slopes, their initial value and the dtype.
 *
 * @pytorch the keyword arguments of torch.nn.PReLU
 * @example
 * ```ts
 * const options: PReLUOptions = { numParameters: 16, init: 0.1 };
 * const prelu = new PReLU(options);
 * ```
 */
export interface PReLUOptions {
  /** How many weights: 1 (shared, the default) or the input's channel count (dim 1). */
  numParameters?: number;
  /** The weights' initial value (default 0.25). */
  init?: number;
  /** dtype of the weight (default float32). */
  dtype?: DType;
}

/**
 * Parametric ReLU: a leaky ReLU whose negative slope (one, or one per channel) is learned.
 *
 * @pytorch torch.nn.PReLU
 * @example
 * ```ts
 * const layer = new PReLU({ numParameters: 3, init: 0.25 });
 * const y = layer.forward(randn([2, 3])); // one learned slope per channel
 * ```
 */
export class PReLU extends Module {
  readonly numParameters: number;
  readonly init: number;

  constructor(options: PReLUOptions = {}) {
    super();
    checkOptions('PReLU', options, ['numParameters', 'init', 'dtype']);
    this.numParameters = options.numParameters ?? 1;
    this.init = options.init ?? 0.25;
    checkSize('PReLU', 'numParameters', this.numParameters, 0);
    checkNumber('PReLU', 'init', this.init);
    this.registerParameter('weight', new Parameter(full([this.numParameters], this.init, { dtype: options.dtype ?? 'float32' })));
  }

  get weight(): Parameter {
    return this.getParameter('weight') as Parameter;
  }

  /** PyTorch's reset_parameters: every weight back to `init`. */
  resetParameters(): void {
    constant_(this.weight, this.init);
  }

  forward(input: Tensor): Tensor {
    return prelu(input, this.weight);
  }

  override extraRepr(): string {
    return `num_parameters=${this.numParameters}`;
  }
}
