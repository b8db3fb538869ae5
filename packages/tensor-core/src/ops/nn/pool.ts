// 2-D pooling for @torchlet/nn-layers over the last two dims of [..., H, W] (every leading index is
// one plane): max, average and adaptive average, forward and backward, on the backend's kernels.
import { getBackend } from '../../backend/registry.js';
import type { AvgPool2dGeometry, MaxPool2dGeometry } from '../../backend/kernels/nn.js';
import { DTypeError, ShapeError, argError, formatShape } from '../../errors.js';
import { numel } from '../../shape.js';
import type { Tensor } from '../../tensor.js';
import { emptyTensor } from '../helpers.js';
import { contiguousAs, expectFloat, expectShape } from './shared.js';

/** Max pooling's windows and ATen's ceil_mode rule for the output size. */
export interface MaxPool2dParams extends MaxPool2dGeometry {
  readonly ceilMode: boolean;
}

/** Average pooling's windows, divisor rules and ceil_mode. */
export interface AvgPool2dParams extends AvgPool2dGeometry {
  readonly ceilMode: boolean;
}

/** ATen's pooling_output_shape: floor or ceil of (in + 2p - d(k-1) - 1)/s + 1, and a last window must start inside the input or left padding. */
export function poolOutputSize(size: number, k: number, pad: number, stride: number, dilation: number, ceilMode: boolean): number {
  const span = size + 2 * pad - dilation * (k - 1) - 1 + (ceilMode ? stride - 1 : 0);
  let out = Math.floor(span / stride) + 1;
  if (ceilMode && (out - 1) * stride >= size + pad) out--;
  return out;
}

/** The [..., H, W] layout as planes: the leading dims, their product and the spatial sizes. */
export function planesOf(op: string, argument: string, shape: readonly number[]): { lead: number[]; planes: number; h: number; w: number } {
  if (shape.length < 2) argError(op, argument, 'a tensor with at least 2 dims [..., H, W]', `shape ${formatShape(shape)}`, ShapeError);
  const lead = shape.slice(0, -2);
  return { lead, planes: numel(lead), h: shape[shape.length - 2], w: shape[shape.length - 1] };
}

function outputSizes(op: string, inH: number, inW: number, p: MaxPool2dParams | AvgPool2dParams, dilationH: number, dilationW: number): [number, number] {
  const outH = poolOutputSize(inH, p.kH, p.padH, p.strideH, dilationH, p.ceilMode);
  const outW = poolOutputSize(inW, p.kW, p.padW, p.strideW, dilationW, p.ceilMode);
  if (outH < 1 || outW < 1) argError(op, 'input', 'a spatial size that gives at least one window', `output size ${outH} x ${outW} from ${inH} x ${inW}`, ShapeError);
  return [outH, outW];
}

/** Max over sliding windows of `input` [..., H, W]; also the flat (h * W + w) index of each max within its plane (int64). */
export function maxPool2dForward(input: Tensor, p: MaxPool2dParams): { output: Tensor; indices: Tensor } {
  const op = 'maxPool2dForward';
  expectFloat(op, 'input', input);
  const { lead, planes, h, w } = planesOf(op, 'input', input.shape);
  const [outH, outW] = outputSizes(op, h, w, p, p.dilationH, p.dilationW);
  const output = emptyTensor([...lead, outH, outW], input.dtype, true, input);
  const indices = emptyTensor(output.shape, 'int64', true, input);
  getBackend().maxPool2d(contiguousAs(input, [planes, h, w]), p, contiguousAs(output, [planes, outH, outW]), contiguousAs(indices, [planes, outH, outW]));
  return { output, indices };
}

/**
 * The gradient of maxPool2dForward: gradOutput [..., outH, outW] added at `indices` into a tensor of
 * `inputShape`. `geometry`, the forward's windows, lets a device kernel visit only the outputs that
 * can cover each input element (same result).
 */
