// In-place ops: the destination `self` may be any strided view. Other operands broadcast to self's
// shape (never the other way), operands sharing self's storage are copied first, and the result type
// must be castable to self's dtype (no float -> int, no number -> bool), as PyTorch.
import { getBackend } from '../backend/registry.js';
import type { BinaryKernelOp, StridedView, UnaryKernelOp } from '../backend/interface.js';
import { castScalar, isIntegralDType, toFloatingDType, type DType } from '../dtype.js';
import { DTypeError, argError } from '../errors.js';
import type { AlphaOptions, Tensor, TensorOrScalar } from '../tensor.js';
import { checkAlpha, checkIntPow, checkNotBool, checkSubBool, clampArgs } from './elementwise.js';
import {
  assertNumber,
  assertOperand,
  assertTensor,
  broadcastView,
  checkBroadcastsTo,
  checkInplaceCast,
  checkNoInternalOverlap,
  constantView,
  releaseConstants,
  detachFrom,
  requireFloating,
  resultType,
  scalarValue,
  storedScalar,
} from './helpers.js';

const same = (d: DType): DType => d;

/** An operand as a view broadcast to self's shape, after the shape and aliasing checks. */
function operandView(name: string, argument: string, self: Tensor, other: Tensor): StridedView {
  checkBroadcastsTo(name, argument, other.shape, self.shape);
  return broadcastView(detachFrom(self, other), self.shape);
}

function inplaceBinary(
  op: BinaryKernelOp,
  name: string,
  self: Tensor,
  other: TensorOrScalar,
  resultOf: (compute: DType) => DType = same,
  alpha = 1,
): void {
  const compute = resultType(self, other);
  checkInplaceCast(name, 'other', resultOf(compute), self.dtype);
  const backend = getBackend();
  // a 0-d operand on the CPU is a scalar (as in PyTorch, with any device); one on a device stays there
  if (typeof other === 'number' || (other.ndim === 0 && other.device === 'cpu')) {
    const s = castScalar(typeof other === 'number' ? other : scalarValue(other), compute);
    backend.binaryScalar(op, self, s, self, false, alpha);
    return;
  }
  backend.binary(op, self, operandView(name, 'other', self, other), self, alpha);
}

function begin(name: string, self: Tensor, other?: unknown, otherName = 'other'): void {
  assertTensor(name, 'self', self);
  if (other !== undefined) assertOperand(name, otherName, other);
  checkNoInternalOverlap(name, self);
}

export function add_(x: Tensor, other: TensorOrScalar, options?: AlphaOptions): void {
  begin('add_', x, other);
  const alpha = checkAlpha('add_', resultType(x, other), options);
  inplaceBinary('add', 'add_', x, other, same, alpha);
}

export function sub_(x: Tensor, other: TensorOrScalar, options?: AlphaOptions): void {
  begin('sub_', x, other);
  checkSubBool('sub_', x, other);
  const alpha = checkAlpha('sub_', resultType(x, other), options);
  inplaceBinary('sub', 'sub_', x, other, same, alpha);
}

export function mul_(x: Tensor, other: TensorOrScalar): void {
  begin('mul_', x, other);
  inplaceBinary('mul', 'mul_', x, other);
}

/** True division: an integer self raises (the result would be float). */
export function div_(x: Tensor, other: TensorOrScalar): void {
  begin('div_', x, other);
  inplaceBinary('div', 'div_', x, other, toFloatingDType);
}

export function pow_(x: Tensor, exponent: TensorOrScalar): void {
  begin('pow_', x, exponent, 'exponent');
  checkIntPow('pow_', resultType(x, exponent), exponent);
  inplaceBinary('pow', 'pow_', x, exponent);
}

/** self = maximum(self, other) (NaN propagates); torch.maximum(self, other, out=self). */
export function maximum_(x: Tensor, other: Tensor): void {
  begin('maximum_', x);
  assertTensor('maximum_', 'other', other);
  inplaceBinary('maximum', 'maximum_', x, other);
}

function ternaryCommon(name: string, x: Tensor, t1: Tensor, t2: Tensor, value: number): { a: StridedView; b: StridedView; value: number } {
  begin(name, x);
  assertTensor(name, 'tensor1', t1);
  assertTensor(name, 'tensor2', t2);
  assertNumber(name, 'value', value);
  const result = resultType(x, t1, t2);
  checkInplaceCast(name, 'tensor1', result, x.dtype);
  // PyTorch 1.13 converts `value` to the op's dtype (a fractional value truncates for integer tensors)
  return { a: operandView(name, 'tensor1', x, t1), b: operandView(name, 'tensor2', x, t2), value: castScalar(value, result) };
}

