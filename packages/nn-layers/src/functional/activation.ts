// Activation functions (torch.nn.functional): composed from autograd primitives where one exists;
// GELU runs tensor-core's gelu kernels with an explicit backward. Softmax and friends: ./softmax.ts.
import { ShapeError, ValueError, type Tensor } from '@torchlet/tensor-core';
import { geluBackward, geluForward } from '@torchlet/tensor-core/internal';
import { fusedOp } from '@torchlet/autograd/internal';
import { checkFloat, checkNumber, checkSameDType } from './util.js';

/** log(1 + exp(beta x)) / beta, x itself where beta x > threshold (tensor-core's op, re-exported as F.softplus). */
export { softplus } from '@torchlet/tensor-core';

/**
 * GELU's form: the exact x * Phi(x) ('none') or its tanh approximation.
 *
 * @pytorch the approximate argument of torch.nn.functional.gelu ('none' | 'tanh')
 * @example
 * ```ts
 * const approximate: GeluApproximate = 'tanh';
 * const y = functional.gelu(randn([3]), approximate);
 * ```
 */
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

/** x if x > 0 else alpha * (exp(x) - 1) */
export function elu(input: Tensor, alpha = 1): Tensor {
  checkFloat('elu', 'input', input);
  checkNumber('elu', 'alpha', alpha);
  // expm1 of min(x, 0): the branch not taken never overflows (0 * inf would make a NaN gradient)
  return input.where(input.gt(0), input.clamp(undefined, 0).expm1().mul(alpha));
}

/** clamp(x, minVal, maxVal); the gradient passes only strictly inside (minVal, maxVal), as PyTorch's. */
export function hardtanh(input: Tensor, minVal = -1, maxVal = 1): Tensor {
  checkNumber('hardtanh', 'min_val', minVal);
  checkNumber('hardtanh', 'max_val', maxVal);
  const outside = input.le(minVal).logicalOr(input.ge(maxVal));
  // the clamped values carry no gradient (hardtanh_backward: 0 where x <= min or x >= max; NaN passes)
  const clamped = input.detach().clamp(minVal, maxVal);
  return input.where(outside.logicalNot(), clamped.dtype === input.dtype ? clamped : clamped.to(input.dtype));
}

/** x * tanh(softplus(x)) */
export function mish(input: Tensor): Tensor {
  checkFloat('mish', 'input', input);
  return input.mul(input.softplus().tanh());
}

/** x * min(max(x + 3, 0), 6) / 6 (the clamp's inclusive gradient gives PyTorch's at x = -3 and x = 3) */
export function hardswish(input: Tensor): Tensor {
  checkFloat('hardswish', 'input', input);
  return input.mul(input.add(3).clamp(0, 6)).div(6);
}

/**
 * log(sigmoid(x)) = min(x, 0) - log1p(exp(-|x|)) (stable for any x), with PyTorch's gradient
 * g * sigmoid(-x) (also at x = 0, where the composed form's gradient would be 1, not 0.5).
 */
export function logsigmoid(input: Tensor): Tensor {
  checkFloat('logsigmoid', 'input', input);
  return fusedOp('LogSigmoid', [input], () => ({
    output: input.clamp(undefined, 0).sub(input.abs().neg().exp().log1p()),
    backward: (grad) => [grad.mul(input.neg().sigmoid())],
    differentiableBackward: (grad, [x]) => [grad.mul(x.neg().sigmoid())],
    saved: [input],
  }));
}

/**
 * x if x > 0 else weight * x, with one weight for all (numel 1) or one per channel (dim 1; a 1-D
 * input is one channel). The weight gets the sum of g * x over the elements it scaled.
 */
export function prelu(input: Tensor, weight: Tensor): Tensor {
  checkFloat('prelu', 'input', input);
  checkFloat('prelu', 'weight', weight);
  checkSameDType('prelu', 'weight', input, weight);
  if (weight.ndim > 1) throw new ShapeError(`prelu(): expected 'weight' to be a scalar or 1D tensor, got ndim = ${weight.ndim}`);
  const n = weight.numel();
  let w: Tensor;
  if (n === 1) w = weight.reshape([]);
  else {
    if (input.ndim === 0) throw new ShapeError(`prelu(): a weight of ${n} parameters needs an input with a channel dim, got a zero-dim input`);
    const channels = input.ndim >= 2 ? input.shape[1] : 1;
    if (n !== channels) {
      throw new ShapeError(`prelu(): mismatch of parameter numbers and input channel size: found parameter numbers = ${n} and channel size = ${channels}`);
    }
    w = weight.reshape([n, ...new Array<number>(Math.max(input.ndim - 2, 0)).fill(1)]);
  }
  return input.where(input.gt(0), w.mul(input));
}
