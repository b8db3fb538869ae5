// Upsample (torch.nn.Upsample): interpolate as a module, 'nearest' or 'bilinear'.
import { ValueError, type Tensor } from '@torchlet/tensor-core';
import { interpolate, type InterpolateMode } from '../functional/interpolate.js';
import { checkOptions } from '../functional/util.js';
import { Module } from '../module/module.js';
import { pyFloat } from './repr.js';

export interface UpsampleOptions {
  size?: number | readonly number[] | null;
  scaleFactor?: number | readonly number[] | null;
  /** Default 'nearest'. */
  mode?: InterpolateMode;
  alignCorners?: boolean | null;
  recomputeScaleFactor?: boolean | null;
}

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
