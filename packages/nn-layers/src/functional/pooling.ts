// maxPool2d, avgPool2d, adaptiveAvgPool2d (torch.nn.functional) on tensor-core's pooling ops with explicit backward.
import { ShapeError, ValueError, type Tensor } from '@torchlet/tensor-core';
import {
  adaptiveAvgPool2dBackward,
  adaptiveAvgPool2dForward,
  avgPool2dBackward,
  avgPool2dForward,
  maxPool2dBackward,
  maxPool2dForward,
  poolOutputSize,
} from '@torchlet/tensor-core/internal';
import { fusedOp } from '@torchlet/autograd/internal';
import { checkFloat, positivePair, shapeText } from './util.js';

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

/** The windows of a pooling op (checked, with PyTorch's messages), ceilMode included. */
interface Windows {
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  padH: number;
  padW: number;
  dilationH: number;
  dilationW: number;
  ceilMode: boolean;
}

function geometry(op: string, input: Tensor, kernelSize: number | readonly number[], o: { stride?: number | readonly number[] | null; padding?: number | readonly number[]; dilation?: number | readonly number[]; ceilMode?: boolean }): Windows {
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
  const ceilMode = o.ceilMode ?? false;
  const outH = poolOutputSize(inH, kH, padH, stride[0], dilationH, ceilMode);
  const outW = poolOutputSize(inW, kW, padW, stride[1], dilationW, ceilMode);
  if (outH < 1 || outW < 1) {
    throw new ShapeError(`${op}(): Given input size: (${input.shape.slice(-3).join('x')}). Calculated output size: (${input.shape[input.ndim - 3]}x${outH}x${outW}). Output size is too small`);
  }
  return { kH, kW, strideH: stride[0], strideW: stride[1], padH, padW, dilationH, dilationW, ceilMode };
}

/** Max over sliding windows of [N, C, H, W] (or [C, H, W]); padding is -inf; NaN propagates. */
export function maxPool2d(input: Tensor, kernelSize: number | readonly number[], options: MaxPool2dOptions = {}): Tensor {
  return maxPool2dWithIndices(input, kernelSize, options).output;
}

/** maxPool2d and the flat (h * W + w) index of each max within its plane (return_indices=True). */
export function maxPool2dWithIndices(input: Tensor, kernelSize: number | readonly number[], options: MaxPool2dOptions = {}): { output: Tensor; indices: Float64Array } {
  const params = geometry('max_pool2d', input, kernelSize, options);
  // the op records nothing; the custom op below gives the result its graph node
  const { output, indices } = maxPool2dForward(input, params);
  const recorded = fusedOp('MaxPool2DWithIndices', [input], () => ({
    output,
    backward: (grad) => [maxPool2dBackward(grad, indices, input.shape)],
    saved: [input],
  }));
  // int64 is stored in a Float64Array (tensor-core's int64 storage)
  return { output: recorded, indices: indices.toTypedArray() as Float64Array };
}

/** Mean over sliding windows (PyTorch's divisor rules: countIncludePad, divisorOverride, ceilMode). */
export function avgPool2d(input: Tensor, kernelSize: number | readonly number[], options: AvgPool2dOptions = {}): Tensor {
  const windows = geometry('avg_pool2d', input, kernelSize, options);
  const divisorOverride = options.divisorOverride ?? null;
  if (divisorOverride !== null && (!Number.isInteger(divisorOverride) || divisorOverride === 0)) {
    throw new ValueError(`avg_pool2d(): divisor must be a non-zero integer, got ${divisorOverride}`);
  }
  const params = { ...windows, countIncludePad: options.countIncludePad ?? true, divisorOverride };
  return fusedOp('AvgPool2D', [input], () => ({
    output: avgPool2dForward(input, params),
    backward: (grad) => [avgPool2dBackward(grad, input.shape, params)],
    saved: [input],
  }));
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
  return fusedOp('AdaptiveAvgPool2D', [input], () => ({
    output: adaptiveAvgPool2dForward(input, outH, outW),
    backward: (grad) => [adaptiveAvgPool2dBackward(grad, input.shape)],
    saved: [input],
  }));
}
