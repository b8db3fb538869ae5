// maxPool2d, avgPool2d, adaptiveAvgPool2d (torch.nn.functional) on tensor-core's pooling ops with explicit backward.
import { ShapeError, Tensor, ValueError } from '@torchlet/tensor-core';
import {
  adaptiveAvgPool2dBackward,
  adaptiveAvgPool2dForward,
  adaptiveMaxPool2dBackward,
  adaptiveMaxPool2dForward,
  avgPool2dBackward,
  avgPool2dForward,
  maxPool2dBackward,
  maxPool2dForward,
  poolOutputSize,
} from '@torchlet/tensor-core/internal';
import { fusedOp } from '@torchlet/autograd/internal';
import { checkFloat, checkOptions, positivePair, shapeText } from './util.js';

/**
 * Options of `functional.maxPool2d` and `MaxPool2d`: stride (default: the kernel size), padding, dilation and ceil mode.
 *
 * @pytorch the keyword arguments of torch.nn.functional.max_pool2d
 * @example
 * ```ts
 * const options: MaxPool2dOptions = { stride: 1, padding: 1 };
 * const y = functional.maxPool2d(randn([1, 3, 8, 8]), 3, options); // [1, 3, 8, 8]
 * ```
 */
export interface MaxPool2dOptions {
  /** Default: the kernel size. */
  stride?: number | readonly number[] | null;
  padding?: number | readonly number[];
  dilation?: number | readonly number[];
  ceilMode?: boolean;
}

/**
 * Options of `functional.avgPool2d` and `AvgPool2d`: stride, padding, ceil mode and how the divisor is counted.
 *
 * @pytorch the keyword arguments of torch.nn.functional.avg_pool2d
 * @example
 * ```ts
 * const options: AvgPool2dOptions = { stride: 2, countIncludePad: false };
 * const y = functional.avgPool2d(randn([1, 3, 8, 8]), 2, options); // [1, 3, 4, 4]
 * ```
 */
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
  // the indices stay a tensor on the input's device (a device's storage cannot be read synchronously)
  return maxPool2dRecorded(input, kernelSize, options).output;
}

/**
 * maxPool2d and the int64 flat index (h * W + w) of each max within its plane (return_indices=True):
 * an int64 tensor of the output's shape on the input's device (read it with `toArrayAsync()` on a
 * device). The output records the gradient; the indices do not.
 *
 * @pytorch torch.nn.functional.max_pool2d(input, kernel_size, return_indices=True)
 * @example
 * ```ts
 * const { output, indices } = functional.maxPool2dWithIndices(randn([1, 3, 8, 8]), 2);
 * output.shape; // [1, 3, 4, 4]
 * indices.dtype; // 'int64', on the input's device
 * ```
 */
export function maxPool2dWithIndices(input: Tensor, kernelSize: number | readonly number[], options: MaxPool2dOptions = {}): { output: Tensor; indices: Tensor } {
  return maxPool2dRecorded(input, kernelSize, options);
}

/** The recorded max pooling and its int64 indices tensor. */
function maxPool2dRecorded(input: Tensor, kernelSize: number | readonly number[], options: MaxPool2dOptions): { output: Tensor; indices: Tensor } {
  checkOptions('max_pool2d', options, ['stride', 'padding', 'dilation', 'ceilMode']);
  const params = geometry('max_pool2d', input, kernelSize, options);
  // the op records nothing; the custom op below gives the result its graph node
  const { output, indices } = maxPool2dForward(input, params);
  const recorded = fusedOp('MaxPool2DWithIndices', [input], () => ({
    output,
    backward: (grad) => [maxPool2dBackward(grad, indices, input.shape, params)],
    saved: [input],
  }));
  return { output: recorded, indices };
}

