// interpolate (torch.nn.functional.interpolate) for 'nearest' (3-D and 4-D inputs) and 'bilinear'
// (4-D), with ATen's CPU index rules; the backward adds each output gradient back at the input
// elements (and weights) it was read from.
import { ShapeError, Tensor, ValueError } from '@torchlet/tensor-core';
import { fusedOp } from '@torchlet/autograd/internal';
import { checkFloat, checkOptions, shapeText } from './util.js';

export type InterpolateMode = 'nearest' | 'bilinear';

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

type Floats = Float32Array | Float64Array;

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
  // a 1-D resize is the 2-D one with a height-1 axis
  const [ah, aw] = axes.length === 2 ? axes : [nearestAxis(1, 1, null), axes[0]];
  const [inH, inW] = inSizes.length === 2 ? inSizes : [1, inSizes[0]];
  const [outH, outW] = outSizes.length === 2 ? outSizes : [1, outSizes[0]];
  const planes = input.shape[0] * input.shape[1];
  const make = (n: number): Floats => (float32 ? new Float32Array(n) : new Float64Array(n));
  const x = input.detach().contiguous().toTypedArray() as Floats;
  const out = make(planes * outH * outW);
  for (let p = 0; p < planes; p++) {
    const base = p * inH * inW;
    for (let oh = 0; oh < outH; oh++) {
      const r0 = base + ah.i0[oh] * inW;
      const r1 = base + ah.i1[oh] * inW;
      for (let ow = 0; ow < outW; ow++) {
        const c0 = aw.i0[ow];
        const c1 = aw.i1[ow];
        // w0 * (w0 * x00 + w1 * x01) + w1 * (w0 * x10 + w1 * x11), zero weights skipped (an inf stays inf)
        const row = (r: number): number => (aw.w1[ow] === 0 ? aw.w0[ow] * x[r + c0] : aw.w0[ow] * x[r + c0] + aw.w1[ow] * x[r + c1]);
        out[(p * outH + oh) * outW + ow] = ah.w1[oh] === 0 ? ah.w0[oh] * row(r0) : ah.w0[oh] * row(r0) + ah.w1[oh] * row(r1);
      }
    }
  }
  const outShape = [input.shape[0], input.shape[1], ...outSizes];
  return fusedOp(mode === 'nearest' ? `UpsampleNearest${dims}D` : 'UpsampleBilinear2D', [input], () => ({
    output: new Tensor(out, outShape, input.dtype),
    backward: (grad) => {
      const g = grad.contiguous().toTypedArray() as Floats;
      const gi = make(planes * inH * inW);
      for (let p = 0; p < planes; p++) {
        const base = p * inH * inW;
        for (let oh = 0; oh < outH; oh++) {
          const r0 = base + ah.i0[oh] * inW;
          const r1 = base + ah.i1[oh] * inW;
          for (let ow = 0; ow < outW; ow++) {
            const v = g[(p * outH + oh) * outW + ow];
            const c0 = aw.i0[ow];
            const c1 = aw.i1[ow];
            gi[r0 + c0] += ah.w0[oh] * aw.w0[ow] * v;
            if (aw.w1[ow] !== 0) gi[r0 + c1] += ah.w0[oh] * aw.w1[ow] * v;
            if (ah.w1[oh] !== 0) {
              gi[r1 + c0] += ah.w1[oh] * aw.w0[ow] * v;
              if (aw.w1[ow] !== 0) gi[r1 + c1] += ah.w1[oh] * aw.w1[ow] * v;
            }
          }
        }
      }
      return [new Tensor(gi, input.shape, input.dtype)];
    },
    saved: [input],
  }));
}
