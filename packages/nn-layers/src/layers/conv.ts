// Conv1d and Conv2d (torch.nn.Conv1d / Conv2d) with stride, padding (numbers, 'valid', 'same'),
// dilation, groups, an optional bias and padding_mode; weight (out, in / groups, *kernel).
import { ValueError, type DType, type Tensor } from '@torchlet/tensor-core';
import { conv1d, conv2d, type ConvPadding } from '../functional/conv.js';
import { pad } from '../functional/padding.js';
import { positivePair } from '../functional/util.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { checkSize, registerWeightAndBias, resetWeightAndBias } from './linear.js';
import { checkOptions } from '../functional/util.js';

/**
 * How a convolution pads its input: with zeros, by reflection, by repeating the edge, or circularly.
 *
 * @pytorch the padding_mode argument of torch.nn.Conv2d
 * @example
 * ```ts
 * const paddingMode: ConvPaddingMode = 'reflect';
 * const conv = new Conv2d(3, 8, 3, { padding: 1, paddingMode });
 * ```
 */
export type ConvPaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

const PADDING_MODES: readonly string[] = ['zeros', 'reflect', 'replicate', 'circular'];

/** A Python tuple's repr: (3,) for one element, (3, 3) for two. */
function tupleText(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(', ')})`;
}

/**
 * What the `Conv1d` and `Conv2d` constructor takes besides its sizes: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.Conv2d (and Conv1d)
 * @example
 * ```ts
 * const options: ConvOptions = { stride: 1, padding: 'same', dilation: 2 };
 * const conv = new Conv2d(3, 8, 3, options);
 * ```
 */
export interface ConvOptions {
  stride?: number | readonly number[];
  padding?: ConvPadding;
  dilation?: number | readonly number[];
  groups?: number;
  bias?: boolean;
  /** 'zeros' (default) pads inside the convolution; the others pad with F.pad first. */
  paddingMode?: ConvPaddingMode;
  dtype?: DType;
}

abstract class ConvNd extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: readonly number[];
  readonly stride: readonly number[];
  readonly padding: ConvPadding;
  readonly dilation: readonly number[];
  readonly groups: number;
  readonly paddingMode: ConvPaddingMode;
  /** The F.pad amounts for padding modes other than 'zeros': (before, after) per dim, last dim first. */
  readonly reversedPaddingRepeatedTwice: readonly number[];

  constructor(layer: string, dims: 1 | 2, inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvOptions) {
    super();
    checkOptions(layer, options, ['stride', 'padding', 'dilation', 'groups', 'bias', 'paddingMode', 'dtype']);
    checkSize(layer, 'in_channels', inChannels);
    checkSize(layer, 'out_channels', outChannels);
    const groups = options.groups ?? 1;
    checkSize(layer, 'groups', groups);
    if (inChannels % groups !== 0) throw new ValueError(`${layer}(): in_channels must be divisible by groups`);
    if (outChannels % groups !== 0) throw new ValueError(`${layer}(): out_channels must be divisible by groups`);
    const paddingMode = options.paddingMode ?? 'zeros';
    if (!PADDING_MODES.includes(paddingMode)) {
      throw new ValueError(`${layer}(): argument 'padding_mode' expected one of 'zeros', 'reflect', 'replicate', 'circular', got '${String(paddingMode)}'`);
    }
    this.paddingMode = paddingMode;
    const tuple = (v: number | readonly number[], name: string, min: number): number[] =>
      dims === 2 ? positivePair(layer, name, v, min) : [positivePair(layer, name, v, min)[0]];
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = tuple(kernelSize, 'kernel_size', 1);
    this.stride = tuple(options.stride ?? 1, 'stride', 1);
    this.dilation = tuple(options.dilation ?? 1, 'dilation', 1);
    const padding = options.padding ?? 0;
    if (typeof padding === 'string') {
      if (padding !== 'valid' && padding !== 'same') throw new ValueError(`${layer}(): invalid padding string '${padding}', should be one of {'valid', 'same'}`);
      if (padding === 'same' && this.stride.some((s) => s !== 1)) throw new ValueError(`${layer}(): padding='same' is not supported for strided convolutions`);
      this.padding = padding;
    } else {
      this.padding = tuple(padding, 'padding', 0);
    }
    this.groups = groups;
    this.reversedPaddingRepeatedTwice = reversedPadding(this.padding, this.kernelSize, this.dilation);
    const dtype = options.dtype ?? 'float32';
    registerWeightAndBias(this, [outChannels, inChannels / groups, ...this.kernelSize], outChannels, options.bias ?? true, dtype);
    this.resetParameters();
  }

  get weight(): Parameter {
    return this.getParameter('weight') as Parameter;
  }

  get bias(): Parameter | null {
    return this.getParameter('bias');
  }

  /** PyTorch's init: weight kaiming-uniform with a = sqrt(5), bias U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
  resetParameters(): void {
    resetWeightAndBias(this.weight, this.bias);
  }

  /** The convolution of `conv` with this layer's options; other padding modes pad with F.pad, then convolve with padding 0. */
  protected run(conv: typeof conv2d, input: Tensor): Tensor {
    const common = { stride: this.stride, dilation: this.dilation, groups: this.groups };
    if (this.paddingMode === 'zeros') return conv(input, this.weight, this.bias, { ...common, padding: this.padding });
    const padded = pad(input, this.reversedPaddingRepeatedTwice, { mode: this.paddingMode });
    return conv(padded, this.weight, this.bias, { ...common, padding: 0 });
  }

  /** PyTorch's extra_repr: padding, dilation, groups, bias and padding_mode only when not the default. */
  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${tupleText(this.kernelSize)}, stride=${tupleText(this.stride)}`;
    if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
    else if ((this.padding as readonly number[]).some((p) => p !== 0)) s += `, padding=${tupleText(this.padding as readonly number[])}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${tupleText(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (!this.bias) s += ', bias=False';
    if (this.paddingMode !== 'zeros') s += `, padding_mode=${this.paddingMode}`;
    return s;
  }
}

/**
 * PyTorch's _reversed_padding_repeated_twice: each dim's (before, after) padding, last dim first;
 * 'same' puts the odd element after (total dilation * (k - 1)), 'valid' pads nothing.
 */
function reversedPadding(padding: ConvPadding, kernelSize: readonly number[], dilation: readonly number[]): number[] {
  const out: number[] = [];
  for (let d = kernelSize.length - 1; d >= 0; d--) {
    if (padding === 'valid') out.push(0, 0);
    else if (padding === 'same') {
      const total = dilation[d] * (kernelSize[d] - 1);
      const before = Math.floor(total / 2);
      out.push(before, total - before);
    } else {
      const p = (padding as readonly number[])[d];
      out.push(p, p);
    }
  }
  return out;
}

/**
 * 1-D convolution over [N, C, L] (or [C, L]).
 *
 * @pytorch torch.nn.Conv1d
 * @example
 * ```ts
 * const layer = new Conv1d(3, 8, 5, { padding: 2 });
 * const y = layer.forward(randn([2, 3, 16])); // shape [2, 8, 16]
 * ```
 */
export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvOptions = {}) {
    super('Conv1d', 1, inChannels, outChannels, kernelSize, options);
  }

  forward(input: Tensor): Tensor {
    return this.run(conv1d, input);
  }
}

/**
 * 2-D convolution over [N, C, H, W] (or [C, H, W]).
 *
 * @pytorch torch.nn.Conv2d
 * @example
 * ```ts
 * const layer = new Conv2d(3, 8, 3, { stride: 2, padding: 1 });
 * const y = layer.forward(randn([2, 3, 16, 16])); // shape [2, 8, 8, 8]
 * ```
 */
export class Conv2d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvOptions = {}) {
    super('Conv2d', 2, inChannels, outChannels, kernelSize, options);
  }

  forward(input: Tensor): Tensor {
    return this.run(conv2d, input);
  }
}
