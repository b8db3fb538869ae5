// MaxPool2d, AvgPool2d and AdaptiveAvgPool2d (torch.nn): no parameters, options as in PyTorch.
import type { Tensor } from '@torchlet/tensor-core';
import { adaptiveAvgPool2d, avgPool2d, maxPool2d, type AdaptiveSize, type AvgPool2dOptions, type MaxPool2dOptions } from '../functional/pooling.js';
import { Module } from '../module/module.js';
import { checkOptions } from '../functional/util.js';

export class MaxPool2d extends Module {
  readonly kernelSize: number | readonly number[];
  readonly options: Readonly<MaxPool2dOptions>;

  constructor(kernelSize: number | readonly number[], options: MaxPool2dOptions = {}) {
    super();
    checkOptions('MaxPool2d', options, ['stride', 'padding', 'dilation', 'ceilMode']);
    this.kernelSize = kernelSize;
    this.options = { ...options };
  }

  forward(input: Tensor): Tensor {
    return maxPool2d(input, this.kernelSize, this.options);
  }

  override extraRepr(): string {
    const o = this.options;
    return `kernel_size=${JSON.stringify(this.kernelSize)}, stride=${JSON.stringify(o.stride ?? this.kernelSize)}, padding=${JSON.stringify(o.padding ?? 0)}, dilation=${JSON.stringify(o.dilation ?? 1)}, ceil_mode=${o.ceilMode ?? false}`;
  }
}

export class AvgPool2d extends Module {
  readonly kernelSize: number | readonly number[];
  readonly options: Readonly<AvgPool2dOptions>;

  constructor(kernelSize: number | readonly number[], options: AvgPool2dOptions = {}) {
    super();
    checkOptions('AvgPool2d', options, ['stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride']);
    this.kernelSize = kernelSize;
    this.options = { ...options };
  }

  forward(input: Tensor): Tensor {
    return avgPool2d(input, this.kernelSize, this.options);
  }

  override extraRepr(): string {
    const o = this.options;
    return `kernel_size=${JSON.stringify(this.kernelSize)}, stride=${JSON.stringify(o.stride ?? this.kernelSize)}, padding=${JSON.stringify(o.padding ?? 0)}`;
  }
}

export class AdaptiveAvgPool2d extends Module {
  readonly outputSize: AdaptiveSize;

  constructor(outputSize: AdaptiveSize) {
    super();
    this.outputSize = outputSize;
  }

  forward(input: Tensor): Tensor {
    return adaptiveAvgPool2d(input, this.outputSize);
  }

  override extraRepr(): string {
    return `output_size=${JSON.stringify(this.outputSize)}`;
  }
}
