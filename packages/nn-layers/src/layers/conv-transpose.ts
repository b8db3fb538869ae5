// ConvTranspose2d (torch.nn.ConvTranspose2d): stride, padding, output_padding, groups, dilation and an
// optional bias; weight (in, out / groups, kH, kW); forward(input, outputSize?) picks the output
// padding that gives a requested output size, as PyTorch's _output_padding.
import { ValueError, type DType, type Tensor } from '@torchlet/tensor-core';
import { convTranspose2d, convTransposeOutputSize } from '../functional/conv-transpose.js';
import { checkOptions, positivePair } from '../functional/util.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { checkSize, registerWeightAndBias, resetWeightAndBias } from './linear.js';

/**
 * What the `ConvTranspose2d` constructor takes besides its sizes: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.ConvTranspose2d
 * @example
 * ```ts
 * const options: ConvTranspose2dModuleOptions = { stride: 2, outputPadding: 1 };
 * const deconv = new ConvTranspose2d(8, 3, 3, options);
 * ```
 */
export interface ConvTranspose2dModuleOptions {
  stride?: number | readonly number[];
  padding?: number | readonly number[];
  outputPadding?: number | readonly number[];
  groups?: number;
  bias?: boolean;
  dilation?: number | readonly number[];
  /** Only 'zeros', as PyTorch. */
  paddingMode?: 'zeros';
  dtype?: DType;
}

const tupleText = (v: readonly number[]): string => `(${v.join(', ')})`;

/**
 * 2-D transposed convolution over [N, C, H, W] (or [C, H, W]).
 *
 * @pytorch torch.nn.ConvTranspose2d
 * @example
 * ```ts
 * const layer = new ConvTranspose2d(8, 3, 2, { stride: 2 });
 * const y = layer.forward(randn([2, 8, 8, 8])); // shape [2, 3, 16, 16]
 * ```
 */
export class ConvTranspose2d extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: readonly number[];
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly outputPadding: readonly number[];
  readonly dilation: readonly number[];
  readonly groups: number;
  readonly paddingMode: 'zeros';

  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvTranspose2dModuleOptions = {}) {
    super();
    const layer = 'ConvTranspose2d';
    checkOptions(layer, options, ['stride', 'padding', 'outputPadding', 'groups', 'bias', 'dilation', 'paddingMode', 'dtype']);
    checkSize(layer, 'in_channels', inChannels);
    checkSize(layer, 'out_channels', outChannels);
    const groups = options.groups ?? 1;
    checkSize(layer, 'groups', groups);
    if (inChannels % groups !== 0) throw new ValueError(`${layer}(): argument 'in_channels' expected a multiple of groups (${groups}), got ${inChannels}`);
    if (outChannels % groups !== 0) throw new ValueError(`${layer}(): argument 'out_channels' expected a multiple of groups (${groups}), got ${outChannels}`);
    const paddingMode = options.paddingMode ?? 'zeros';
    if (paddingMode !== 'zeros') throw new ValueError(`${layer}(): argument 'padding_mode' expected 'zeros' (the only mode PyTorch supports here), got '${String(paddingMode)}'`);
    if (typeof options.padding === 'string') throw new ValueError(`${layer}(): argument 'padding' expected integers (one or two), got '${String(options.padding)}'`);
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = positivePair(layer, 'kernel_size', kernelSize, 1);
    this.stride = positivePair(layer, 'stride', options.stride ?? 1, 1);
    this.padding = positivePair(layer, 'padding', options.padding ?? 0, 0);
    this.outputPadding = positivePair(layer, 'output_padding', options.outputPadding ?? 0, 0);
    this.dilation = positivePair(layer, 'dilation', options.dilation ?? 1, 1);
    this.groups = groups;
    this.paddingMode = paddingMode;
    const dtype = options.dtype ?? 'float32';
    registerWeightAndBias(this, [inChannels, outChannels / groups, ...this.kernelSize], outChannels, options.bias ?? true, dtype);
    this.resetParameters();
  }

  get weight(): Parameter {
    return this.getParameter('weight') as Parameter;
  }

  get bias(): Parameter | null {
    return this.getParameter('bias');
  }

  /** PyTorch's init: weight kaiming-uniform with a = sqrt(5), bias U(-1/sqrt(fan_in), 1/sqrt(fan_in)); fan_in = out/groups * kH * kW. */
  resetParameters(): void {
    resetWeightAndBias(this.weight, this.bias);
  }

  /**
   * The output padding for a requested `outputSize` ([H, W], or with the batch and channel dims):
   * each size must lie in [min, min + stride - 1], min the size with no output padding.
   */
  outputPaddingFor(input: Tensor, outputSize: readonly number[] | null): readonly number[] {
    if (outputSize === null) return this.outputPadding;
    const spatial = outputSize.length === input.ndim ? outputSize.slice(-2) : outputSize;
    if (spatial.length !== 2) {
      throw new ValueError(
        `ConvTranspose2d.forward(): argument 'outputSize' expected 2 or ${input.ndim} elements for ${input.ndim}D input, got ${outputSize.length}`,
      );
    }
    const inSize = input.shape.slice(-2);
    const min = inSize.map((n, d) => convTransposeOutputSize(n, this.kernelSize[d], this.stride[d], this.padding[d], this.dilation[d], 0));
    const max = min.map((m, d) => m + this.stride[d] - 1);
    if (spatial.some((s, d) => !Number.isInteger(s) || s < min[d] || s > max[d])) {
      throw new ValueError(
        `ConvTranspose2d.forward(): argument 'outputSize' expected sizes from [${min.join(', ')}] to [${max.join(', ')}] ` +
          `(for an input of [${inSize.join(', ')}]), got [${spatial.join(', ')}]`,
      );
    }
    return spatial.map((s, d) => s - min[d]);
  }

  forward(input: Tensor, outputSize: readonly number[] | null = null): Tensor {
    return convTranspose2d(input, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding,
      outputPadding: this.outputPaddingFor(input, outputSize),
      groups: this.groups,
      dilation: this.dilation,
    });
  }

  /** PyTorch's extra_repr: padding, dilation, output_padding, groups and bias only when not the default. */
  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${tupleText(this.kernelSize)}, stride=${tupleText(this.stride)}`;
    if (this.padding.some((p) => p !== 0)) s += `, padding=${tupleText(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${tupleText(this.dilation)}`;
    if (this.outputPadding.some((p) => p !== 0)) s += `, output_padding=${tupleText(this.outputPadding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (!this.bias) s += ', bias=False';
    return s;
  }
}
