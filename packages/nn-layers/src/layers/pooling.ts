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


/**
 * Max pooling over 2-d windows of an (N, C, H, W) or (C, H, W) input.
 *
 * @pytorch torch.nn.MaxPool2d
 * @example
 * ```ts
 * const layer = new MaxPool2d(2);
 * const y = layer.forward(randn([1, 3, 8, 8])); // shape [1, 3, 4, 4]
 * ```
 */
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

/**
 * Average pooling over 2-d windows of an (N, C, H, W) or (C, H, W) input.
 *
 * @pytorch torch.nn.AvgPool2d
 * @example
 * ```ts
 * const layer = new AvgPool2d(2, { stride: 2 });
 * const y = layer.forward(randn([1, 3, 8, 8])); // shape [1, 3, 4, 4]
 * ```
 */
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

/**
 * Average pooling to a fixed output size, whatever the input size.
 *
 * @pytorch torch.nn.AdaptiveAvgPool2d
 * @example
 * ```ts
 * const layer = new AdaptiveAvgPool2d([1, 1]);
 * const y = layer.forward(randn([1, 3, 7, 7])); // shape [1, 3, 1, 1]
 * ```
 */
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

/**
 * What a max-pooling layer's `forward` returns: the values, or `[values, indices]` when it was made with `returnIndices: true`.
 *
 * @pytorch the return value of torch.nn.MaxPool1d (a tensor, or a tuple with return_indices=True)
 * @example
 * ```ts
 * const pooled: PoolResult<false> = new MaxPool1d(2).forward(randn([1, 3, 8]));
 * const [values, indices]: PoolResult<true> = new MaxPool1d(2, { returnIndices: true }).forward(randn([1, 3, 8]));
 * ```
 */
export type PoolResult<R extends boolean> = R extends true ? [Tensor, Tensor] : Tensor;

/**
 * What the `MaxPool1d` constructor takes besides its sizes: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.MaxPool1d
 * @example
 * ```ts
 * const options: MaxPool1dLayerOptions<true> = { stride: 2, returnIndices: true };
 * const [values, indices] = new MaxPool1d(2, options).forward(randn([1, 3, 8]));
 * ```
 */
export interface MaxPool1dLayerOptions<R extends boolean = false> extends MaxPool1dOptions {
  /** Also return the int64 index (along L) of each max: forward gives [output, indices]. */
  returnIndices?: R;
}

/**
 * Max pooling over [N, C, L] (or [C, L]).
 *
 * @pytorch torch.nn.MaxPool1d
 * @example
 * ```ts
 * const layer = new MaxPool1d(2, { returnIndices: true });
 * const y = layer.forward(randn([1, 3, 8])); // [values, indices]
 * ```
 */
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

/**
 * Average pooling over [N, C, L] (or [C, L]).
 *
 * @pytorch torch.nn.AvgPool1d
 * @example
 * ```ts
 * const layer = new AvgPool1d(2);
 * const y = layer.forward(randn([1, 3, 8])); // shape [1, 3, 4]
 * ```
 */
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

/**
 * What the `AdaptiveMaxPool2d` constructor takes besides the output size: whether `forward` also returns the indices.
 *
 * @pytorch the keyword arguments of torch.nn.AdaptiveMaxPool2d
 * @example
 * ```ts
 * const options: AdaptiveMaxPool2dOptions<true> = { returnIndices: true };
 * const [values, indices] = new AdaptiveMaxPool2d([2, 2], options).forward(randn([1, 3, 7, 7]));
 * ```
 */
export interface AdaptiveMaxPool2dOptions<R extends boolean = false> {
  /** Also return the int64 flat index (h * W + w) of each max: forward gives [output, indices]. */
  returnIndices?: R;
}

/**
 * Adaptive max pooling to `outputSize` over [N, C, H, W] (or [C, H, W]).
 *
 * @pytorch torch.nn.AdaptiveMaxPool2d
 * @example
 * ```ts
 * const layer = new AdaptiveMaxPool2d(2);
 * const y = layer.forward(randn([1, 3, 7, 7])); // shape [1, 3, 2, 2]
 * ```
 */
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
