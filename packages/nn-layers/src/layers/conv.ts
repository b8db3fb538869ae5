// Conv1d and Conv2d (torch.nn.Conv1d / Conv2d) with stride, padding (numbers, 'valid', 'same'),
// dilation, groups and an optional bias; weight (out, in / groups, *kernel).
import type { Tensor } from '@torchlet/autograd';
import { ValueError, zeros, type DType } from '@torchlet/tensor-core';
import { conv1d, conv2d, type ConvPadding } from '../functional/conv.js';
import { positivePair } from '../functional/util.js';
import { kaimingUniform_ } from '../init.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { checkSize, initBiasFromWeight } from './linear.js';

export interface ConvOptions {
  stride?: number | readonly number[];
  padding?: ConvPadding;
  dilation?: number | readonly number[];
  groups?: number;
  bias?: boolean;
  /** Only 'zeros' (PyTorch's default) is supported. */
  paddingMode?: 'zeros';
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

  constructor(layer: string, dims: 1 | 2, inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvOptions) {
    super();
    checkSize(layer, 'in_channels', inChannels);
    checkSize(layer, 'out_channels', outChannels);
    const groups = options.groups ?? 1;
    checkSize(layer, 'groups', groups);
    if (inChannels % groups !== 0) throw new ValueError(`${layer}(): in_channels must be divisible by groups`);
    if (outChannels % groups !== 0) throw new ValueError(`${layer}(): out_channels must be divisible by groups`);
    if ((options.paddingMode ?? 'zeros') !== 'zeros') {
      throw new ValueError(`${layer}(): padding_mode '${String(options.paddingMode)}' is not supported (only 'zeros')`);
    }
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
    const dtype = options.dtype ?? 'float32';
    this.registerParameter('weight', new Parameter(zeros([outChannels, inChannels / groups, ...this.kernelSize], { dtype })));
    this.registerParameter('bias', options.bias ?? true ? new Parameter(zeros([outChannels], { dtype })) : null);
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
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    const bias = this.bias;
    if (bias) initBiasFromWeight(this.weight, bias);
  }

  protected options(): { stride: readonly number[]; padding: ConvPadding; dilation: readonly number[]; groups: number } {
    return { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups };
  }

  override extraRepr(): string {
    const pad = typeof this.padding === 'string' ? `'${this.padding}'` : `(${(this.padding as readonly number[]).join(', ')})`;
    return `${this.inChannels}, ${this.outChannels}, kernel_size=(${this.kernelSize.join(', ')}), stride=(${this.stride.join(', ')}), padding=${pad}` +
      `${this.dilation.some((d) => d !== 1) ? `, dilation=(${this.dilation.join(', ')})` : ''}${this.groups !== 1 ? `, groups=${this.groups}` : ''}${this.bias ? '' : ', bias=False'}`;
  }
}

/** 1-D convolution over [N, C, L] (or [C, L]). */
export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvOptions = {}) {
    super('Conv1d', 1, inChannels, outChannels, kernelSize, options);
  }

  forward(input: Tensor): Tensor {
    return conv1d(input, this.weight, this.bias, this.options());
  }
}

/** 2-D convolution over [N, C, H, W] (or [C, H, W]). */
export class Conv2d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvOptions = {}) {
    super('Conv2d', 2, inChannels, outChannels, kernelSize, options);
  }

  forward(input: Tensor): Tensor {
    return conv2d(input, this.weight, this.bias, this.options());
  }
}
