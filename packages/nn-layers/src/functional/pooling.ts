// maxPool2d, avgPool2d, adaptiveAvgPool2d (torch.nn.functional) on typed-array kernels with explicit backward.
import { ShapeError, ValueError, type Tensor } from '@torchlet/tensor-core';
import {
  adaptiveAvgPool2dBackward,
  adaptiveAvgPool2dForward,
  avgPool2dBackward,
  avgPool2dForward,
  maxPool2dBackward,
  maxPool2dForward,
  poolOutSize,
  type PoolGeometry,
} from '../kernels/pool.js';
import { allocFloat } from '../kernels/strided.js';
import { kernelOp } from './kernel-op.js';
import { arrayOf, checkFloat, tensorFrom, positivePair, shapeText } from './util.js';

export interface MaxPool2dOptions {
  /** Default: the kernel size. */
  stride?: number | readonly number[] | null;
  padding?: number | readonly number[];
  dilation?: number | readonly number[];
  ceilMode?: boolean;
}

export interface AvgPool2dOptions {
  stride?: number | readonly number[] | null;
  padding?: number | readonly number[];
  ceilMode?: boolean;
  /** Count padded zeros in the divisor (default true). */
  countIncludePad?: boolean;
  /** Divide every window by this instead. */
  divisorOverride?: number | null;
}

function geometry(op: string, input: Tensor, kernelSize: number | readonly number[], o: { stride?: number | readonly number[] | null; padding?: number | readonly number[]; dilation?: number | readonly number[]; ceilMode?: boolean }): { g: PoolGeometry; outShape: number[] } {
  checkFloat(op, 'input', input);
  if (input.ndim !== 3 && input.ndim !== 4) {
    throw new ShapeError(`${op}(): Expected 3D or 4D (batch mode) tensor for input, but got input of size: ${shapeText(input.shape)}`);
  }
  const [kH, kW] = positivePair(op, 'kernel_size', kernelSize);
  const stride = o.stride === undefined || o.stride === null || (Array.isArray(o.stride) && o.stride.length === 0) ? [kH, kW] : positivePair(op, 'stride', o.stride);
  const [padH, padW] = positivePair(op, 'padding', o.padding ?? 0, 0);
  const [dilationH, dilationW] = positivePair(op, 'dilation', o.dilation ?? 1);
  if (padH > kH / 2 || padW > kW / 2) {
    throw new ValueError(`${op}(): pad should be smaller than or equal to half of kernel size, but got padW = ${padW}, padH = ${padH}, kW = ${kW}, kH = ${kH}`);
  }
  const inH = input.shape[input.ndim - 2];
  const inW = input.shape[input.ndim - 1];
  const ceil = o.ceilMode ?? false;
  const outH = poolOutSize(inH, kH, padH, stride[0], dilationH, ceil);
  const outW = poolOutSize(inW, kW, padW, stride[1], dilationW, ceil);
  if (outH < 1 || outW < 1) {
    throw new ShapeError(`${op}(): Given input size: (${input.shape.slice(-3).join('x')}). Calculated output size: (${input.shape[input.ndim - 3]}x${outH}x${outW}). Output size is too small`);
  }
  const planes = input.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const g: PoolGeometry = { planes, inH, inW, kH, kW, strideH: stride[0], strideW: stride[1], padH, padW, dilationH, dilationW, outH, outW };
  return { g, outShape: [...input.shape.slice(0, -2), outH, outW] };
}

/** Max over sliding windows of [N, C, H, W] (or [C, H, W]); padding is -inf; NaN propagates. */
export function maxPool2d(input: Tensor, kernelSize: number | readonly number[], options: MaxPool2dOptions = {}): Tensor {
  return maxPool2dWithIndices(input, kernelSize, options).output;
}

