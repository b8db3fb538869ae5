// BatchNorm1d / BatchNorm2d and LayerNorm (torch.nn), with PyTorch's buffers and key names:
// weight, bias, running_mean, running_var, num_batches_tracked.
import { ShapeError, ValueError, scalarTensor, zeros, ones, type DType, type Tensor } from '@torchlet/tensor-core';
import { batchNormWithFactor, groupNorm, instanceNorm, layerNorm } from '../functional/normalization.js';
import { ones_, zeros_ } from '../init.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { checkSize } from './linear.js';
import { checkOptions } from '../functional/util.js';
import { pyFloat } from './repr.js';

/**
 * What the `BatchNorm1d` and `BatchNorm2d` constructor takes besides its sizes: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.BatchNorm2d (and BatchNorm1d)
 * @example
 * ```ts
 * const options: BatchNormLayerOptions = { eps: 1e-3, momentum: 0.01, affine: false };
 * const bn = new BatchNorm2d(16, options);
 * ```
 */
export interface BatchNormLayerOptions {
  eps?: number;
  /** Running-average factor (default 0.1); null for a cumulative average over all batches seen. */
  momentum?: number | null;
  /** Learn weight and bias (default true). */
  affine?: boolean;
  /** Keep running statistics for eval (default true); without them eval also uses batch statistics. */
  trackRunningStats?: boolean;
  dtype?: DType;
}

