// 2-D convolution for @torchlet/nn-layers: im2col (a backend kernel) then one batched matmul per
// group on the backend's matmul (so a backend's fast matmul runs it: float32 accumulates in float32
// as PyTorch's CPU convolution does; doubles for float64), and its explicit backward (col2im).
import { getBackend } from '../../backend/registry.js';
import { holdsFloat64 } from '../../backend/devices.js';
import type { Im2colGeometry } from '../../backend/kernels/nn.js';
import type { StridedView } from '../../backend/interface.js';
import { ShapeError, ValueError, argError, formatShape } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import { emptyTensor } from '../helpers.js';
import { contiguousAs, expectDType, expectFloat, expectNdim, expectShape, subView } from './shared.js';

/** Stride, zero padding (before and after, per spatial dim), dilation and groups of a 2-D convolution. */
export interface Conv2dParams {
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padBottom: number;
  readonly padLeft: number;
  readonly padRight: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly groups: number;
}

/** Which gradients conv2dBackward / batchNormBackward compute. */
export interface NnGradMask {
  readonly input: boolean;
  readonly weight: boolean;
  readonly bias: boolean;
}

/** The gradients of a layer with an input, a weight and a bias (null where not asked for). */
export interface NnGrads {
  readonly gradInput: Tensor | null;
  readonly gradWeight: Tensor | null;
  readonly gradBias: Tensor | null;
}

/** out = floor((in + padBefore + padAfter - dilation*(k-1) - 1) / stride) + 1 */
export function convOutputSize(size: number, k: number, stride: number, padBefore: number, padAfter: number, dilation: number): number {
  return Math.floor((size + padBefore + padAfter - dilation * (k - 1) - 1) / stride) + 1;
}

interface ConvShape {
  batch: number;
  inChannels: number;
  inH: number;
  inW: number;
  outChannels: number;
  /** input channels per group, output channels per group */
  cg: number;
  ocg: number;
  /** rows of a group's columns (cg * kH * kW) and output positions (outH * outW) */
  K: number;
  S: number;
  g: Im2colGeometry;
}

function convShape(op: string, input: Tensor, weight: Tensor, p: Conv2dParams): ConvShape {
  expectFloat(op, 'input', input);
  expectNdim(op, 'input', input, 4, 'a 4-D tensor [N, C, H, W]');
  expectDType(op, 'weight', weight, input.dtype);
  expectNdim(op, 'weight', weight, 4, 'a 4-D tensor [out_channels, in_channels / groups, kH, kW]');
  const [batch, inChannels, inH, inW] = input.shape;
  const [outChannels, cg, kH, kW] = weight.shape;
  const { groups } = p;
  if (!Number.isInteger(groups) || groups < 1 || outChannels % groups !== 0) {
    argError(op, 'groups', `a positive integer dividing out_channels (${outChannels})`, String(groups), ValueError);
  }
  if (cg * groups !== inChannels) {
    argError(op, 'input', `${cg * groups} channels (weight ${formatShape(weight.shape)} with groups=${groups})`, `shape ${formatShape(input.shape)}`, ShapeError);
  }
  const outH = convOutputSize(inH, kH, p.strideH, p.padTop, p.padBottom, p.dilationH);
  const outW = convOutputSize(inW, kW, p.strideW, p.padLeft, p.padRight, p.dilationW);
  if (outH < 1 || outW < 1) {
    argError(op, 'weight', `a kernel no larger than the padded input`, `output size ${outH} x ${outW}`, ShapeError);
  }
  const g: Im2colGeometry = {
    kH, kW, strideH: p.strideH, strideW: p.strideW, padTop: p.padTop, padLeft: p.padLeft,
    dilationH: p.dilationH, dilationW: p.dilationW, outH, outW,
  };
  return { batch, inChannels, inH, inW, outChannels, cg, ocg: outChannels / groups, K: cg * kH * kW, S: outH * outW, g };
}

/** Channels [start, start + count) of a contiguous [N, C, H, W] view. */
function channels(x: StridedView, s: ConvShape, start: number, count: number): StridedView {
  const plane = s.inH * s.inW;
  return subView(x, [s.batch, count, s.inH, s.inW], [s.inChannels * plane, plane, s.inW, 1], start * plane);
}

