// Linear (torch.nn.Linear): y = x W^T + b, W of shape (out, in).
import { ValueError, zeros, type DType, type Tensor } from '@torchlet/tensor-core';
import { linear } from '../functional/linear.js';
import { calculateFanInAndFanOut, kaimingUniform_, uniform_ } from '../init.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { checkOptions } from '../functional/util.js';

/**
 * What the `Linear` constructor takes besides its sizes: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.Linear
 * @example
 * ```ts
 * const options: LinearOptions = { bias: false, dtype: 'float64' };
 * const layer = new Linear(3, 2, options);
 * ```
 */
export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** dtype of the parameters (default float32). */
  dtype?: DType;
}

export function checkSize(layer: string, name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) {
    throw new ValueError(`${layer}(): argument '${name}' expected an integer >= ${min}, got ${String(value)}`);
  }
}

/**
 * Register `weight` (zeros of `weightShape`) and, with `bias`, a `bias` of `biasSize` zeros: the
 * parameters of Linear and the convolutions, initialised by resetWeightAndBias.
 */
export function registerWeightAndBias(module: Module, weightShape: readonly number[], biasSize: number, bias: boolean, dtype: DType): void {
  module.registerParameter('weight', new Parameter(zeros([...weightShape], { dtype })));
  module.registerParameter('bias', bias ? new Parameter(zeros([biasSize], { dtype })) : null);
}

/**
 * PyTorch's init of Linear and the convolutions: the weight kaiming-uniform with a = sqrt(5), the
 * bias U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in from the weight (0 when fan_in is 0).
 */
export function resetWeightAndBias(weight: Parameter, bias: Parameter | null): void {
  kaimingUniform_(weight, { a: Math.sqrt(5) });
  if (bias === null) return;
  const { fanIn } = calculateFanInAndFanOut(weight);
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  uniform_(bias, -bound, bound);
}

/**
 * A fully connected layer: y = x W^T + b, with W of shape [outFeatures, inFeatures].
 *
 * @pytorch torch.nn.Linear
 * @example
 * ```ts
 * const layer = new Linear(3, 2);
 * const y = layer.forward(randn([4, 3])); // shape [4, 2]: x W^T + b
 * ```
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    checkOptions('Linear', options, ['bias', 'dtype']);
    checkSize('Linear', 'in_features', inFeatures, 0);
    checkSize('Linear', 'out_features', outFeatures, 0);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    const dtype = options.dtype ?? 'float32';
    registerWeightAndBias(this, [outFeatures, inFeatures], outFeatures, options.bias ?? true, dtype);
    this.resetParameters();
  }

  get weight(): Parameter {
    return this.getParameter('weight') as Parameter;
  }

  get bias(): Parameter | null {
    return this.getParameter('bias');
  }

  /** PyTorch's init: weight kaiming-uniform with a = sqrt(5), i.e. U(-1/sqrt(in), 1/sqrt(in)); then the bias. */
  resetParameters(): void {
    resetWeightAndBias(this.weight, this.bias);
  }

  forward(input: Tensor): Tensor {
    return linear(input, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias !== null ? 'True' : 'False'}`;
  }
}
