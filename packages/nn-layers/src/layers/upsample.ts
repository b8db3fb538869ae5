// Upsample (torch.nn.Upsample): interpolate as a module, 'nearest' or 'bilinear'.
import { ValueError, type Tensor } from '@torchlet/tensor-core';
import { interpolate, type InterpolateMode } from '../functional/interpolate.js';
import { checkOptions } from '../functional/util.js';
import { Module } from '../module/module.js';
import { pyFloat } from './repr.js';

/**
 * What the `Upsample` constructor takes: an output size or a scale factor, the mode and its corner options.
 *
 * @pytorch the keyword arguments of torch.nn.Upsample
 * @example
 * ```ts
 * const options: UpsampleOptions = { size: [8, 8], mode: 'bilinear', alignCorners: false };
 * const upsample = new Upsample(options);
 * ```
 */
export interface UpsampleOptions {
  size?: number | readonly number[] | null;
  scaleFactor?: number | readonly number[] | null;
  /** Default 'nearest'. */
  mode?: InterpolateMode;
  alignCorners?: boolean | null;
  recomputeScaleFactor?: boolean | null;
}

/**
 * Upsamples a batch of 1-d signals (N, C, L; 'nearest') or images (N, C, H, W; 'nearest' or 'bilinear') to a size or by a scale factor.
 *
 * @pytorch torch.nn.Upsample
 * @example
 * ```ts
 * const layer = new Upsample({ scaleFactor: 2, mode: 'nearest' });
 * const y = layer.forward(randn([1, 3, 4, 4])); // shape [1, 3, 8, 8]
 * ```
 */
export class Upsample extends Module {
  readonly options: Readonly<UpsampleOptions>;

  constructor(options: UpsampleOptions = {}) {
    super();
    checkOptions('Upsample', options, ['size', 'scaleFactor', 'mode', 'alignCorners', 'recomputeScaleFactor']);
    if ((options.size ?? null) === null && (options.scaleFactor ?? null) === null) {
      throw new ValueError('Upsample(): either size or scale_factor should be defined');
    }
    this.options = { ...options };
  }

  forward(input: Tensor): Tensor {
    return interpolate(input, this.options);
  }

  override extraRepr(): string {
    // PyTorch prints the scale factor as floats and the size as given
    const o = this.options;
    const mode = o.mode ?? 'nearest';
    if (o.scaleFactor != null) {
      const f = o.scaleFactor;
      return `scale_factor=${typeof f === 'number' ? pyFloat(f) : `(${f.map(pyFloat).join(', ')})`}, mode=${mode}`;
    }
    const z = o.size as number | readonly number[];
    return `size=${typeof z === 'number' ? z : `(${z.join(', ')})`}, mode=${mode}`;
  }
}