abstract class BatchNormBase extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;

  constructor(layer: string, numFeatures: number, options: BatchNormLayerOptions) {
    super();
    checkOptions(layer, options, ['eps', 'momentum', 'affine', 'trackRunningStats', 'dtype']);
    checkSize(layer, 'num_features', numFeatures);
    this.numFeatures = numFeatures;
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    this.affine = options.affine ?? true;
    this.trackRunningStats = options.trackRunningStats ?? true;
    const dtype = options.dtype ?? 'float32';
    this.registerParameter('weight', this.affine ? new Parameter(ones([numFeatures], { dtype })) : null);
    this.registerParameter('bias', this.affine ? new Parameter(zeros([numFeatures], { dtype })) : null);
    if (this.trackRunningStats) {
      this.registerBuffer('running_mean', zeros([numFeatures], { dtype }));
      this.registerBuffer('running_var', ones([numFeatures], { dtype }));
      this.registerBuffer('num_batches_tracked', scalarTensor(0, 'int64'));
    } else {
      this.registerBuffer('running_mean', null);
      this.registerBuffer('running_var', null);
      this.registerBuffer('num_batches_tracked', null);
    }
  }

  get weight(): Parameter | null {
    return this.getParameter('weight');
  }
  get bias(): Parameter | null {
    return this.getParameter('bias');
  }
  get runningMean(): Tensor | null {
    return this.getBuffer('running_mean');
  }
  get runningVar(): Tensor | null {
    return this.getBuffer('running_var');
  }
  /** How many training batches updated the running statistics (an int64 0-d tensor). */
  get numBatchesTracked(): Tensor | null {
    return this.getBuffer('num_batches_tracked');
  }

  /** Running mean 0, running variance 1, count 0. */
  resetRunningStats(): void {
    if (!this.trackRunningStats) return;
    zeros_(this.runningMean as Tensor);
    ones_(this.runningVar as Tensor);
    zeros_(this.numBatchesTracked as Tensor);
  }

  /** Reset the statistics, weight 1 and bias 0. */
  resetParameters(): void {
    this.resetRunningStats();
    if (this.weight) ones_(this.weight);
    if (this.bias) zeros_(this.bias);
  }

  protected abstract checkInput(input: Tensor): void;

  forward(input: Tensor): Tensor {
    this.checkInput(input);
    let factor: number | Tensor = this.momentum ?? 0;
    const tracked = this.numBatchesTracked;
    if (this.training && this.trackRunningStats && tracked) {
      tracked.add_(1);
      // cumulative average: 1 / batches seen (on a device, a tensor there: it cannot be read synchronously)
      if (this.momentum === null) factor = tracked.device === 'cpu' ? 1 / tracked.item() : tracked.to(input.dtype).pow(-1);
    }
    const useBatchStats = this.training || (this.runningMean === null && this.runningVar === null);
    const keepRunning = !this.training || this.trackRunningStats;
    const options = { weight: this.weight, bias: this.bias, training: useBatchStats, eps: this.eps };
    return batchNormWithFactor(input, keepRunning ? this.runningMean : null, keepRunning ? this.runningVar : null, options, factor);
  }

  override extraRepr(): string {
    const py = (b: boolean): string => (b ? 'True' : 'False');
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum ?? 'None'}, affine=${py(this.affine)}, track_running_stats=${py(this.trackRunningStats)}`;
  }
}

/**
 * Batch normalization over [N, C] or [N, C, L] inputs.
 *
 * @pytorch torch.nn.BatchNorm1d
 * @example
 * ```ts
 * const layer = new BatchNorm1d(3);
 * const y = layer.forward(randn([4, 3])); // normalized per feature over the batch
 * ```
 */
export class BatchNorm1d extends BatchNormBase {
  constructor(numFeatures: number, options: BatchNormLayerOptions = {}) {
    super('BatchNorm1d', numFeatures, options);
  }
  protected checkInput(input: Tensor): void {
    if (input.ndim !== 2 && input.ndim !== 3) throw new ShapeError(`BatchNorm1d: expected 2D or 3D input (got ${input.ndim}D input)`);
  }
}

/**
 * Batch normalization over [N, C, H, W] inputs.
 *
 * @pytorch torch.nn.BatchNorm2d
 * @example
 * ```ts
 * const layer = new BatchNorm2d(3, { momentum: 0.1 });
 * const y = layer.forward(randn([4, 3, 5, 5]));
 * ```
 */
export class BatchNorm2d extends BatchNormBase {
  constructor(numFeatures: number, options: BatchNormLayerOptions = {}) {
    super('BatchNorm2d', numFeatures, options);
  }
  protected checkInput(input: Tensor): void {
    if (input.ndim !== 4) throw new ShapeError(`BatchNorm2d: expected 4D input (got ${input.ndim}D input)`);
  }
}

/**
 * What the `LayerNorm` constructor takes besides its sizes: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.LayerNorm
 * @example
 * ```ts
 * const options: LayerNormLayerOptions = { eps: 1e-6, elementwiseAffine: false };
 * const norm = new LayerNorm([8], options);
 * ```
 */
export interface LayerNormLayerOptions {
  eps?: number;
  /** Learn a per-element weight and bias (default true). */
  elementwiseAffine?: boolean;
  dtype?: DType;
}

/**
 * Layer normalization over the trailing `normalizedShape` dims.
 *
 * @pytorch torch.nn.LayerNorm
 * @example
 * ```ts
 * const layer = new LayerNorm(8);
 * const y = layer.forward(randn([2, 5, 8])); // normalized over the last dimension
 * ```
 */
export class LayerNorm extends Module {
  readonly normalizedShape: readonly number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;

  constructor(normalizedShape: number | readonly number[], options: LayerNormLayerOptions = {}) {
    super();
    checkOptions('LayerNorm', options, ['eps', 'elementwiseAffine', 'dtype']);
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    if (this.normalizedShape.length === 0 || this.normalizedShape.some((s) => !Number.isInteger(s) || s < 1)) {
      throw new ValueError(`LayerNorm(): normalized_shape expected positive integers, got ${JSON.stringify(normalizedShape)}`);
    }
    this.eps = options.eps ?? 1e-5;
    this.elementwiseAffine = options.elementwiseAffine ?? true;
    const dtype = options.dtype ?? 'float32';
    this.registerParameter('weight', this.elementwiseAffine ? new Parameter(ones(this.normalizedShape, { dtype })) : null);
    this.registerParameter('bias', this.elementwiseAffine ? new Parameter(zeros(this.normalizedShape, { dtype })) : null);
  }

  get weight(): Parameter | null {
    return this.getParameter('weight');
  }
  get bias(): Parameter | null {
    return this.getParameter('bias');
  }

  resetParameters(): void {
    if (this.weight) ones_(this.weight);
    if (this.bias) zeros_(this.bias);
  }

  forward(input: Tensor): Tensor {
    return layerNorm(input, this.normalizedShape, { weight: this.weight, bias: this.bias, eps: this.eps });
  }

  override extraRepr(): string {
    return `(${this.normalizedShape.join(', ')},), eps=${this.eps}, elementwise_affine=${this.elementwiseAffine ? 'True' : 'False'}`;
  }
}

/**
 * What the `GroupNorm` constructor takes besides its sizes: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.GroupNorm
 * @example
 * ```ts
 * const options: GroupNormLayerOptions = { eps: 1e-6 };
 * const norm = new GroupNorm(4, 16, options);
 * ```
 */
export interface GroupNormLayerOptions {
  eps?: number;
  /** Learn a per-channel weight and bias (default true). */
  affine?: boolean;
  dtype?: DType;
}

/**
 * Group normalization over [N, C, *]: channels in `numGroups` groups, each normalized per sample.
 *
 * @pytorch torch.nn.GroupNorm
 * @example
 * ```ts
 * const layer = new GroupNorm(2, 4);
 * const y = layer.forward(randn([3, 4, 5, 5]));
 * ```
 */
export class GroupNorm extends Module {
  readonly numGroups: number;
  readonly numChannels: number;
  readonly eps: number;
  readonly affine: boolean;

  constructor(numGroups: number, numChannels: number, options: GroupNormLayerOptions = {}) {
    super();
    checkOptions('GroupNorm', options, ['eps', 'affine', 'dtype']);
    checkSize('GroupNorm', 'num_groups', numGroups);
    checkSize('GroupNorm', 'num_channels', numChannels);
    if (numChannels % numGroups !== 0) throw new ValueError('GroupNorm(): num_channels must be divisible by num_groups');
    this.numGroups = numGroups;
    this.numChannels = numChannels;
    this.eps = options.eps ?? 1e-5;
    this.affine = options.affine ?? true;
    const dtype = options.dtype ?? 'float32';
    this.registerParameter('weight', this.affine ? new Parameter(ones([numChannels], { dtype })) : null);
    this.registerParameter('bias', this.affine ? new Parameter(zeros([numChannels], { dtype })) : null);
  }

  get weight(): Parameter | null {
    return this.getParameter('weight');
  }
  get bias(): Parameter | null {
    return this.getParameter('bias');
  }

  resetParameters(): void {
    if (this.weight) ones_(this.weight);
    if (this.bias) zeros_(this.bias);
  }

  forward(input: Tensor): Tensor {
    return groupNorm(input, this.numGroups, { weight: this.weight, bias: this.bias, eps: this.eps });
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pyFloat(this.eps)}, affine=${this.affine ? 'True' : 'False'}`;
  }
}

