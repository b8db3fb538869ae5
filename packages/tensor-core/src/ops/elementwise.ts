// Elementwise arithmetic and math functions: argument checks, PyTorch's result type, allocation;
// the loops are the backend's. See helpers.ts for the promotion rule.
import type { FloatUnaryOp } from '../backend/float-unary.js';
import { getBackend } from '../backend/registry.js';
import type { BinaryKernelOp, UnaryKernelOp } from '../backend/interface.js';
import { castScalar, isIntegralDType, toFloatingDType, type DType } from '../dtype.js';
import { DTypeError, ValueError, argError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import type { AlphaOptions, Tensor, TensorOrScalar } from '../tensor.js';
import { checkOptionKeys } from './options.js';
import {
  assertNumber,
  assertOperand,
  assertTensor,
  broadcastView,
  constantView,
  releaseConstants,
  emptyTensor,
  requireFloating,
  resultType,
  scalarValue,
} from './helpers.js';

const same = (d: DType): DType => d;

/**
 * out = op(a, b) with broadcasting. A JS number, or a 0-d tensor facing a dimensioned one, goes to
 * the backend's scalar kernel after conversion to the computation dtype (PyTorch casts its wrapped
 * scalar to the common dtype first: float32 x + 0.1 adds float32(0.1)).
 */
export function binaryOp(
  op: BinaryKernelOp,
  name: string,
  a: TensorOrScalar,
  b: TensorOrScalar,
  outDtypeOf: (compute: DType) => DType = same,
  alpha = 1,
): Tensor {
  assertOperand(name, 'input', a);
  assertOperand(name, 'other', b);
  if (typeof a === 'number' && typeof b === 'number') {
    argError(name, 'input', 'at least one Tensor operand', 'two numbers', DTypeError);
  }
  const compute = resultType(a, b);
  const outDtype = outDtypeOf(compute);
  const backend = getBackend();
  // a 0-d operand on the CPU is a scalar (it may meet a tensor on any device, 0-d ones too, as in
  // PyTorch); one on another device cannot be read synchronously, so it broadcasts like any tensor
  if (typeof b === 'number' || (b.shape.length === 0 && b.storage === null && typeof a !== 'number' && (a.shape.length > 0 || a.storage !== null))) {
    const x = a as Tensor;
    const s = castScalar(typeof b === 'number' ? b : scalarValue(b), compute);
    const out = emptyTensor(x.shape, outDtype, false, x);
    backend.binaryScalar(op, x, s, out, false, alpha);
    return out;
  }
  if (typeof a === 'number' || (a.shape.length === 0 && a.storage === null && (b.shape.length > 0 || b.storage !== null))) {
    const s = castScalar(typeof a === 'number' ? a : scalarValue(a), compute);
    const out = emptyTensor(b.shape, outDtype, false, b);
    backend.binaryScalar(op, b, s, out, true, alpha);
    return out;
  }
  const shape = broadcastShapes(a.shape, b.shape, name);
  const out = emptyTensor(shape, outDtype, false, a);
  backend.binary(op, broadcastView(a, shape), broadcastView(b, shape), out, alpha);
  return out;
}

/** out = op(x) into a fresh tensor of dtype `outDtype`. */
export function unaryOp(op: UnaryKernelOp, x: Tensor, outDtype: DType): Tensor {
  const out = emptyTensor(x.shape, outDtype, false, x);
  getBackend().unary(op, x, out);
  return out;
}

/** alpha for add/sub: an integral result rejects a fractional alpha (PyTorch's rule); cast to the compute dtype. */
export function checkAlpha(name: string, compute: DType, options: AlphaOptions | undefined): number {
  checkOptionKeys(name, options, ['alpha']);
  const alpha = options?.alpha ?? 1;
  assertNumber(name, 'alpha', alpha);
  if (isIntegralDType(compute) && !Number.isInteger(alpha)) {
    argError(name, 'alpha', `an integer for integral input tensors (${compute})`, `${alpha} (For integral input tensors, argument alpha must not be a floating point number.)`, DTypeError);
  }
  return compute === 'bool' ? alpha : castScalar(alpha, compute);
}

/** Subtraction with a bool operand is an error in PyTorch (use logicalXor / logicalNot). */
export function checkSubBool(name: string, a: TensorOrScalar, b: TensorOrScalar): void {
  const aBool = typeof a !== 'number' && a.dtype === 'bool';
  const bBool = typeof b !== 'number' && b.dtype === 'bool';
  if (aBool && bBool) {
    argError(name, 'other', 'a non-bool operand (Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.)', 'two bool tensors', DTypeError);
  }
  if (aBool || bBool) {
    argError(name, aBool ? 'input' : 'other', 'a non-bool tensor (Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.)', 'dtype bool', DTypeError);
  }
}

/** bool ** bool has no kernel, and integer tensors cannot take a negative integer scalar power (PyTorch raises). */
export function checkIntPow(name: string, compute: DType, exponent: TensorOrScalar): void {
  if (compute === 'bool') argError(name, 'exponent', 'operands that are not both bool (pow is not implemented for bool)', 'bool ** bool', DTypeError);
  if (isIntegralDType(compute, true) && typeof exponent === 'number' && exponent < 0) {
    argError(name, 'exponent', 'a non-negative exponent for an integer tensor (Integers to negative integer powers are not allowed.)', String(exponent), ValueError);
  }
}

export function checkNotBool(name: string, x: Tensor, hint: string): void {
  if (x.dtype === 'bool') argError(name, 'input', `a non-bool tensor (${hint})`, 'dtype bool', DTypeError);
}

const NEG_BOOL = 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.';

export function add(a: TensorOrScalar, b: TensorOrScalar, options?: AlphaOptions): Tensor {
  assertOperand('add', 'input', a);
  assertOperand('add', 'other', b);
  const alpha = checkAlpha('add', resultType(a, b), options);
  return binaryOp('add', 'add', a, b, same, alpha);
}

export function sub(a: TensorOrScalar, b: TensorOrScalar, options?: AlphaOptions): Tensor {
  assertOperand('sub', 'input', a);
  assertOperand('sub', 'other', b);
  checkSubBool('sub', a, b);
  const alpha = checkAlpha('sub', resultType(a, b), options);
  return binaryOp('sub', 'sub', a, b, same, alpha);
}

export function mul(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return binaryOp('mul', 'mul', a, b);
}

/** True division: integer and bool inputs give float32 (PyTorch's default float). */
export function div(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return binaryOp('div', 'div', a, b, toFloatingDType);
}

/**
 * a ** b. Integer ** integer stays integral (negative tensor exponents give 0 unless the base is +-1;
 * a negative scalar exponent raises); exponents 2, 3, 0.5, -0.5, -1, -2 use x*x, sqrt... as PyTorch.
 */
export function pow(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  assertOperand('pow', 'input', a);
  assertOperand('pow', 'exponent', b);
  checkIntPow('pow', resultType(a, b), b);
  return binaryOp('pow', 'pow', a, b);
}

/** Elementwise max; NaN propagates. */
export function maximum(a: Tensor, b: Tensor): Tensor {
  assertTensor('maximum', 'input', a);
  assertTensor('maximum', 'other', b);
  return binaryOp('maximum', 'maximum', a, b);
}

/** Elementwise min; NaN propagates. */
export function minimum(a: Tensor, b: Tensor): Tensor {
  assertTensor('minimum', 'input', a);
  assertTensor('minimum', 'other', b);
  return binaryOp('minimum', 'minimum', a, b);
}

export function neg(x: Tensor): Tensor {
  assertTensor('neg', 'input', x);
  checkNotBool('neg', x, NEG_BOOL);
  return unaryOp('neg', x, x.dtype);
}

/** A float-valued unary op (backend/float-unary.ts): its kernel, with a floating result dtype. */
export function floatUnary(op: FloatUnaryOp, x: Tensor): Tensor {
  assertTensor(op, 'input', x);
  return unaryOp(op, x, toFloatingDType(x.dtype));
}

export function abs(x: Tensor): Tensor {
  assertTensor('abs', 'input', x);
  checkNotBool('abs', x, 'abs is not implemented for bool');
  return unaryOp('abs', x, x.dtype);
}

/** -1, 0 or 1 in x's dtype; NaN gives 0 (PyTorch 1.13's CPU kernel). */
export function sign(x: Tensor): Tensor {
  assertTensor('sign', 'input', x);
  return unaryOp('sign', x, x.dtype);
}

export function relu(x: Tensor): Tensor {
  assertTensor('relu', 'input', x);
  checkNotBool('relu', x, 'Boolean inputs not supported for relu');
  return unaryOp('relu', x, x.dtype);
}

/** The dtype and converted bounds of clamp: the bounds take part in type promotion (PyTorch 1.13). */
export function clampArgs(name: string, x: Tensor, min: number | undefined, max: number | undefined): { dtype: DType; lo: number | undefined; hi: number | undefined } {
  if (min === undefined && max === undefined) {
    argError(name, 'min', "a number for at least one of 'min' and 'max'", 'both undefined', ValueError);
  }
  if (min !== undefined) assertNumber(name, 'min', min);
  if (max !== undefined) assertNumber(name, 'max', max);
  const dtype = resultType(x, min, max);
  return {
    dtype,
    lo: min === undefined ? undefined : castScalar(min, dtype),
    hi: max === undefined ? undefined : castScalar(max, dtype),
  };
}

/** min(max(x, min), max): NaN stays NaN; min > max gives max everywhere, as PyTorch. */
export function clamp(x: Tensor, min?: number, max?: number): Tensor {
  assertTensor('clamp', 'input', x);
  const { dtype, lo, hi } = clampArgs('clamp', x, min, max);
  const out = emptyTensor(x.shape, dtype, true, x);
  getBackend().clamp(x, lo, hi, out);
  return out;
}

/** log(1 + exp(beta x)) / beta, and x itself where x * beta > threshold (PyTorch's rule). */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  assertTensor('softplus', 'input', x);
  requireFloating('softplus', 'input', x);
  assertNumber('softplus', 'beta', beta);
  assertNumber('softplus', 'threshold', threshold);
  const out = emptyTensor(x.shape, x.dtype, true, x);
  getBackend().softplus(x, castScalar(beta, x.dtype), castScalar(threshold, x.dtype), out);
  return out;
}

/** torch.where(condition, a, b) with broadcasting; condition must be bool. */
export function where(condition: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  assertTensor('where', 'condition', condition);
  assertOperand('where', 'input', a);
  assertOperand('where', 'other', b);
  if (condition.dtype !== 'bool') {
    argError('where', 'condition', 'a bool tensor', `dtype ${condition.dtype}`, DTypeError);
  }
  const dtype = resultType(a, b);
  let shape = [...condition.shape];
  if (typeof a !== 'number') shape = broadcastShapes(shape, a.shape, 'where');
  if (typeof b !== 'number') shape = broadcastShapes(shape, b.shape, 'where');
  const view = (v: TensorOrScalar) => (typeof v === 'number' ? constantView(castScalar(v, dtype), shape, condition, dtype) : broadcastView(v, shape));
  const out = emptyTensor(shape, dtype, true, condition);
  const va = view(a);
  const vb = view(b);
  getBackend().where(broadcastView(condition, shape), va, vb, out);
  releaseConstants(va, vb);
  return out;
}

