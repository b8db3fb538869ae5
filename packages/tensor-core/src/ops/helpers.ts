// Shared plumbing of the compute ops: argument checks, PyTorch's result-type rule, output allocation
// and broadcast views for the kernels.
//
// Numeric policy of the compute ops (elementwise, compare, reduce, linalg, indexing, softmax, inplace):
// - result dtypes follow PyTorch's result_type, 0-d tensors included (see resultType); a JS number is a
//   weak scalar, integral numbers (2.0 === 2 in JS) count as integers;
// - a scalar operand (JS number or 0-d tensor facing a dimensioned one) is first converted to the
//   computation dtype, as PyTorch does (float32 x + 0.1 adds float32(0.1));
// - arithmetic runs in JS doubles and is rounded once into the output dtype: float32 add/sub/mul/div/
//   sqrt match PyTorch bit for bit, transcendental functions to about 1 float32 ulp;
// - reductions, matmul, var/std, logsumexp and softmax accumulate in doubles (float32 results are then
//   closer to the exact value than PyTorch's float32 kernels; compare with an atol near zero);
// - int64 is stored in a Float64Array: exact to 2^53 and without wrap-around; int32 wraps like C.
import { getBackend } from '../backend/registry.js';
import type { DeviceStorage, StridedView } from '../backend/interface.js';
import { allocate, castScalar, isFloatingDType, promoteTypes, type DType } from '../dtype.js';
import { DTypeError, ShapeError, ValueError, argError, formatShape } from '../errors.js';
import { numel, shapesEqual, type Shape } from '../shape.js';
import type { Tensor, TensorOrScalar } from '../tensor.js';
import { isTensor, makeTensor } from '../construct.js';
import { allocateData } from '../memory/scope.js';
import { deviceBackend, deviceDataSentinel, registeredDevice } from '../backend/devices.js';
import type { Device } from '../device.js';

/** Throw unless `value` is a Tensor (JS callers can pass anything). */
export function assertTensor(op: string, argument: string, value: unknown): asserts value is Tensor {
  if (!isTensor(value)) argError(op, argument, 'a Tensor', describe(value), DTypeError);
}

/** Throw unless `value` is a Tensor or a finite-or-not JS number. */
export function assertOperand(op: string, argument: string, value: unknown): asserts value is TensorOrScalar {
  if (!isTensor(value) && typeof value !== 'number') {
    argError(op, argument, 'a Tensor or a number', describe(value), DTypeError);
  }
}

/** Whether `value` is a plain object (an options argument: `{ ... }`, not a class instance or array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

export function assertNumber(op: string, argument: string, value: unknown): asserts value is number {
  if (typeof value !== 'number') argError(op, argument, 'a number', describe(value), DTypeError);
}

/** A value as an argument error names it: 'null', 'an array', its class name, or its type and value. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return `${typeof value} ${String(value)}`;
}

/**
 * PyTorch's result type (c10 `result_type`): dimensioned tensors decide first, then 0-d tensors,
 * then JS numbers ("wrapped" scalars: int64 for integers, the default float32 otherwise); a later
 * group only matters when it is of a higher category (bool < integer < floating).
 * Difference from PyTorch: a JS number that is integral (2.0 === 2) counts as an integer.
 */
export function resultType(...operands: ReadonlyArray<TensorOrScalar | undefined>): DType {
  let dims: DType | undefined;
  let zeros: DType | undefined;
  let wrapped: DType | undefined;
  for (const o of operands) {
    if (o === undefined) continue;
    if (typeof o === 'number') {
      const t: DType = Number.isInteger(o) ? 'int64' : 'float32';
      wrapped = wrapped === undefined ? t : promoteTypes(wrapped, t);
    } else if (o.shape.length === 0) {
      zeros = zeros === undefined ? o.dtype : promoteTypes(zeros, o.dtype);
    } else {
      dims = dims === undefined ? o.dtype : promoteTypes(dims, o.dtype);
    }
  }
  const result = combineCategories(dims, combineCategories(zeros, wrapped));
  return result ?? 'float32';
}

