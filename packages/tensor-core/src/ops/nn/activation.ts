// GELU forward and backward, for @torchlet/nn-layers' explicit backward (erf is an op of its own).
import { getBackend } from '../../backend/registry.js';
import type { GeluKernelApproximate } from '../../backend/kernels/nn.js';
import { ValueError, argError } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import { emptyTensor } from '../helpers.js';
import { contiguousAs, expectDType, expectFloat, expectShape } from './shared.js';

function expectApproximate(op: string, approximate: GeluKernelApproximate): void {
  if (approximate !== 'none' && approximate !== 'tanh') {
    argError(op, 'approximate', "'none' or 'tanh'", `'${String(approximate)}'`, ValueError);
  }
}

/** x * Phi(x) with the exact normal CDF ('none', via erf) or its tanh approximation ('tanh'). */
export function geluForward(input: Tensor, approximate: GeluKernelApproximate = 'none'): Tensor {
  const op = 'geluForward';
  expectFloat(op, 'input', input);
  expectApproximate(op, approximate);
  const out = emptyTensor(input.shape, input.dtype, true, input);
  getBackend().gelu(contiguousAs(input, input.shape), approximate, out);
  return out;
}

/** gradOutput * dgelu(x)/dx, for gradOutput of the input's shape and dtype. */
export function geluBackward(input: Tensor, gradOutput: Tensor, approximate: GeluKernelApproximate = 'none'): Tensor {
  const op = 'geluBackward';
  expectFloat(op, 'input', input);
  expectApproximate(op, approximate);
  expectDType(op, 'gradOutput', gradOutput, input.dtype);
  expectShape(op, 'gradOutput', gradOutput, input.shape);
  const out = emptyTensor(input.shape, input.dtype, true, input);
  getBackend().geluBackward(contiguousAs(input, input.shape), contiguousAs(gradOutput, input.shape), approximate, out);
  return out;
}

