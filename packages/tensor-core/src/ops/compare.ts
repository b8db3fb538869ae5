// Comparisons and logic: bool results, operands promoted to their common dtype first.
import { RowCursor } from '../backend/cpu/strided.js';
import { syncReadOpError } from '../backend/devices.js';
import { DTypeError, argError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor, TensorOrScalar } from '../tensor.js';
import { binaryOp, unaryOp } from './elementwise.js';
import { assertNumber, assertTensor, broadcastView } from './helpers.js';
import { checkOptionKeys } from './options.js';

const toBool = () => 'bool' as const;

function compare(op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', a: Tensor, b: TensorOrScalar): Tensor {
  assertTensor(op, 'input', a);
  return binaryOp(op, op, a, b, toBool);
}

/**
 * Elementwise `a == b` with broadcasting, as a bool tensor.
 *
 * @pytorch torch.eq
 * @example
 * ```ts
 * const x = tensor([1, 2, 3]);
 * const m = eq(x, 2); // bool [false, true, false]
 * ```
 */
export function eq(a: Tensor, b: TensorOrScalar): Tensor {
  return compare('eq', a, b);
}
/**
 * Elementwise `a != b` with broadcasting, as a bool tensor.
 *
 * @pytorch torch.ne
 * @example
 * ```ts
 * const x = tensor([1, 2, 3]);
 * const m = ne(x, 2); // bool [true, false, true]
 * ```
 */
export function ne(a: Tensor, b: TensorOrScalar): Tensor {
  return compare('ne', a, b);
}
/**
 * Elementwise `a < b` with broadcasting, as a bool tensor.
 *
 * @pytorch torch.lt
 * @example
 * ```ts
 * const x = tensor([1, 2, 3]);
 * const m = lt(x, 2); // bool [true, false, false]
 * ```
 */
export function lt(a: Tensor, b: TensorOrScalar): Tensor {
  return compare('lt', a, b);
}
/**
 * Elementwise `a <= b` with broadcasting, as a bool tensor.
 *
 * @pytorch torch.le
 * @example
 * ```ts
 * const x = tensor([1, 2, 3]);
 * const m = le(x, 2); // bool [true, true, false]
 * ```
 */
export function le(a: Tensor, b: TensorOrScalar): Tensor {
  return compare('le', a, b);
}
/**
 * Elementwise `a > b` with broadcasting, as a bool tensor.
 *
 * @pytorch torch.gt
 * @example
 * ```ts
 * const x = tensor([1, 2, 3]);
 * const m = gt(x, 2); // bool [false, false, true]
 * ```
 */
export function gt(a: Tensor, b: TensorOrScalar): Tensor {
  return compare('gt', a, b);
}
/**
 * Elementwise `a >= b` with broadcasting, as a bool tensor.
 *
 * @pytorch torch.ge
 * @example
 * ```ts
 * const x = tensor([1, 2, 3]);
 * const m = ge(x, 2); // bool [false, true, true]
 * ```
 */
export function ge(a: Tensor, b: TensorOrScalar): Tensor {
  return compare('ge', a, b);
}

function logical(op: 'logicalAnd' | 'logicalOr' | 'logicalXor', a: Tensor, b: Tensor): Tensor {
  assertTensor(op, 'input', a);
  assertTensor(op, 'other', b);
  return binaryOp(op, op, a, b, toBool);
}

/**
 * Nonzero (NaN included) is true.
 *
 * @pytorch torch.logical_and
 * @example
 * ```ts
 * const a = tensor([true, true, false]);
 * const b = logicalAnd(a, tensor([true, false, false])); // [true, false, false]
 * ```
 */
export function logicalAnd(a: Tensor, b: Tensor): Tensor {
  return logical('logicalAnd', a, b);
}
/**
 * Elementwise logical or (nonzero is true), as a bool tensor.
 *
 * @pytorch torch.logical_or
 * @example
 * ```ts
 * const a = tensor([true, false, false]);
 * const b = logicalOr(a, tensor([false, false, true])); // [true, false, true]
 * ```
 */
export function logicalOr(a: Tensor, b: Tensor): Tensor {
  return logical('logicalOr', a, b);
}
/**
 * Elementwise logical exclusive or (nonzero is true), as a bool tensor.
 *
 * @pytorch torch.logical_xor
 * @example
 * ```ts
 * const a = tensor([true, true, false]);
 * const b = logicalXor(a, tensor([true, false, false])); // [false, true, false]
 * ```
 */
export function logicalXor(a: Tensor, b: Tensor): Tensor {
  return logical('logicalXor', a, b);
}
/**
 * Elementwise logical not (zero is false), as a bool tensor.
 *
 * @pytorch torch.logical_not
 * @example
 * ```ts
 * const b = logicalNot(tensor([true, false])); // [false, true]
 * ```
 */
export function logicalNot(x: Tensor): Tensor {
  assertTensor('logicalNot', 'input', x);
  return unaryOp('logicalNot', x, 'bool');
}
/**
 * Where each element is NaN, as a bool tensor.
 *
 * @pytorch torch.isnan
 * @example
 * ```ts
 * const b = isnan(tensor([1, NaN])); // [false, true]
 * ```
 */
export function isnan(x: Tensor): Tensor {
  assertTensor('isnan', 'input', x);
  return unaryOp('isnan', x, 'bool');
}
/**
 * Where each element is +/-Infinity, as a bool tensor.
 *
 * @pytorch torch.isinf
 * @example
 * ```ts
 * const b = isinf(tensor([1, Infinity, -Infinity])); // [false, true, true]
 * ```
 */
