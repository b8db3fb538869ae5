// Upsample (torch.nn.Upsample): interpolate as a module, 'nearest' or 'bilinear'.
import { ValueError, type Tensor } from '@torchlet/tensor-core';
import { interpolate, type InterpolateMode } from '../functional/interpolate.js';
import { checkOptions } from '../functional/util.js';
import { Module } from '../module/module.js';

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
    const o = this.options;
    const py = (v: unknown): string => (Array.isArray(v) ? `(${v.join(', ')})` : typeof v === 'number' ? (o.scaleFactor === v ? v.toFixed(1) : String(v)) : 'None');
    return o.scaleFactor != null ? `scale_factor=${py(o.scaleFactor)}, mode=${o.mode ?? 'nearest'}` : `size=${py(o.size)}, mode=${o.mode ?? 'nearest'}`;
  }
}
