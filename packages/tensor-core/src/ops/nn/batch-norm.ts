// Batch normalization for @torchlet/nn-layers over dim 1 of [N, C, ...]: the batch's statistics
// (float64, as ATen's CPU kernel keeps them), the normalization and its closed-form backward.
import { getBackend } from '../../backend/registry.js';
import { holdsFloat64 } from '../../backend/devices.js';
import type { StridedView } from '../../backend/interface.js';
import { ShapeError, argError, formatShape } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import { emptyTensor } from '../helpers.js';
import type { NnGradMask, NnGrads } from './conv.js';
import { contiguousAs, expectDType, expectFloat, expectNumel, expectShape } from './shared.js';

/** [N, C, inner] for an input [N, C, ...]. */
function layout(op: string, input: Tensor): [number, number, number] {
  expectFloat(op, 'input', input);
  if (input.ndim < 2) argError(op, 'input', 'a tensor with at least 2 dims [N, C, ...]', `shape ${formatShape(input.shape)}`, ShapeError);
  const [n, c] = input.shape;
  return [n, c, input.numel() / Math.max(n * c, 1)];
}

/** A per-channel tensor (C elements, any float dtype) as a contiguous [C] view. */
function channelView(op: string, argument: string, t: Tensor, c: number): StridedView {
  expectFloat(op, argument, t);
  expectNumel(op, argument, t, c);
  return contiguousAs(t, [c]);
}

/**
 * The batch's per-channel mean and biased variance (sum((x - mean)^2) / m over m = N * inner values),
 * [C]: float64, or the input's dtype on a device without float64.
 */
export function batchNormMoments(input: Tensor): { mean: Tensor; variance: Tensor } {
  const [n, c, inner] = layout('batchNormMoments', input);
  const dtype = holdsFloat64(input.device) ? 'float64' : input.dtype;
  const mean = emptyTensor([c], dtype, true, input);
  const variance = emptyTensor([c], dtype, true, input);
  getBackend().batchNormMoments(contiguousAs(input, [n, c, inner]), mean, variance);
  return { mean, variance };
}

/**
 * y = (x - mean) / sqrt(variance + eps) * weight + bias per channel (dim 1), in doubles, rounded
 * once into the input's dtype; mean and variance are C-element tensors of any float dtype (the
 * batch's or the running statistics), weight and bias C-element tensors of the input's dtype or null.
 */
export function batchNormForward(input: Tensor, mean: Tensor, variance: Tensor, eps: number, weight: Tensor | null, bias: Tensor | null): Tensor {
  const op = 'batchNormForward';
  const [n, c, inner] = layout(op, input);
  if (weight !== null) expectDType(op, 'weight', weight, input.dtype);
  if (bias !== null) expectDType(op, 'bias', bias, input.dtype);
  const out = emptyTensor(input.shape, input.dtype, true, input);
  getBackend().batchNorm(
    contiguousAs(input, [n, c, inner]),
    channelView(op, 'mean', mean, c),
    channelView(op, 'variance', variance, c),
    eps,
    weight === null ? null : channelView(op, 'weight', weight, c),
    bias === null ? null : channelView(op, 'bias', bias, c),
    contiguousAs(out, [n, c, inner]),
  );
  return out;
}

/**
 * The gradients of batchNormForward for gradOutput (the input's shape): `batchStats` says mean and
 * variance were the batch's own (their dependence on x enters dx). gradWeight and gradBias are [C].
 */
export function batchNormBackward(
  input: Tensor,
  gradOutput: Tensor,
  mean: Tensor,
  variance: Tensor,
  eps: number,
  weight: Tensor | null,
  batchStats: boolean,
  need: NnGradMask,
): NnGrads {
  const op = 'batchNormBackward';
  const [n, c, inner] = layout(op, input);
  expectDType(op, 'gradOutput', gradOutput, input.dtype);
  expectShape(op, 'gradOutput', gradOutput, input.shape);
  if (weight !== null) expectDType(op, 'weight', weight, input.dtype);
  const gradInput = need.input ? emptyTensor(input.shape, input.dtype, true, input) : null;
  const gradWeight = need.weight ? emptyTensor([c], input.dtype, true, input) : null;
  const gradBias = need.bias ? emptyTensor([c], input.dtype, true, input) : null;
  getBackend().batchNormBackward(
    contiguousAs(input, [n, c, inner]),
    contiguousAs(gradOutput, [n, c, inner]),
    channelView(op, 'mean', mean, c),
    channelView(op, 'variance', variance, c),
    eps,
    weight === null ? null : channelView(op, 'weight', weight, c),
    batchStats,
    {
      input: gradInput === null ? null : contiguousAs(gradInput, [n, c, inner]),
      weight: gradWeight,
      bias: gradBias,
    },
  );
  return { gradInput, gradWeight, gradBias };
}
