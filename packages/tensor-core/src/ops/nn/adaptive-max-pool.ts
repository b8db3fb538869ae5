// Adaptive max pooling for @torchlet/nn-layers over the last two dims of [..., H, W] (every leading
// index is one plane), forward (with the int64 indices of the maxima) and backward, on the backend's
// kernels: the results stay on the input's device.
import { getBackend } from '../../backend/registry.js';
import { DTypeError, argError } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import { emptyTensor } from '../helpers.js';
import { adaptivePlanes, planesOf } from './pool.js';
import { contiguousAs, expectFloat, expectShape } from './shared.js';

/**
 * Max of `input` [..., H, W] over windows [floor(i*H/outH), ceil((i+1)*H/outH)) (and likewise along
 * W), and the flat (h * W + w) index of each max within its plane (int64). The first maximum in
 * row-major window order wins; NaN wins (the last NaN of the window).
 */
export function adaptiveMaxPool2dForward(input: Tensor, outH: number, outW: number): { output: Tensor; indices: Tensor } {
  const op = 'adaptiveMaxPool2dForward';
  const { lead, planes, h, w } = adaptivePlanes(op, input, outH, outW);
  const output = emptyTensor([...lead, outH, outW], input.dtype, true, input);
  const indices = emptyTensor(output.shape, 'int64', true, input);
  getBackend().adaptiveMaxPool2d(contiguousAs(input, [planes, h, w]), contiguousAs(output, [planes, outH, outW]), contiguousAs(indices, [planes, outH, outW]));
  return { output, indices };
}

/** The gradient of adaptiveMaxPool2dForward: gradOutput [..., outH, outW] added at `indices` (in output order) into a tensor of `inputShape`. */
export function adaptiveMaxPool2dBackward(gradOutput: Tensor, indices: Tensor, inputShape: readonly number[]): Tensor {
  const op = 'adaptiveMaxPool2dBackward';
  expectFloat(op, 'gradOutput', gradOutput);
  if (indices.dtype !== 'int64') argError(op, 'indices', 'an int64 tensor', `dtype ${indices.dtype}`, DTypeError);
  expectShape(op, 'indices', indices, gradOutput.shape);
  const { lead, planes, h, w } = planesOf(op, 'inputShape', inputShape);
  const g = planesOf(op, 'gradOutput', gradOutput.shape);
  expectShape(op, 'gradOutput', gradOutput, [...lead, g.h, g.w]);
  const out = emptyTensor(inputShape, gradOutput.dtype, true, gradOutput);
  getBackend().adaptiveMaxPool2dBackward(contiguousAs(gradOutput, [planes, g.h, g.w]), contiguousAs(indices, [planes, g.h, g.w]), contiguousAs(out, [planes, h, w]));
  return out;
}