/** Mean over sliding windows (PyTorch's divisor rules: countIncludePad, divisorOverride, ceilMode). */
export function avgPool2d(input: Tensor, kernelSize: number | readonly number[], options: AvgPool2dOptions = {}): Tensor {
  checkOptions('avg_pool2d', options, ['stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride']);
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

/**
 * The output size: one number for both dims, or a pair where null keeps the input's size.
 *
 * @pytorch the output_size argument of torch.nn.functional.adaptive_avg_pool2d (an int, or a pair with None for 'keep')
 * @example
 * ```ts
 * const size: AdaptiveSize = [1, null]; // height 1, width kept
 * const y = functional.adaptiveAvgPool2d(randn([1, 3, 7, 5]), size); // [1, 3, 1, 5]
 * ```
 */
export type AdaptiveSize = number | readonly (number | null)[];

/** Average over windows [floor(i*H/out), ceil((i+1)*H/out)) so the output has `outputSize`. */
export function adaptiveAvgPool2d(input: Tensor, outputSize: AdaptiveSize): Tensor {
  const [outH, outW] = adaptiveSizes('adaptive_avg_pool2d', input, outputSize);
  return fusedOp('AdaptiveAvgPool2D', [input], () => ({
    output: adaptiveAvgPool2dForward(input, outH, outW),
    backward: (grad) => [adaptiveAvgPool2dBackward(grad, input.shape)],
    saved: [input],
  }));
}

/**
 * Options of `functional.maxPool1d` and `MaxPool1d`: stride (default: the kernel size), padding, dilation and ceil mode.
 *
 * @pytorch the keyword arguments of torch.nn.functional.max_pool1d
 * @example
 * ```ts
 * const options: MaxPool1dOptions = { stride: 2, ceilMode: true };
 * const y = functional.maxPool1d(randn([1, 3, 9]), 2, options); // [1, 3, 5]
 * ```
 */
export interface MaxPool1dOptions {
  /** Default: the kernel size. */
  stride?: number | readonly number[] | null;
  padding?: number | readonly number[];
  dilation?: number | readonly number[];
  ceilMode?: boolean;
}

/**
 * Options of `functional.avgPool1d` and `AvgPool1d`: stride, padding, ceil mode and whether padding counts in the mean.
 *
 * @pytorch the keyword arguments of torch.nn.functional.avg_pool1d
 * @example
 * ```ts
 * const options: AvgPool1dOptions = { stride: 1 };
 * const y = functional.avgPool1d(randn([1, 3, 8]), 3, options); // [1, 3, 6]
 * ```
 */
export interface AvgPool1dOptions {
  stride?: number | readonly number[] | null;
  padding?: number | readonly number[];
  ceilMode?: boolean;
  countIncludePad?: boolean;
}

/** One integer (or a one-element array) option of a 1-D op. */
function single(op: string, name: string, value: number | readonly number[] | null | undefined, fallback: number | null, min: number): number | null {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return fallback;
  const v = typeof value === 'number' ? value : value.length === 1 ? value[0] : NaN;
  if (!Number.isInteger(v) || v < min) {
    throw new ValueError(`${op}(): argument '${name}' expected a ${min === 0 ? 'non-negative' : 'positive'} integer (or one in an array), got ${JSON.stringify(value)}`);
  }
  return v;
}

/** The 1-D op as the 2-D one on [N, C, 1, L]: a kernel of height 1 and no padding along it. */
function as2d(op: string, input: Tensor, kernelSize: number | readonly number[], o: MaxPool1dOptions): { x: Tensor; k: [number, number]; opts: MaxPool2dOptions } {
  checkFloat(op, 'input', input);
  if (input.ndim !== 2 && input.ndim !== 3) {
    throw new ShapeError(`${op}(): Expected 2D or 3D (batch mode) tensor for input, but got input of size: ${shapeText(input.shape)}`);
  }
  const k = single(op, 'kernel_size', kernelSize, null, 1) as number;
  const stride = single(op, 'stride', o.stride, k, 1) as number;
  const padding = single(op, 'padding', o.padding, 0, 0) as number;
  const dilation = single(op, 'dilation', o.dilation, 1, 1) as number;
  return { x: input.unsqueeze(-2), k: [1, k], opts: { stride: [1, stride], padding: [0, padding], dilation: [1, dilation], ceilMode: o.ceilMode ?? false } };
}

/** Max over sliding windows of [N, C, L] (or [C, L]), through maxPool2d on [N, C, 1, L]. */
export function maxPool1d(input: Tensor, kernelSize: number | readonly number[], options: MaxPool1dOptions = {}): Tensor {
  return maxPool1dWithIndices(input, kernelSize, options).output;
}

/** maxPool1d and the int64 index (along L) of each max (return_indices=True). */
export function maxPool1dWithIndices(input: Tensor, kernelSize: number | readonly number[], options: MaxPool1dOptions = {}): { output: Tensor; indices: Tensor } {
  checkOptions('max_pool1d', options, ['stride', 'padding', 'dilation', 'ceilMode']);
  const { x, k, opts } = as2d('max_pool1d', input, kernelSize, options);
  const { output, indices } = maxPool2dRecorded(x, k, opts);
  return { output: output.squeeze(-2), indices: indices.squeeze(-2) };
}

/** Mean over sliding windows of [N, C, L] (or [C, L]), through avgPool2d on [N, C, 1, L]. */
export function avgPool1d(input: Tensor, kernelSize: number | readonly number[], options: AvgPool1dOptions = {}): Tensor {
  checkOptions('avg_pool1d', options, ['stride', 'padding', 'ceilMode', 'countIncludePad']);
  const { x, k, opts } = as2d('avg_pool1d', input, kernelSize, options);
  return avgPool2d(x, k, { stride: opts.stride, padding: opts.padding, ceilMode: opts.ceilMode, countIncludePad: options.countIncludePad ?? true }).squeeze(-2);
}

/** The checked input planes and output size of an adaptive 2-D pooling op. */
function adaptiveSizes(op: string, input: Tensor, outputSize: AdaptiveSize): [number, number] {
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
  return [outH, outW];
}

/** Adaptive max pooling: the max of window [floor(i*H/out), ceil((i+1)*H/out)) per output cell. */
export function adaptiveMaxPool2d(input: Tensor, outputSize: AdaptiveSize): Tensor {
  return adaptiveMaxPool2dWithIndices(input, outputSize).output;
}

/**
 * adaptiveMaxPool2d and the int64 flat index (h * W + w) of each max in its plane (return_indices).
 * As ATen's CPU kernel: the first maximum in row-major window order wins, and NaN wins (the last
 * NaN of the window); the gradient goes to that one element.
 */
export function adaptiveMaxPool2dWithIndices(input: Tensor, outputSize: AdaptiveSize): { output: Tensor; indices: Tensor } {
  const [outH, outW] = adaptiveSizes('adaptive_max_pool2d', input, outputSize);
  // the op records nothing; the custom op below gives the result its graph node. The indices stay a
  // tensor on the input's device.
  const { output, indices } = adaptiveMaxPool2dForward(input, outH, outW);
  const recorded = fusedOp('AdaptiveMaxPool2D', [input], () => ({
    output,
    backward: (grad) => [adaptiveMaxPool2dBackward(grad, indices, input.shape)],
    saved: [input],
  }));
  return { output: recorded, indices };
}
