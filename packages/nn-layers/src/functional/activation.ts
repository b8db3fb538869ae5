// Activation functions (torch.nn.functional): composed from autograd primitives where one exists;
// GELU runs tensor-core's gelu kernels with an explicit backward.
import { ValueError, type Tensor } from '@torchlet/tensor-core';
import { geluBackward, geluForward } from '@torchlet/tensor-core/internal';
import { fusedOp } from '@torchlet/autograd/internal';
import { checkFloat } from './util.js';

/** GELU's form: the exact x * Phi(x) ('none') or its tanh approximation. */
export type GeluApproximate = 'none' | 'tanh';

export function relu(input: Tensor): Tensor {
  return input.relu();
}

/** x if x > 0 else negativeSlope * x */
export function leakyRelu(input: Tensor, negativeSlope = 0.01): Tensor {
  return input.where(input.gt(0), input.mul(negativeSlope));
}

/** x * sigmoid(x) */
export function silu(input: Tensor): Tensor {
  return input.mul(input.sigmoid());
}

export function sigmoid(input: Tensor): Tensor {
  return input.sigmoid();
}

export function tanh(input: Tensor): Tensor {
  return input.tanh();
}

export function softmax(input: Tensor, dim: number): Tensor {
  return input.softmax(dim);
}

export function logSoftmax(input: Tensor, dim: number): Tensor {
  return input.logSoftmax(dim);
}

/** x * Phi(x) with the exact normal CDF ('none', via erf) or its tanh approximation ('tanh'). */
export function gelu(input: Tensor, approximate: GeluApproximate = 'none'): Tensor {
  checkFloat('gelu', 'input', input);
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw new ValueError(`gelu(): approximate argument must be either none or tanh, got '${String(approximate)}'`);
  }
  return fusedOp('Gelu', [input], () => ({
    output: geluForward(input, approximate),
    backward: (grad) => [geluBackward(input, grad, approximate)],
    saved: [input],
  }));
}
