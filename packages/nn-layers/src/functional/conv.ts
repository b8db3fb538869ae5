// conv1d / conv2d (torch.nn.functional.conv1d / conv2d) on tensor-core's convolution (im2col plus
// the backend's matmul) with an explicit backward.
import { ShapeError, ValueError, type Tensor } from '@torchlet/tensor-core';
import { conv2dBackward, conv2dForward, convOutputSize, coreOps, type Conv2dParams } from '@torchlet/tensor-core/internal';
import { fusedOp } from '@torchlet/autograd/internal';
import { checkFloat, checkOptions, checkSameDType, positivePair, shapeText } from './util.js';

/**
 * A number per spatial dim, or PyTorch's 'valid' (no padding) / 'same' (output size = input size, stride 1).
 *
 * @pytorch the padding argument of torch.nn.functional.conv2d (an int, a tuple, 'valid' or 'same')
 * @example
 * ```ts
 * const padding: ConvPadding = 'same';
 * const conv = new Conv2d(3, 8, 5, { padding });
 * ```
 */
export type ConvPadding = number | readonly number[] | 'valid' | 'same';

/**
 * Options of `functional.conv2d`: stride, padding, dilation and groups.
 *
 * @pytorch the keyword arguments of torch.nn.functional.conv2d
 * @example
 * ```ts
 * const options: Conv2dOptions = { padding: 'same', dilation: 2 };
 * const y = functional.conv2d(randn([1, 3, 8, 8]), randn([4, 3, 3, 3]), null, options); // [1, 4, 8, 8]
 * ```
 */
export interface Conv2dOptions {
  stride?: number | readonly number[];
  padding?: ConvPadding;
  dilation?: number | readonly number[];
  groups?: number;
}

/**
 * Options of `functional.conv1d`: stride, padding, dilation and groups.
 *
 * @pytorch the keyword arguments of torch.nn.functional.conv1d
 * @example
 * ```ts
 * const options: Conv1dOptions = { stride: 2, padding: 1 };
 * const y = functional.conv1d(randn([1, 3, 16]), randn([8, 3, 3]), null, options); // [1, 8, 8]
 * ```
 */
export type Conv1dOptions = Conv2dOptions;

/** Padding before and after for one spatial dim; 'same' puts the extra element after (ATen's rule). */
function resolvePadding(op: string, padding: ConvPadding, index: 0 | 1, k: number, dilation: number, stride: number): [number, number] {
  if (padding === 'valid') return [0, 0];
  if (padding === 'same') {
    if (stride !== 1) throw new ValueError(`${op}(): padding='same' is not supported for strided convolutions`);
    const total = dilation * (k - 1);
    const before = Math.floor(total / 2);
    return [before, total - before];
  }
  if (typeof padding === 'string') throw new ValueError(`${op}(): invalid padding string '${padding}', should be one of {'valid', 'same'}`);
  const p = positivePair(op, 'padding', padding, 0)[index];
  return [p, p];
}

/**
 * The shared 2-D convolution: `x` [N, C, H, W], `weight` [O, C/groups, kH, kW]. conv1d runs it with H = 1.
 * `spatial` says how the caller's dims map (1 for conv1d, 2 for conv2d) for messages and option pairs.
 */
