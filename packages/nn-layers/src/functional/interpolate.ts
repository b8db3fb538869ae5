// interpolate (torch.nn.functional.interpolate) for 'nearest' (3-D and 4-D inputs) and 'bilinear'
// (4-D), with ATen's CPU source indices and weights, composed from indexSelect, mul and add (so the
// backward, index_add of the weighted gradient, comes from autograd and is differentiable again).
import { ShapeError, Tensor, ValueError } from '@torchlet/tensor-core';
import { checkFloat, checkOptions, shapeText } from './util.js';

/**
 * The resampling of `functional.interpolate` and `Upsample`: 'nearest' or 'bilinear'.
 *
 * @pytorch the mode argument of torch.nn.functional.interpolate
 * @example
 * ```ts
 * const mode: InterpolateMode = 'bilinear';
 * const y = functional.interpolate(randn([1, 3, 4, 4]), { scaleFactor: 2, mode }); // [1, 3, 8, 8]
 * ```
 */
export type InterpolateMode = 'nearest' | 'bilinear';

/**
 * Options of `functional.interpolate`: an output size or a scale factor, the mode and its corner options.
 *
 * @pytorch the keyword arguments of torch.nn.functional.interpolate
 * @example
 * ```ts
 * const options: InterpolateOptions = { size: [6, 6], mode: 'nearest' };
 * const y = functional.interpolate(randn([1, 3, 4, 4]), options);
 * ```
 */
export interface InterpolateOptions {
  /** The output's spatial size: one number for every spatial dim, or one per dim. */
  size?: number | readonly number[] | null;
  /** Multiply each spatial size by this (output = floor(input * scale)). */
  scaleFactor?: number | readonly number[] | null;
  /** Default 'nearest'. */
  mode?: InterpolateMode;
  /** bilinear only: map corner pixel centres onto each other (default false). */
  alignCorners?: boolean | null;
  /** Compute the kernel's scale from the sizes instead of the given scaleFactor (default false). */
  recomputeScaleFactor?: boolean | null;
}

/** One output index's source indices and weights along a dim. */
interface Axis {
  i0: Int32Array;
  i1: Int32Array;
  w0: Float64Array;
  w1: Float64Array;
}

/** nearest: src = min(floor(dst * scale), in - 1) in float32 math, as ATen's nearest_idx (any dtype). */
function nearestAxis(inSize: number, outSize: number, scale: number | null): Axis {
  const f = Math.fround;
  const a: Axis = { i0: new Int32Array(outSize), i1: new Int32Array(outSize), w0: new Float64Array(outSize).fill(1), w1: new Float64Array(outSize) };
  const s = scale !== null && scale > 0 ? f(1 / scale) : f(f(inSize) / outSize);
  for (let o = 0; o < outSize; o++) {
    const i = outSize === inSize ? o : outSize === 2 * inSize ? o >> 1 : Math.min(Math.floor(f(o * s)), inSize - 1);
    a.i0[o] = i;
    a.i1[o] = i;
  }
  return a;
}

/** linear: ATen's compute_source_index_and_lambda, in the dtype's precision (float32 rounds each step). */
function linearAxis(inSize: number, outSize: number, scale: number | null, alignCorners: boolean, float32: boolean): Axis {
  const r = float32 ? Math.fround : (v: number) => v;
  const a: Axis = { i0: new Int32Array(outSize), i1: new Int32Array(outSize), w0: new Float64Array(outSize), w1: new Float64Array(outSize) };
  let ratio: number;
  if (alignCorners) ratio = outSize > 1 ? r(r(inSize - 1) / (outSize - 1)) : 0;
  else ratio = scale !== null && scale > 0 ? r(1 / scale) : r(r(inSize) / outSize);
  for (let o = 0; o < outSize; o++) {
    if (outSize === inSize) {
      a.i0[o] = o;
      a.i1[o] = o;
      a.w0[o] = 1;
      continue;
    }
    let real = alignCorners ? r(ratio * o) : r(r(ratio * r(o + 0.5)) - 0.5);
    if (!alignCorners && real < 0) real = 0;
    const i0 = Math.trunc(real);
    a.i0[o] = i0;
    a.i1[o] = i0 + (i0 < inSize - 1 ? 1 : 0);
    a.w1[o] = r(real - i0);
    a.w0[o] = r(1 - a.w1[o]);
  }
  return a;
}