/**
 * What the `InstanceNorm1d` and `InstanceNorm2d` constructor takes besides its sizes: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.InstanceNorm2d (and InstanceNorm1d)
 * @example
 * ```ts
 * const options: InstanceNormLayerOptions = { affine: true, trackRunningStats: true };
 * const norm = new InstanceNorm2d(3, options);
 * ```
 */
export interface InstanceNormLayerOptions {
  eps?: number;
  /** Running-average factor (default 0.1). */
  momentum?: number;
  /** Learn weight and bias (default false, unlike BatchNorm). */
  affine?: boolean;
  /** Keep running statistics for eval (default false). */
  trackRunningStats?: boolean;
  dtype?: DType;
}

abstract class InstanceNormBase extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  momentum: number;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  private readonly layer: string;
  /** The input's dims without a batch dim (2 for InstanceNorm1d, 3 for InstanceNorm2d). */
  private readonly noBatchDim: number;

  constructor(layer: string, noBatchDim: number, numFeatures: number, options: InstanceNormLayerOptions) {
    super();
    checkOptions(layer, options, ['eps', 'momentum', 'affine', 'trackRunningStats', 'dtype']);
    checkSize(layer, 'num_features', numFeatures);
    this.layer = layer;
    this.noBatchDim = noBatchDim;
    this.numFeatures = numFeatures;
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum ?? 0.1;
    this.affine = options.affine ?? false;
    this.trackRunningStats = options.trackRunningStats ?? false;
    const dtype = options.dtype ?? 'float32';
    this.registerParameter('weight', this.affine ? new Parameter(ones([numFeatures], { dtype })) : null);
    this.registerParameter('bias', this.affine ? new Parameter(zeros([numFeatures], { dtype })) : null);
    // as PyTorch's _NormBase: num_batches_tracked is kept (for the state dict) but InstanceNorm never counts
    this.registerBuffer('running_mean', this.trackRunningStats ? zeros([numFeatures], { dtype }) : null);
    this.registerBuffer('running_var', this.trackRunningStats ? ones([numFeatures], { dtype }) : null);
    this.registerBuffer('num_batches_tracked', this.trackRunningStats ? scalarTensor(0, 'int64') : null);
  }

  get weight(): Parameter | null {
    return this.getParameter('weight');
  }
  get bias(): Parameter | null {
    return this.getParameter('bias');
  }
  get runningMean(): Tensor | null {
    return this.getBuffer('running_mean');
  }
  get runningVar(): Tensor | null {
    return this.getBuffer('running_var');
  }

  resetRunningStats(): void {
    if (!this.trackRunningStats) return;
    zeros_(this.runningMean as Tensor);
    ones_(this.runningVar as Tensor);
    zeros_(this.getBuffer('num_batches_tracked') as Tensor);
  }

  resetParameters(): void {
    this.resetRunningStats();
    if (this.weight) ones_(this.weight);
    if (this.bias) zeros_(this.bias);
  }

  forward(input: Tensor): Tensor {
    const d = this.noBatchDim;
    if (input.ndim !== d && input.ndim !== d + 1) {
      throw new ShapeError(`${this.layer}: expected ${d}D (unbatched) or ${d + 1}D (batched) input (got ${input.ndim}D input)`);
    }
    const featureDim = input.ndim - d;
    if (input.shape[featureDim] !== this.numFeatures && this.affine) {
      throw new ValueError(
        `${this.layer}: expected input's size at dim=${featureDim} to match num_features (${this.numFeatures}), but got: ${input.shape[featureDim]}.`,
      );
    }
    const batched = input.ndim === d + 1 ? input : input.unsqueeze(0);
    const out = instanceNorm(batched, {
      runningMean: this.runningMean,
      runningVar: this.runningVar,
      weight: this.weight,
      bias: this.bias,
      useInputStats: this.training || !this.trackRunningStats,
      momentum: this.momentum,
      eps: this.eps,
    });
    return input.ndim === d + 1 ? out : out.squeeze(0);
  }

  override extraRepr(): string {
    const py = (b: boolean): string => (b ? 'True' : 'False');
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${pyFloat(this.momentum)}, affine=${py(this.affine)}, track_running_stats=${py(this.trackRunningStats)}`;
  }
}

/**
 * Instance normalization over [N, C, L] (or unbatched [C, L]).
 *
 * @pytorch torch.nn.InstanceNorm1d
 * @example
 * ```ts
 * const layer = new InstanceNorm1d(3);
 * const y = layer.forward(randn([2, 3, 10]));
 * ```
 */
export class InstanceNorm1d extends InstanceNormBase {
  constructor(numFeatures: number, options: InstanceNormLayerOptions = {}) {
    super('InstanceNorm1d', 2, numFeatures, options);
  }
}

/**
 * Instance normalization over [N, C, H, W] (or unbatched [C, H, W]).
 *
 * @pytorch torch.nn.InstanceNorm2d
 * @example
 * ```ts
 * const layer = new InstanceNorm2d(3, { affine: true });
 * const y = layer.forward(randn([2, 3, 5, 5]));
 * ```
 */
export class InstanceNorm2d extends InstanceNormBase {
  constructor(numFeatures: number, options: InstanceNormLayerOptions = {}) {
    super('InstanceNorm2d', 3, numFeatures, options);
  }
}