function combineCategories(higher: DType | undefined, lower: DType | undefined): DType | undefined {
  if (higher === undefined) return lower;
  if (lower === undefined || isFloatingDType(higher)) return higher;
  if (higher === 'bool' || isFloatingDType(lower)) return promoteTypes(higher, lower);
  return higher;
}

/** PyTorch's canCast for in-place results: no floating -> integral, no non-bool -> bool. */
export function canCast(from: DType, to: DType): boolean {
  if (isFloatingDType(from) && !isFloatingDType(to)) return false;
  if (from !== 'bool' && to === 'bool') return false;
  return true;
}

const TORCH_NAME: Record<DType, string> = { float32: 'Float', float64: 'Double', int64: 'Long', int32: 'Int', bool: 'Bool' };

/** The in-place cast check, with PyTorch's wording in the message. */
export function checkInplaceCast(op: string, argument: string, result: DType, self: DType): void {
  if (!canCast(result, self)) {
    argError(
      op,
      argument,
      `an operand whose result type can be stored in self's dtype ${self}`,
      `result type ${result}: result type ${TORCH_NAME[result]} can't be cast to the desired output type ${TORCH_NAME[self]}`,
      DTypeError,
    );
  }
}

const INT_RANGE: Partial<Record<DType, [number, number]>> = {
  int32: [-2147483648, 2147483647],
  int64: [-9223372036854775808, 9223372036854775807],
};

/**
 * A JS number stored into a tensor of `dtype` (fill_, maskedFill, scatter): converted like
 * castScalar, but NaN, inf and out-of-range values for integer dtypes raise, as PyTorch's checked
 * conversion ("value cannot be converted to type int64_t without overflow").
 */
export function storedScalar(op: string, argument: string, value: number, dtype: DType): number {
  const range = INT_RANGE[dtype];
  if (range !== undefined && !(value >= range[0] && value <= range[1])) {
    argError(op, argument, `a value representable in ${dtype} (range [${range[0]}, ${range[1]}])`, `${value} (value cannot be converted to type ${dtype} without overflow)`, ValueError);
  }
  return castScalar(value, dtype);
}

/**
 * A contiguous tensor for an op's result: zero-filled, unless `zeroed` is false, where the kernel
 * writes every element (inside `scope()` its storage may be reused memory); on the device of `on`
 * (a view of an input, or a device name; the CPU by default).
 */
export function emptyTensor(shape: Shape, dtype: DType, zeroed = true, on: StridedView | Device = 'cpu'): Tensor {
  const device = typeof on === 'string' ? on : (on.storage?.device ?? 'cpu');
  if (device !== 'cpu') return makeTensor(deviceBackend(device).allocate(dtype, numel(shape), zeroed), shape, dtype);
  return makeTensor(allocateData(dtype, numel(shape), zeroed), shape, dtype);
}

/** A view of `t` broadcast to `shape` (stride 0 on new and size-1 dims); `shape` must be a broadcast of t's. */
export function broadcastView(t: StridedView, shape: Shape): StridedView {
  if (shapesEqual(t.shape, shape)) return t;
  const lead = shape.length - t.shape.length;
  const strides = shape.map((s, d) => {
    const td = d - lead;
    if (td < 0) return 0;
    return t.shape[td] === 1 && s !== 1 ? 0 : t.strides[td];
  });
  return { dtype: t.dtype, data: t.data, storage: t.storage, shape, strides, offset: t.offset };
}

/**
 * A stride-0 view of one value, readable at every index of `shape`: float64 on the CPU; when `on` is
 * on a device, uploaded there in `dtype` (default: on's), so kernels see operands on one device.
 */
export function constantView(value: number, shape: Shape, on?: StridedView, dtype?: DType): StridedView {
  const device = on?.storage?.device;
  if (device !== undefined) {
    // a scalar operand of a kernel on a device lives there too, in the computation dtype
    const d = dtype ?? (on as StridedView).dtype;
    const data = allocate(d, 1);
    data[0] = value;
    const storage = deviceBackend(device).upload(data, d);
    constantStorages.add(storage);
    return { dtype: d, data: deviceDataSentinel(device), storage, shape, strides: shape.map(() => 0), offset: 0 };
  }
  return { dtype: 'float64', data: Float64Array.of(value), shape, strides: shape.map(() => 0), offset: 0 };
}