/** out[N, O, outH, outW] = weight[O, C/groups, kH, kW] (*) input[N, C, H, W] + bias (cross-correlation, as PyTorch). */
export function conv2dForward(input: Tensor, weight: Tensor, bias: Tensor | null, p: Conv2dParams): Tensor {
  const op = 'conv2dForward';
  const s = convShape(op, input, weight, p);
  const { batch, outChannels, cg, ocg, K, S, g } = s;
  if (bias !== null) {
    expectDType(op, 'bias', bias, input.dtype);
    expectShape(op, 'bias', bias, [outChannels]);
  }
  const dtype = input.dtype;
  const be = getBackend();
  const x = contiguousAs(input, input.shape);
  const w = contiguousAs(weight, [outChannels, K]);
  const b = bias === null ? null : contiguousAs(bias, [outChannels]);
  const out = emptyTensor([batch, outChannels, g.outH, g.outW], dtype, true, input);
  const cols = emptyTensor([batch, K, S], dtype, true, input);
  // one group's product [N, ocg, S]: the output itself when there is one group
  const y = p.groups === 1 ? subView(out, [batch, outChannels, S], [outChannels * S, S, 1], 0) : emptyTensor([batch, ocg, S], dtype, true, input);
  for (let grp = 0; grp < p.groups; grp++) {
    be.im2col(channels(x, s, grp * cg, cg), g, cols);
    // y[n] = W_grp [ocg, K] @ cols[n] [K, S], for every n at once (W broadcast over the batch)
    be.matmul(subView(w, [batch, ocg, K], [0, K, 1], grp * ocg * K), cols, y);
    const dst = subView(out, [batch, ocg, S], [outChannels * S, S, 1], grp * ocg * S);
    if (b !== null) be.binary('add', y, subView(b, [batch, ocg, S], [0, 1, 0], grp * ocg), dst);
    else if (p.groups !== 1) be.unary('copy', y, dst);
  }
  return out;
}

/** The gradients of conv2dForward for `gradOutput` [N, O, outH, outW]: input, weight and bias (as `need` asks). */
export function conv2dBackward(input: Tensor, weight: Tensor, gradOutput: Tensor, p: Conv2dParams, need: NnGradMask): NnGrads {
  const op = 'conv2dBackward';
  const s = convShape(op, input, weight, p);
  const { batch, outChannels, cg, ocg, K, S, g } = s;
  expectDType(op, 'gradOutput', gradOutput, input.dtype);
  expectShape(op, 'gradOutput', gradOutput, [batch, outChannels, g.outH, g.outW]);
  const dtype = input.dtype;
  const be = getBackend();
  const OS = outChannels * S;
  const gy = contiguousAs(gradOutput, [batch, outChannels, S]);
  let gradBias: Tensor | null = null;
  if (need.bias) {
    // per (n, o) sums over the positions in doubles (in dtype on a device without float64), then over n
    const sums = emptyTensor([batch, outChannels, 1], holdsFloat64(input.device) ? 'float64' : dtype, true, input);
    be.reduce('sum', gy, [2], sums);
    gradBias = emptyTensor([outChannels], dtype, true, input);
    be.reduce('sum', sums, [0], subView(gradBias, [1, outChannels, 1], [outChannels, 1, 1], 0));
  }
  if (!need.input && !need.weight) return { gradInput: null, gradWeight: null, gradBias };
  const x = contiguousAs(input, input.shape);
  const w = contiguousAs(weight, [outChannels, K]);
  const gradWeight = need.weight ? emptyTensor(weight.shape, dtype, true, input) : null;
  const gradInput = need.input ? emptyTensor(input.shape, dtype, true, input) : null;
  const cols = emptyTensor([batch, K, S], dtype, true, input);
  const perSample = need.weight ? emptyTensor([batch, ocg, K], dtype, true, input) : null;
  const dcols = need.input ? emptyTensor([batch, K, S], dtype, true, input) : null;
  for (let grp = 0; grp < p.groups; grp++) {
    // gradOutput of this group, [N, ocg, S]
    const gyGroup = subView(gy, [batch, ocg, S], [OS, S, 1], grp * ocg * S);
    if (gradWeight !== null && perSample !== null) {
      // dW[o, k] = sum_n sum_s gy[n, o, s] cols[n, k, s]: per n gy[n] @ cols[n]^T, then summed over n
      be.im2col(channels(x, s, grp * cg, cg), g, cols);
      be.matmul(gyGroup, subView(cols, [batch, S, K], [K * S, 1, S], 0), perSample);
      be.reduce('sum', perSample, [0], subView(gradWeight, [1, ocg, K], [ocg * K, K, 1], grp * ocg * K));
    }
    if (gradInput !== null && dcols !== null) {
      // dcols[n] = W_grp^T [K, ocg] @ gy[n] [ocg, S], then col2im into this group's channels
      be.matmul(subView(w, [batch, K, ocg], [0, 1, K], grp * ocg * K), gyGroup, dcols);
      be.col2im(dcols, g, channels(gradInput, s, grp * cg, cg));
    }
  }
  return { gradInput, gradWeight, gradBias };
}