export function isinf(x: Tensor): Tensor {
  assertTensor('isinf', 'input', x);
  return unaryOp('isinf', x, 'bool');
}
/**
 * Where each element is neither NaN nor infinite, as a bool tensor.
 *
 * @pytorch torch.isfinite
 * @example
 * ```ts
 * const b = isfinite(tensor([1, NaN, Infinity])); // [true, false, false]
 * ```
 */
export function isfinite(x: Tensor): Tensor {
  assertTensor('isfinite', 'input', x);
  return unaryOp('isfinite', x, 'bool');
}

/**
 * torch.allclose: a and b broadcast together and every pair is close, as torch.isclose:
 * a == b (same-signed infinities included), or both NaN with equalNan, or |a - b| finite and
 * <= atol + rtol * |b|. The dtypes must match, as in PyTorch. A read-only scan (no kernel needed).
 *
 * @pytorch torch.allclose
 * @example
 * ```ts
 * const a = tensor([1, 2], { dtype: 'float64' });
 * const close = allclose(a, a.add(1e-9)); // true
 * const strict = allclose(a, a.add(1e-3), { rtol: 0, atol: 1e-6 }); // false
 * ```
 */
export function allclose(a: Tensor, b: Tensor, options?: AllcloseOptions): boolean {
  const { rtol, atol, equalNan, shape } = allcloseArgs('allclose', a, b, options);
  const onDevice = a.storage != null ? a : b.storage != null ? b : null;
  if (onDevice !== null) throw syncReadOpError('allclose', onDevice.device, 'the comparison as a JS boolean', 'await allcloseAsync(a, b, options)');
  const av = broadcastView(a, shape);
  const bv = broadcastView(b, shape);
  const c = new RowCursor(shape, [av, bv]);
  const ad = a.data;
  const bd = b.data;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let ai = c.offsets[0];
    let bi = c.offsets[1];
    for (let j = 0; j < c.n; j++, ai += c.inner[0], bi += c.inner[1]) {
      const x = ad[ai];
      const y = bd[bi];
      if (x === y) continue;
      if (equalNan && x !== x && y !== y) continue;
      const err = Math.abs(x - y);
      if (Number.isFinite(err) && err <= atol + Math.abs(rtol * y)) continue;
      return false;
    }
  }
  return true;
}

/**
 * The options of `allclose` / `allcloseAsync`: relative and absolute tolerance (PyTorch's defaults
 * 1e-5 and 1e-8) and whether NaNs in the same place count as equal (default false).
 *
 * @pytorch the rtol, atol and equal_nan arguments of torch.allclose
 * @example
 * ```ts
 * const options: AllcloseOptions = { rtol: 0, atol: 1e-6, equalNan: true };
 * const close = allclose(tensor([1, NaN]), tensor([1, NaN]), options); // true
 * ```
 */
export interface AllcloseOptions {
  rtol?: number;
  atol?: number;
  equalNan?: boolean;
}

function allcloseArgs(op: string, a: Tensor, b: Tensor, options: AllcloseOptions | undefined) {
  checkOptionKeys(op, options, ['rtol', 'atol', 'equalNan']);
  assertTensor(op, 'input', a);
  assertTensor(op, 'other', b);
  const rtol = options?.rtol ?? 1e-5;
  const atol = options?.atol ?? 1e-8;
  const equalNan = options?.equalNan ?? false;
  assertNumber(op, 'rtol', rtol);
  assertNumber(op, 'atol', atol);
  if (a.dtype !== b.dtype) {
    argError(op, 'other', `the dtype of input (${a.dtype})`, `dtype ${b.dtype}`, DTypeError);
  }
  const shape = broadcastShapes(a.shape, b.shape, op);
  return { rtol, atol, equalNan, shape };
}

/**
 * `allclose` for tensors on any device: the same checks, errors and closeness rule; on a device (a
 * GPU) the elementwise test runs there and only its one boolean is read back, asynchronously.
 * On the CPU it resolves to `allclose(a, b, options)`.
 *
 * @pytorch torch.allclose (which synchronises with the device to return a Python bool)
 * @example
 * ```ts
 * const a = tensor([1, 2]);
 * const close = await allcloseAsync(a, a.add(1e-7)); // true
 * ```
 */
export async function allcloseAsync(a: Tensor, b: Tensor, options?: AllcloseOptions): Promise<boolean> {
  const { rtol, atol, equalNan } = allcloseArgs('allcloseAsync', a, b, options);
  if (a.storage == null && b.storage == null) return allclose(a, b, options);
  // torch.isclose: x == y, or |x - y| finite and <= atol + |rtol * y|, or (equalNan) both NaN
  const floating = a.dtype === 'float32' || a.dtype === 'float64';
  const x = floating ? a.detach() : a.detach().to('float32');
  const y = floating ? b.detach() : b.detach().to('float32');
  const diff = x.sub(y).abs();
  let close = x.eq(y).logicalOr(diff.isfinite().logicalAnd(diff.le(y.mul(rtol).abs().add(atol))));
  if (equalNan) close = close.logicalOr(x.isnan().logicalAnd(y.isnan()));
  return (await (close.all() as Tensor).itemAsync()) !== 0;
}