/** Device storage of constantView()s: no tensor views it, so the op gives it back itself. */
const constantStorages = new WeakSet<DeviceStorage>();

/**
 * Give back the device storage of the constantView()s among `views` once their kernel is recorded
 * (the device backend keeps the order: the kernel still reads the value); other views are left alone.
 */
export function releaseConstants(...views: StridedView[]): void {
  for (const v of views) {
    const s = v.storage;
    if (s == null || !constantStorages.has(s)) continue;
    constantStorages.delete(s);
    registeredDevice(s.device)?.release?.(s);
  }
}

/** A view with another shape and strides over the same storage. */
export function restride(t: StridedView, shape: Shape, strides: readonly number[]): StridedView {
  return { dtype: t.dtype, data: t.data, storage: t.storage, shape, strides, offset: t.offset };
}

/** Wrap a kernel output (or any view) back into a Tensor with a new shape over contiguous storage. */
export function reshapeContiguous(t: Tensor, shape: Shape): Tensor {
  return makeTensor(t.storage ?? t.data, shape, t.dtype);
}

/** The value of a 0-d tensor. */
export function scalarValue(t: StridedView): number {
  return t.data[t.offset];
}

/** Throw unless `x`'s dtype is floating (ops PyTorch only implements for float and double). */
export function requireFloating(op: string, argument: string, x: Tensor, what = `${op} is only implemented for floating point tensors`): void {
  if (!isFloatingDType(x.dtype)) argError(op, argument, `a floating point tensor (float32 or float64; ${what})`, `dtype ${x.dtype}`, DTypeError);
}

/** Throw when the written-to tensor has internal overlap (an expanded dim), as PyTorch does. */
export function checkNoInternalOverlap(op: string, x: Tensor): void {
  if (x.numel() === 0) return; // no element, no overlap (a [3, 0] view has a stride-0 dim of size 3)
  for (let d = 0; d < x.shape.length; d++) {
    if (x.strides[d] === 0 && x.shape[d] > 1) {
      argError(
        op,
        'self',
        'a tensor whose elements occupy distinct memory (unsupported operation: more than one element of the written-to tensor refers to a single memory location; clone() it first)',
        `shape ${formatShape(x.shape)} with strides ${formatShape(x.strides)}`,
        ValueError,
      );
    }
  }
}

/** Throw unless `other` broadcasts to exactly `self`'s shape (in-place ops cannot grow self). */
export function checkBroadcastsTo(op: string, argument: string, other: Shape, self: Shape): void {
  let ok = other.length <= self.length;
  for (let i = 1; ok && i <= other.length; i++) {
    const o = other[other.length - i];
    if (o !== 1 && o !== self[self.length - i]) ok = false;
  }
  if (!ok) {
    argError(
      op,
      argument,
      `a shape that broadcasts to self's shape ${formatShape(self)}`,
      `${formatShape(other)} (output with shape ${formatShape(self)} doesn't match the broadcast shape)`,
      ShapeError,
    );
  }
}

/** True when two views may touch the same storage without being the very same view. */
function partiallyAliases(a: StridedView, b: StridedView): boolean {
  const sa = a.storage ?? null;
  const sb = b.storage ?? null;
  if (sa !== null || sb !== null) {
    if (sa !== sb) return false;
  } else if (a.data !== b.data && a.data.buffer !== b.data.buffer) return false;
  return !(a.offset === b.offset && (sa ?? a.data) === (sb ?? b.data) && shapesEqual(a.shape, b.shape) && shapesEqual(a.strides, b.strides));
}

/**
 * An operand of an in-place op that shares storage with the destination (x.add_(x.T)) is copied
 * first, so reading it while writing the destination is safe. (PyTorch raises on partial overlap;
 * copying gives the answer the user meant.)
 */
export function detachFrom(dest: StridedView, operand: Tensor): Tensor {
  return partiallyAliases(dest, operand) ? contiguousCopy(operand) : operand;
}

/** A contiguous copy (same dtype, same device) through the backend's copy kernel. */
export function contiguousCopy(t: StridedView): Tensor {
  const out = emptyTensor(t.shape, t.dtype, true, t);
  getBackend().unary('copy', t, out);
  return out;
}

