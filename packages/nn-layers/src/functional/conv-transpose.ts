// convTranspose2d (torch.nn.functional.conv_transpose2d): the gradient of conv2d with respect to its
// input, run on tensor-core's convolution kernels (im2col / col2im and the backend's matmul):
//   forward      = conv2d's input gradient of x through weight (col2im of W^T x)
//   d input      = conv2d(grad, weight)           (same stride, padding, dilation, groups)
//   d weight     = conv2d's weight gradient with input = grad and output gradient = x
import { ShapeError, ValueError, zeros, type Tensor } from '@torchlet/tensor-core';
import { conv2dBackward, conv2dForward, coreOps, type Conv2dParams } from '@torchlet/tensor-core/internal';
import { fusedOp, nameGradFn } from '@torchlet/autograd/internal';
import { checkFloat, checkOptions, checkSameDType, positivePair, shapeText } from './util.js';

/**
 * Options of `functional.convTranspose2d`: stride, padding, output padding, groups and dilation.
 *
 * @pytorch the keyword arguments of torch.nn.functional.conv_transpose2d
 * @example
 * ```ts
 * const options: ConvTranspose2dOptions = { stride: 2 };
 * const y = functional.convTranspose2d(randn([1, 4, 8, 8]), randn([4, 3, 2, 2]), null, options); // [1, 3, 16, 16]
 * ```
 */
export interface ConvTranspose2dOptions {
  stride?: number | readonly number[];
  /** Zero padding removed from both sides of the output: dilation * (k - 1) - padding is added around the input. */
  padding?: number | readonly number[];
  /** Extra rows / columns added after the output (smaller than stride or dilation). */
  outputPadding?: number | readonly number[];
  groups?: number;
  dilation?: number | readonly number[];
}

const OPTIONS = ['stride', 'padding', 'outputPadding', 'groups', 'dilation'];

/** out = (in - 1) * stride - 2 * padding + dilation * (k - 1) + outputPadding + 1 */
export function convTransposeOutputSize(size: number, k: number, stride: number, padding: number, dilation: number, outputPadding: number): number {
  return (size - 1) * stride - 2 * padding + dilation * (k - 1) + outputPadding + 1;
}

/**
 * Transposed 2-D convolution, as PyTorch's: input [N, C_in, H, W] or [C_in, H, W], weight
 * [C_in, C_out / groups, kH, kW], bias [C_out]; output [N, C_out, H_out, W_out] with
 * H_out = (H - 1) stride - 2 padding + dilation (kH - 1) + outputPadding + 1.
 */
export function convTranspose2d(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvTranspose2dOptions = {}): Tensor {
  const op = 'convTranspose2d';
  checkOptions(op, options, OPTIONS);
  checkFloat(op, 'input', input);
  checkSameDType(op, 'weight', input, weight);
  checkSameDType(op, 'bias', input, bias);
  if (input.ndim !== 3 && input.ndim !== 4) {
    throw new ShapeError(`${op}(): argument 'input' expected 3D (unbatched) or 4D (batched) input, got input of size: ${shapeText(input.shape)}`);
  }
  if (weight.ndim !== 4) throw new ShapeError(`${op}(): argument 'weight' expected a 4D tensor [in_channels, out_channels / groups, kH, kW], got size ${shapeText(weight.shape)}`);
  const batched = input.ndim === 4;
  const xs = batched ? input.shape : [1, ...input.shape];
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) throw new ValueError(`${op}(): argument 'groups' expected a positive integer, got ${groups}`);
  const [inC, ocg, kH, kW] = weight.shape;
  if (inC % groups !== 0) {
    throw new ValueError(`${op}(): argument 'weight' expected size at dimension 0 divisible by groups=${groups}, got weight of size ${shapeText(weight.shape)}`);
  }
  if (xs[1] !== inC) {
    throw new ShapeError(`${op}(): argument 'input' expected ${inC} channels (weight of size ${shapeText(weight.shape)}), got input of size ${shapeText(input.shape)}`);
  }
  const outC = ocg * groups;
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== outC)) {
    throw new ShapeError(`${op}(): argument 'bias' expected a 1-D tensor of ${outC} elements (out_channels), got size ${shapeText(bias.shape)}`);
  }
  const [sH, sW] = positivePair(op, 'stride', options.stride ?? 1, 1);
  const [pH, pW] = positivePair(op, 'padding', options.padding ?? 0, 0);
  const [dH, dW] = positivePair(op, 'dilation', options.dilation ?? 1, 1);
  const [opH, opW] = positivePair(op, 'outputPadding', options.outputPadding ?? 0, 0);
  if ((opH >= sH && opH >= dH) || (opW >= sW && opW >= dW)) {
    throw new ValueError(
      `${op}(): argument 'outputPadding' expected values smaller than either stride or dilation, got output_padding (${opH}, ${opW}) ` +
        `with stride (${sH}, ${sW}) and dilation (${dH}, ${dW})`,
    );
  }
  const [n, , inH, inW] = xs;
  const outH = convTransposeOutputSize(inH, kH, sH, pH, dH, opH);
  const outW = convTransposeOutputSize(inW, kW, sW, pW, dW, opW);
  if (outH < 1 || outW < 1) {
    throw new ShapeError(`${op}(): argument 'input' expected a size giving an output of at least 1 x 1, got input size per channel (${inH} x ${inW}) and output size (${outH} x ${outW}): output size is too small`);
  }
  // The convolution whose input gradient this is maps [N, C_out, outH, outW] to [N, C_in, H, W]; the
  // bottom / right padding drops outputPadding so that its output size is exactly H x W.
  const params: Conv2dParams = {
    strideH: sH, strideW: sW, padTop: pH, padBottom: pH - opH, padLeft: pW, padRight: pW - opW, dilationH: dH, dilationW: dW, groups,
  };
  const x4 = [n, inC, inH, inW];
  const out4 = [n, outC, outH, outW];
  const finalShape = batched ? out4 : out4.slice(1);
  const out = fusedOp('Convolution', [input, weight, bias], () => {
    // only its shape, dtype and device matter: the result of this convolution's input gradient
    const template = zeros(out4, { dtype: input.dtype }).to(input.device);
    const col = conv2dBackward(template, weight, coreOps.reshape(input, x4), params, { input: true, weight: false, bias: false }).gradInput as Tensor;
    const y = bias === null ? col : coreOps.add(col, coreOps.reshape(bias, [1, outC, 1, 1]));
    return {
      output: coreOps.reshape(y, finalShape),
      backward: (grad, needs) => {
        const g4 = coreOps.reshape(grad, out4);
        const gradInput = needs[0] ? coreOps.reshape(conv2dForward(g4, weight, null, params), input.shape) : null;
        const gradWeight = needs[1]
          ? conv2dBackward(g4, weight, coreOps.reshape(input, x4), params, { input: false, weight: true, bias: false }).gradWeight
          : null;
        const gradBias = needs[2] ? coreOps.sum(g4, [0, 2, 3]) : null;
        return [gradInput, gradWeight, gradBias];
      },
      saved: [input, weight],
    };
  });
  // PyTorch's grad_fn names: unbatched input runs batched, then squeezes dim 0
  return nameGradFn(out, batched ? 'ConvolutionBackward0' : 'SqueezeBackward1');
}