function convNd(op: string, spatial: 1 | 2, input: Tensor, weight: Tensor, bias: Tensor | null, options: Conv2dOptions): Tensor {
  checkOptions(op, options, ['stride', 'padding', 'dilation', 'groups']);
  checkFloat(op, 'input', input);
  checkSameDType(op, 'weight', input, weight);
  checkSameDType(op, 'bias', input, bias);
  const want = spatial + 2;
  if (input.ndim !== want && input.ndim !== want - 1) {
    throw new ShapeError(`${op}(): Expected ${want - 1}D (unbatched) or ${want}D (batched) input to ${op}, but got input of size: ${shapeText(input.shape)}`);
  }
  if (weight.ndim !== want) throw new ShapeError(`${op}(): expected a ${want}D weight, got size ${shapeText(weight.shape)}`);
  const batched = input.ndim === want;
  const xs = batched ? input.shape : [1, ...input.shape];
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) throw new ValueError(`${op}(): non-positive groups is not supported (got ${groups})`);
  const [outC, cg] = weight.shape;
  if (outC % groups !== 0) throw new ValueError(`${op}(): out_channels (${outC}) must be divisible by groups (${groups})`);
  if (xs[1] !== cg * groups) {
    throw new ShapeError(
      `${op}(): Given groups=${groups}, weight of size ${shapeText(weight.shape)}, expected input${shapeText(xs)} to have ${cg * groups} channels, but got ${xs[1]} channels instead`,
    );
  }
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== outC)) {
    throw new ShapeError(`${op}(): expected bias of size [${outC}], got ${shapeText(bias.shape)}`);
  }
  // Map to 2-D: conv1d is conv2d with height 1 and a 1-high kernel (stride and dilation 1 along it).
  const pair = (v: number | readonly number[], name: string): [number, number] => {
    const p = positivePair(op, name, v, 1);
    return spatial === 2 ? p : [1, p[0]];
  };
  const [sH, sW] = pair(options.stride ?? 1, 'stride');
  const [dH, dW] = pair(options.dilation ?? 1, 'dilation');
  const inH = spatial === 2 ? xs[2] : 1;
  const inW = spatial === 2 ? xs[3] : xs[2];
  const kH = spatial === 2 ? weight.shape[2] : 1;
  const kW = spatial === 2 ? weight.shape[3] : weight.shape[2];
  const padding = options.padding ?? 0;
  const [pT, pB] = spatial === 2 ? resolvePadding(op, padding, 0, kH, dH, sH) : [0, 0];
  const [pL, pR] = resolvePadding(op, padding, spatial === 2 ? 1 : 0, kW, dW, sW);
  const outH = convOutputSize(inH, kH, sH, pT, pB, dH);
  const outW = convOutputSize(inW, kW, sW, pL, pR, dW);
  if (outH < 1 || outW < 1) {
    throw new ShapeError(
      `${op}(): Calculated padded input size per channel: (${spatial === 2 ? `${inH + pT + pB} x ` : ''}${inW + pL + pR}). ` +
        `Kernel size: (${spatial === 2 ? `${dH * (kH - 1) + 1} x ` : ''}${dW * (kW - 1) + 1}). Kernel size can't be greater than actual input size`,
    );
  }
  const params: Conv2dParams = {
    strideH: sH, strideW: sW, padTop: pT, padBottom: pB, padLeft: pL, padRight: pR, dilationH: dH, dilationW: dW, groups,
  };
  // the 4-D layouts tensor-core's convolution takes (views; conv1d and unbatched inputs gain size-1 dims)
  const x4 = [xs[0], xs[1], inH, inW];
  const w4 = [outC, cg, kH, kW];
  const out4 = [xs[0], outC, outH, outW];
  const outShape = spatial === 2 ? out4 : [xs[0], outC, outW];
  const finalShape = batched ? outShape : outShape.slice(1);
  return fusedOp('Convolution', [input, weight, bias], () => ({
    output: coreOps.reshape(conv2dForward(coreOps.reshape(input, x4), coreOps.reshape(weight, w4), bias, params), finalShape),
    backward: (grad, needs) => {
      const r = conv2dBackward(coreOps.reshape(input, x4), coreOps.reshape(weight, w4), coreOps.reshape(grad, out4), params, {
        input: needs[0],
        weight: needs[1],
        bias: needs[2],
      });
      return [
        r.gradInput ? coreOps.reshape(r.gradInput, input.shape) : null,
        r.gradWeight ? coreOps.reshape(r.gradWeight, weight.shape) : null,
        r.gradBias,
      ];
    },
    saved: [input, weight],
  }));
}

/** 2-D convolution (cross-correlation, as PyTorch): input [N, C, H, W] or [C, H, W], weight [O, C/groups, kH, kW]. */
export function conv2d(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: Conv2dOptions = {}): Tensor {
  return convNd('conv2d', 2, input, weight, bias, options);
}

/** 1-D convolution: input [N, C, L] or [C, L], weight [O, C/groups, k]. */
export function conv1d(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: Conv1dOptions = {}): Tensor {
  return convNd('conv1d', 1, input, weight, bias, options);
}
