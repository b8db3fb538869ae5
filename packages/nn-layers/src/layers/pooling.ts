// MaxPool2d, AvgPool2d and AdaptiveAvgPool2d (torch.nn): no parameters, options as in PyTorch.
import type { Tensor } from '@torchlet/tensor-core';
import {
  adaptiveAvgPool2d,
  adaptiveMaxPool2dWithIndices,
  avgPool1d,
  avgPool2d,
  maxPool1dWithIndices,
  maxPool2d,
  type AdaptiveSize,
  type AvgPool1dOptions,
  type AvgPool2dOptions,
  type MaxPool1dOptions,
  type MaxPool2dOptions,
} from '../functional/pooling.js';
import { Module } from '../module/module.js';
import { checkOptions } from '../functional/util.js';

/** A size as Python prints it: an int, a tuple (`(3, None)`, `(2,)`) or None. */
function pySize(v: number | readonly (number | null)[] | null | undefined): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'number') return String(v);
  return v.length === 1 ? `(${pySize(v[0])},)` : `(${v.map((x) => pySize(x)).join(', ')})`;
}


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

/** What a pooling layer with `returnIndices` returns: the output, or [output, int64 indices]. */
export type PoolResult<R extends boolean> = R extends true ? [Tensor, Tensor] : Tensor;

export interface MaxPool1dLayerOptions<R extends boolean = false> extends MaxPool1dOptions {
  /** Also return the int64 index (along L) of each max: forward gives [output, indices]. */
  returnIndices?: R;
}

/** Max pooling over [N, C, L] (or [C, L]). */
export class MaxPool1d<R extends boolean = false> extends Module {
  readonly kernelSize: number | readonly number[];
  readonly options: Readonly<MaxPool1dOptions>;
  readonly returnIndices: R;

  constructor(kernelSize: number | readonly number[], options: MaxPool1dLayerOptions<R> = {}) {
    super();
    checkOptions('MaxPool1d', options, ['stride', 'padding', 'dilation', 'ceilMode', 'returnIndices']);
    const { returnIndices, ...rest } = options;
    this.kernelSize = kernelSize;
    this.options = rest;
    this.returnIndices = (returnIndices ?? false) as R;
  }

  forward(input: Tensor): PoolResult<R> {
    const { output, indices } = maxPool1dWithIndices(input, this.kernelSize, this.options);
    return (this.returnIndices ? [output, indices] : output) as PoolResult<R>;
  }

  override extraRepr(): string {
    const o = this.options;
    return `kernel_size=${pySize(this.kernelSize)}, stride=${pySize(o.stride ?? this.kernelSize)}, padding=${pySize(o.padding ?? 0)}, dilation=${pySize(o.dilation ?? 1)}, ceil_mode=${o.ceilMode ? 'True' : 'False'}`;
  }
}

/** Average pooling over [N, C, L] (or [C, L]). */
export class AvgPool1d extends Module {
  readonly kernelSize: number | readonly number[];
  readonly options: Readonly<AvgPool1dOptions>;

  constructor(kernelSize: number | readonly number[], options: AvgPool1dOptions = {}) {
    super();
    checkOptions('AvgPool1d', options, ['stride', 'padding', 'ceilMode', 'countIncludePad']);
    this.kernelSize = kernelSize;
    this.options = { ...options };
  }

  forward(input: Tensor): Tensor {
    return avgPool1d(input, this.kernelSize, this.options);
  }

  override extraRepr(): string {
    const o = this.options;
    // PyTorch keeps AvgPool1d's sizes as 1-tuples
    const one = (v: number | readonly number[]): string => pySize(typeof v === 'number' ? [v] : v);
    return `kernel_size=${one(this.kernelSize)}, stride=${one(o.stride ?? this.kernelSize)}, padding=${one(o.padding ?? 0)}`;
  }
}

export interface AdaptiveMaxPool2dOptions<R extends boolean = false> {
  /** Also return the int64 flat index (h * W + w) of each max: forward gives [output, indices]. */
  returnIndices?: R;
}

/** Adaptive max pooling to `outputSize` over [N, C, H, W] (or [C, H, W]). */
export class AdaptiveMaxPool2d<R extends boolean = false> extends Module {
  readonly outputSize: AdaptiveSize;
  readonly returnIndices: R;

  constructor(outputSize: AdaptiveSize, options: AdaptiveMaxPool2dOptions<R> = {}) {
    super();
    checkOptions('AdaptiveMaxPool2d', options, ['returnIndices']);
    this.outputSize = outputSize;
    this.returnIndices = (options.returnIndices ?? false) as R;
  }

  forward(input: Tensor): PoolResult<R> {
    const { output, indices } = adaptiveMaxPool2dWithIndices(input, this.outputSize);
    return (this.returnIndices ? [output, indices] : output) as PoolResult<R>;
  }

  override extraRepr(): string {
    return `output_size=${pySize(this.outputSize)}`;
  }
}