export function maxPool2dBackward(gradOutput: Tensor, indices: Tensor, inputShape: readonly number[], geometry?: MaxPool2dGeometry): Tensor {
  const op = 'maxPool2dBackward';
  expectFloat(op, 'gradOutput', gradOutput);
  if (indices.dtype !== 'int64') argError(op, 'indices', 'an int64 tensor', `dtype ${indices.dtype}`, DTypeError);
  expectShape(op, 'indices', indices, gradOutput.shape);
  const { planes, h, w } = planesOf(op, 'inputShape', inputShape);
  const g = planesOf(op, 'gradOutput', gradOutput.shape);
  if (g.planes !== planes) argError(op, 'gradOutput', `${planes} planes (inputShape ${formatShape(inputShape)})`, `shape ${formatShape(gradOutput.shape)}`, ShapeError);
  const out = emptyTensor(inputShape, gradOutput.dtype, true, gradOutput);
  getBackend().maxPool2dBackward(contiguousAs(gradOutput, [planes, g.h, g.w]), contiguousAs(indices, [planes, g.h, g.w]), contiguousAs(out, [planes, h, w]), geometry);
  return out;
}

/** Mean over sliding windows of `input` [..., H, W] (PyTorch's divisor rules: countIncludePad, divisorOverride, ceilMode). */
export function avgPool2dForward(input: Tensor, p: AvgPool2dParams): Tensor {
  const op = 'avgPool2dForward';
  expectFloat(op, 'input', input);
  const { lead, planes, h, w } = planesOf(op, 'input', input.shape);
  const [outH, outW] = outputSizes(op, h, w, p, 1, 1);
  const output = emptyTensor([...lead, outH, outW], input.dtype, true, input);
  getBackend().avgPool2d(contiguousAs(input, [planes, h, w]), p, contiguousAs(output, [planes, outH, outW]));
  return output;
}

/** The gradient of avgPool2dForward for gradOutput [..., outH, outW], as a tensor of `inputShape`. */
export function avgPool2dBackward(gradOutput: Tensor, inputShape: readonly number[], p: AvgPool2dParams): Tensor {
  const op = 'avgPool2dBackward';
  expectFloat(op, 'gradOutput', gradOutput);
  const { lead, planes, h, w } = planesOf(op, 'inputShape', inputShape);
  const [outH, outW] = outputSizes(op, h, w, p, 1, 1);
  expectShape(op, 'gradOutput', gradOutput, [...lead, outH, outW]);
  const out = emptyTensor(inputShape, gradOutput.dtype, true, gradOutput);
  getBackend().avgPool2dBackward(contiguousAs(gradOutput, [planes, outH, outW]), p, contiguousAs(out, [planes, h, w]));
  return out;
}

/** The planes of an adaptive pooling's float `input` [..., H, W] (non-zero H and W), its output size checked. */
export function adaptivePlanes(op: string, input: Tensor, outH: number, outW: number): { lead: number[]; planes: number; h: number; w: number } {
  expectFloat(op, 'input', input);
  const { lead, planes, h, w } = planesOf(op, 'input', input.shape);
  if (!Number.isInteger(outH) || !Number.isInteger(outW) || outH < 1 || outW < 1) {
    argError(op, 'outputSize', 'positive integers', `[${outH}, ${outW}]`, ShapeError);
  }
  if (h < 1 || w < 1) argError(op, 'input', 'a non-zero spatial size', `shape ${formatShape(input.shape)}`, ShapeError);
  return { lead, planes, h, w };
}

/** Average of `input` [..., H, W] over windows [floor(i*H/outH), ceil((i+1)*H/outH)) (and likewise along W). */
export function adaptiveAvgPool2dForward(input: Tensor, outH: number, outW: number): Tensor {
  const op = 'adaptiveAvgPool2dForward';
  const { lead, planes, h, w } = adaptivePlanes(op, input, outH, outW);
  const output = emptyTensor([...lead, outH, outW], input.dtype, true, input);
  getBackend().adaptiveAvgPool2d(contiguousAs(input, [planes, h, w]), contiguousAs(output, [planes, outH, outW]));
  return output;
}

/** The gradient of adaptiveAvgPool2dForward for gradOutput [..., outH, outW], as a tensor of `inputShape`. */
export function adaptiveAvgPool2dBackward(gradOutput: Tensor, inputShape: readonly number[]): Tensor {
  const op = 'adaptiveAvgPool2dBackward';
  expectFloat(op, 'gradOutput', gradOutput);
  const { lead, planes, h, w } = planesOf(op, 'inputShape', inputShape);
  const g = planesOf(op, 'gradOutput', gradOutput.shape);
  expectShape(op, 'gradOutput', gradOutput, [...lead, g.h, g.w]);
  const out = emptyTensor(inputShape, gradOutput.dtype, true, gradOutput);
  getBackend().adaptiveAvgPool2dBackward(contiguousAs(gradOutput, [planes, g.h, g.w]), contiguousAs(out, [planes, h, w]));
  return out;
}