/** self += value * tensor1 * tensor2 */
export function addcmul_(x: Tensor, t1: Tensor, t2: Tensor, value: number): void {
  const { a, b, value: v } = ternaryCommon('addcmul_', x, t1, t2, value);
  getBackend().ternary('addcmul', x, a, b, v, x);
}

/** self += value * tensor1 / tensor2 (integer tensor1 and tensor2 raise, as PyTorch). */
export function addcdiv_(x: Tensor, t1: Tensor, t2: Tensor, value: number): void {
  assertTensor('addcdiv_', 'tensor1', t1);
  assertTensor('addcdiv_', 'tensor2', t2);
  if (isIntegralDType(t1.dtype, true) && isIntegralDType(t2.dtype, true)) {
    argError('addcdiv_', 'tensor2', 'a floating tensor1 or tensor2 (Integer division with addcdiv is no longer supported)', `dtypes ${t1.dtype} and ${t2.dtype}`, DTypeError);
  }
  const { a, b, value: v } = ternaryCommon('addcdiv_', x, t1, t2, value);
  getBackend().ternary('addcdiv', x, a, b, v, x);
}

/** self += weight * (end - self), computed as PyTorch's lerp; float self, end of self's dtype. */
export function lerp_(x: Tensor, end: Tensor, weight: TensorOrScalar): void {
  begin('lerp_', x);
  assertTensor('lerp_', 'end', end);
  assertOperand('lerp_', 'weight', weight);
  requireFloating('lerp_', 'self', x);
  if (end.dtype !== x.dtype) argError('lerp_', 'end', `dtype ${x.dtype} (self's dtype)`, `dtype ${end.dtype}`, DTypeError);
  let w: StridedView;
  if (typeof weight === 'number') {
    w = constantView(castScalar(weight, x.dtype), x.shape, x);
  } else {
    if (weight.dtype !== x.dtype) argError('lerp_', 'weight', `dtype ${x.dtype} (self's dtype)`, `dtype ${weight.dtype}`, DTypeError);
    w = operandView('lerp_', 'weight', x, weight);
  }
  getBackend().ternary('lerp', x, operandView('lerp_', 'end', x, end), w, 0, x);
  releaseConstants(w);
}

function inplaceUnary(op: UnaryKernelOp, name: string, x: Tensor, result: DType): void {
  begin(name, x);
  checkInplaceCast(name, 'self', result, x.dtype);
  getBackend().unary(op, x, x);
}

export function neg_(x: Tensor): void {
  assertTensor('neg_', 'self', x);
  checkNotBool('neg_', x, 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
  inplaceUnary('neg', 'neg_', x, x.dtype);
}

export function sqrt_(x: Tensor): void {
  assertTensor('sqrt_', 'self', x);
  inplaceUnary('sqrt', 'sqrt_', x, toFloatingDType(x.dtype));
}

export function exp_(x: Tensor): void {
  assertTensor('exp_', 'self', x);
  inplaceUnary('exp', 'exp_', x, toFloatingDType(x.dtype));
}

export function clamp_(x: Tensor, min?: number, max?: number): void {
  begin('clamp_', x);
  const { dtype, lo, hi } = clampArgs('clamp_', x, min, max);
  checkInplaceCast('clamp_', min !== undefined ? 'min' : 'max', dtype, x.dtype);
  getBackend().clamp(x, lo, hi, x);
}

/** Every element = value converted to self's dtype (truncated for integers, nonzero -> true for bool). */
export function fill_(x: Tensor, value: number): void {
  assertTensor('fill_', 'self', x);
  assertNumber('fill_', 'value', value);
  getBackend().fill(x, storedScalar('fill_', 'value', value, x.dtype));
}

/** Copy src (broadcast to self's shape, any dtype, converted like a C cast) into self. */
export function copy_(x: Tensor, src: Tensor): void {
  begin('copy_', x);
  assertTensor('copy_', 'src', src);
  // copying across devices as PyTorch does: a CPU source is uploaded to self's device (a device
  // source with a CPU self needs a read back, whose error names the async readers)
  const from = src.device !== x.device && src.device === 'cpu' ? src.to(x.device) : src;
  getBackend().unary('copy', operandView('copy_', 'src', x, from), x);
}

/** self = value where mask (bool, broadcast to self's shape) is true. */
export function maskedFill_(x: Tensor, mask: Tensor, value: number): void {
  begin('maskedFill_', x);
  assertTensor('maskedFill_', 'mask', mask);
  assertNumber('maskedFill_', 'value', value);
  if (mask.dtype !== 'bool') argError('maskedFill_', 'mask', 'a bool tensor', `dtype ${mask.dtype}`, DTypeError);
  const m = operandView('maskedFill_', 'mask', x, mask);
  const v = constantView(storedScalar('maskedFill_', 'value', value, x.dtype), x.shape, x);
  getBackend().where(m, v, x, x);
  releaseConstants(v);
}