/**
 * Resize the spatial dims of [N, C, L] ('nearest') or [N, C, H, W] ('nearest', 'bilinear').
 * Exactly one of `size` and `scaleFactor`.
 */
export function interpolate(input: Tensor, options: InterpolateOptions = {}): Tensor {
  const op = 'interpolate';
  checkOptions(op, options, ['size', 'scaleFactor', 'mode', 'alignCorners', 'recomputeScaleFactor']);
  const mode = options.mode ?? 'nearest';
  if (mode !== 'nearest' && mode !== 'bilinear') throw new ValueError(`${op}(): mode expected 'nearest' or 'bilinear', got ${String(mode)}`);
  checkFloat(op, 'input', input);
  const alignCorners = options.alignCorners ?? null;
  if (mode === 'nearest' && alignCorners !== null) {
    throw new ValueError(`${op}(): align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear`);
  }
  const dims = input.ndim - 2;
  if (mode === 'bilinear' ? input.ndim !== 4 : input.ndim !== 3 && input.ndim !== 4) {
    throw new ShapeError(`${op}(): Got ${input.ndim}D input, but ${mode} mode needs ${mode === 'bilinear' ? '4D' : '3D or 4D'} input (input size ${shapeText(input.shape)})`);
  }
  const size = options.size ?? null;
  const scaleFactor = options.scaleFactor ?? null;
  if ((size === null) === (scaleFactor === null)) throw new ValueError(`${op}(): only one of size or scale_factor should be defined`);
  const inSizes = input.shape.slice(2);
  let outSizes: number[];
  let scales: (number | null)[] = inSizes.map(() => null);
  if (size !== null) {
    const s = typeof size === 'number' ? inSizes.map(() => size) : [...size];
    if (s.length !== dims) throw new ValueError(`${op}(): Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of ${shapeText(inSizes)} and output size of ${shapeText(s)}`);
    outSizes = s;
  } else {
    const f = typeof scaleFactor === 'number' ? inSizes.map(() => scaleFactor) : [...(scaleFactor as readonly number[])];
    if (f.length !== dims) throw new ValueError(`${op}(): Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of ${shapeText(inSizes)} and scale_factor of shape ${shapeText(f)}`);
    outSizes = inSizes.map((n, i) => Math.floor(n * f[i]));
    if (!options.recomputeScaleFactor) scales = f;
  }
  if (outSizes.some((s) => !Number.isInteger(s) || s < 1) || inSizes.some((s) => s < 1)) {
    throw new ValueError(`${op}(): Input and output sizes should be greater than 0, but got input ${shapeText(inSizes)} and output ${shapeText(outSizes)}`);
  }
  const float32 = input.dtype === 'float32';
  const axes = inSizes.map((n, i) => (mode === 'nearest' ? nearestAxis(n, outSizes[i], scales[i]) : linearAxis(n, outSizes[i], scales[i], alignCorners ?? false, float32)));
  // composed from indexSelect, mul and add (so any backend runs it, and it is differentiable twice):
  // along each spatial dim, out = w0 * x[i0] + w1 * x[i1], the dims in ATen's order (W inside H)
  const index = (ix: Int32Array): Tensor => new Tensor(Float64Array.from(ix), [ix.length], 'int64').to(input.device);
  const weight = (w: Float64Array, dim: number): Tensor => {
    const shape = Array.from({ length: input.ndim - dim }, (_, k) => (k === 0 ? w.length : 1));
    return new Tensor(float32 ? Float32Array.from(w) : Float64Array.from(w), shape, input.dtype).to(input.device);
  };
  const along = (x: Tensor, dim: number, a: Axis): Tensor => {
    const x0 = x.indexSelect(dim, index(a.i0));
    if (mode === 'nearest') return x0;
    return x0.mul(weight(a.w0, dim)).add(x.indexSelect(dim, index(a.i1)).mul(weight(a.w1, dim)));
  };
  if (axes.length === 1) return along(input, 2, axes[0]);
  // W first, then H: w0h * (w0w * x00 + w1w * x01) + w1h * (w0w * x10 + w1w * x11), as ATen
  return along(along(input, 3, axes[1]), 2, axes[0]);
}