/** maxPool2d and the flat (h * W + w) index of each max within its plane (return_indices=True). */
export function maxPool2dWithIndices(input: Tensor, kernelSize: number | readonly number[], options: MaxPool2dOptions = {}): { output: Tensor; indices: Float64Array } {
  const { g, outShape } = geometry('max_pool2d', input, kernelSize, options);
  const dtype = input.dtype;
  const x = arrayOf(input);
  const indices = new Float64Array(g.planes * g.outH * g.outW);
  const output = kernelOp(
    'MaxPool2DWithIndices',
    [input],
    () => {
      const out = allocFloat(dtype, indices.length);
      maxPool2dForward(g, x, out, indices);
      return tensorFrom(out, outShape, dtype);
    },
    (grad) => [tensorFrom(maxPool2dBackward(g, arrayOf(grad), indices), input.shape, dtype)],
  );
  return { output, indices };
}

/** Mean over sliding windows (PyTorch's divisor rules: countIncludePad, divisorOverride, ceilMode). */
export function avgPool2d(input: Tensor, kernelSize: number | readonly number[], options: AvgPool2dOptions = {}): Tensor {
  const { g, outShape } = geometry('avg_pool2d', input, kernelSize, options);
  const divisorOverride = options.divisorOverride ?? undefined;
  if (divisorOverride !== undefined && (!Number.isInteger(divisorOverride) || divisorOverride === 0)) {
    throw new ValueError(`avg_pool2d(): divisor must be a non-zero integer, got ${divisorOverride}`);
  }
  const opts = { countIncludePad: options.countIncludePad ?? true, divisorOverride };
  const dtype = input.dtype;
  const x = arrayOf(input);
  return kernelOp(
    'AvgPool2D',
    [input],
    () => {
      const out = allocFloat(dtype, g.planes * g.outH * g.outW);
      avgPool2dForward(g, opts, x, out);
      return tensorFrom(out, outShape, dtype);
    },
    (grad) => [tensorFrom(avgPool2dBackward(g, opts, arrayOf(grad)), input.shape, dtype)],
  );
}

/** The output size: one number for both dims, or a pair where null keeps the input's size. */
export type AdaptiveSize = number | readonly (number | null)[];

/** Average over windows [floor(i*H/out), ceil((i+1)*H/out)) so the output has `outputSize`. */
export function adaptiveAvgPool2d(input: Tensor, outputSize: AdaptiveSize): Tensor {
  const op = 'adaptive_avg_pool2d';
  checkFloat(op, 'input', input);
  if (input.ndim !== 3 && input.ndim !== 4) {
    throw new ShapeError(`${op}(): Expected 3D or 4D tensor, but got input of size: ${shapeText(input.shape)}`);
  }
  const inH = input.shape[input.ndim - 2];
  const inW = input.shape[input.ndim - 1];
  const sizes = typeof outputSize === 'number' ? [outputSize, outputSize] : outputSize;
  if (sizes.length !== 2) throw new ValueError(`${op}(): output_size must be 2, got ${sizes.length} values`);
  const outH = sizes[0] ?? inH;
  const outW = sizes[1] ?? inW;
  if (!Number.isInteger(outH) || !Number.isInteger(outW) || outH < 1 || outW < 1) {
    throw new ValueError(`${op}(): output_size expected positive integers, got [${outH}, ${outW}]`);
  }
  if (inH < 1 || inW < 1) throw new ShapeError(`${op}(): expected input with non-zero spatial size, got ${shapeText(input.shape)}`);
  const planes = input.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const dtype = input.dtype;
  const x = arrayOf(input);
  const outShape = [...input.shape.slice(0, -2), outH, outW];
  return kernelOp(
    'AdaptiveAvgPool2D',
    [input],
    () => {
      const out = allocFloat(dtype, planes * outH * outW);
      adaptiveAvgPool2dForward(planes, inH, inW, outH, outW, x, out);
      return tensorFrom(out, outShape, dtype);
    },
    (grad) => [tensorFrom(adaptiveAvgPool2dBackward(planes, inH, inW, outH, outW, arrayOf(grad)), input.shape, dtype)],
  );
}
