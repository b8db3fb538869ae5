/**
 * Tensor factories with torch's dtype rules.
 *
 * `tensor()` dtype inference (like torch.tensor): all booleans -> bool; numbers that are all
 * integers (booleans count as integers) -> int64; anything else -> float32. Typed arrays keep their
 * natural dtype: Float32Array -> float32, Float64Array -> float64, Int32Array -> int32,
 * Uint8Array -> bool (values other than 0 become 1). Pass `dtype` to convert (C-style truncation
 * toward zero for integer dtypes). The data is always copied.
 */
import { castScalar, type DType, type DataArray } from '../dtype.js';
import { allocateData } from '../memory/scope.js';
import { ShapeError, ValueError, argError, formatShape } from '../errors.js';
import { checkShape, numel, type Shape } from '../shape.js';
import { Tensor, type NestedArray } from '../tensor.js';
import { fma32, fma64 } from './random/fma.js';
import { dtypeOption, leaf, likeDevice, type RequiresGradOptions } from './options.js';

/**
 * Options of the creation functions (`zeros`, `ones`, `full`, `arange`, ...): dtype, device and requiresGrad.
 *
 * @pytorch the dtype, device and requires_grad arguments of torch.zeros, torch.ones, ...
 * @example
 * ```ts
 * const options: CreationOptions = { dtype: 'float64', device: 'cpu' };
 * const x = zeros([2, 2], options);
 * ```
 */
export interface CreationOptions extends RequiresGradOptions {
  /** float32 unless given (for `tensor()`: inferred from the data, as PyTorch does). */
  dtype?: DType;
}

/**
 * Options of `tensor`: `CreationOptions` plus the shape of flat data.
 *
 * @pytorch the dtype, device and requires_grad arguments of torch.tensor
 * @example
 * ```ts
 * const options: FromDataOptions = { shape: [2, 2], dtype: 'float32' };
 * const x = tensor([1, 2, 3, 4], options);
 * ```
 */
export interface FromDataOptions extends CreationOptions {
  /** Shape of a flat typed array or flat JS array (defaults to its length, or the nesting). */
  shape?: Shape;
}

function isTypedArray(data: unknown): data is DataArray {
  return (
    data instanceof Float32Array || data instanceof Float64Array || data instanceof Int32Array || data instanceof Uint8Array
  );
}

function typedArrayDType(data: DataArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  return 'bool';
}

/** Nested-array shape from the first element at each depth. */
function inferShape(data: NestedArray): number[] {
  const shape: number[] = [];
  let cur: NestedArray = data;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  return shape;
}

/** Where a ragged nested array went wrong, as "data[i][j]" (built only for the error message). */
function pathOf(stack: readonly number[], depth: number): string {
  return 'data' + stack.slice(0, depth).map((i) => `[${i}]`).join('');
}

/** Flatten `data` (checked against `shape`, ragged nesting rejected) into `out`. */
function flattenInto(data: NestedArray, shape: readonly number[], out: (number | boolean)[]): void {
  const stack: number[] = [];
  const walk = (node: NestedArray, depth: number): void => {
    if (depth === shape.length) {
      if (typeof node === 'number' || typeof node === 'boolean') {
        out.push(node);
        return;
      }
      if (Array.isArray(node)) {
        throw new ShapeError(
          `tensor(): ragged nested array: expected a number or boolean at ${pathOf(stack, depth)}, got an array`,
        );
      }
      argError('tensor', 'data', 'numbers or booleans', `${typeof node} at ${pathOf(stack, depth)}`, ValueError);
    }
    if (!Array.isArray(node)) {
      throw new ShapeError(
        `tensor(): ragged nested array: expected a list of length ${shape[depth]} at ${pathOf(stack, depth)}, got a ${typeof node}`,
      );
    }
    if (node.length !== shape[depth]) {
      throw new ShapeError(
        `tensor(): ragged nested array: expected length ${shape[depth]} at ${pathOf(stack, depth)} (dim ${depth}), got ${node.length}`,
      );
    }
    for (let i = 0; i < node.length; i++) {
      stack[depth] = i;
      walk(node[i], depth + 1);
    }
  };
  walk(data, 0);
}

function inferDType(values: readonly (number | boolean)[]): DType {
  let allBool = true;
  let allInt = true;
  for (const v of values) {
    if (typeof v === 'boolean') continue;
    allBool = false;
    if (!Number.isInteger(v)) {
      allInt = false;
      break;
    }
  }
  if (values.length === 0) return 'float32'; // torch.tensor([]) is float32
  return allBool ? 'bool' : allInt ? 'int64' : 'float32';
}

function fromValues(values: ArrayLike<number | boolean>, shape: readonly number[], dtype: DType): Tensor {
  const out = allocateData(dtype, values.length, false);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = castScalar(typeof v === 'boolean' ? (v ? 1 : 0) : v, dtype);
  }
  return new Tensor(out, shape, dtype);
}

function checkDataShape(shape: Shape, length: number): void {
  checkShape(shape, 'tensor', 'shape');
  if (numel(shape) !== length) {
    argError('tensor', 'shape', `a shape with ${length} elements (the data's length)`, `${formatShape(shape)} (${numel(shape)} elements)`, ShapeError);
  }
}

/**
 * A tensor from nested JS arrays, a number, a boolean or a typed array (see the file comment for
 * dtype inference). With `shape`, flat data (typed or a flat JS array) is laid out in row-major order.
 *
 * @pytorch torch.tensor
 * @example
 * ```ts
 * const a = tensor([[1, 2], [3, 4]]); // int64, [2, 2]
 * const b = tensor([0.5, 1.5]); // float32
 * const c = tensor([1, 2, 3, 4], { dtype: 'float64', shape: [2, 2] });
 * ```
 */
export function tensor(data: NestedArray | DataArray | readonly number[], options?: FromDataOptions): Tensor {
  if (isTypedArray(data)) {
    const dtype = dtypeOption('tensor', options) ?? typedArrayDType(data);
    const shape = options?.shape ?? [data.length];
    checkDataShape(shape, data.length);
    if (dtype === typedArrayDType(data) && dtype !== 'bool') {
      const copy = allocateData(dtype, data.length, false);
      (copy as Float64Array).set(data as Float64Array);
      return leaf(new Tensor(copy, shape, dtype), options, 'tensor');
    }
    return leaf(fromValues(data, shape, dtype), options, 'tensor');
  }
  if (typeof data === 'number' || typeof data === 'boolean') {
    const dtype = dtypeOption('tensor', options) ?? inferDType([data]);
    if (options?.shape && numel(options.shape) !== 1) checkDataShape(options.shape, 1);
    return leaf(fromValues([data], options?.shape ?? [], dtype), options, 'tensor');
  }
  if (!Array.isArray(data)) {
    argError('tensor', 'data', 'a number, a boolean, a nested array or a typed array', typeof data, ValueError);
  }
  const nested = data as NestedArray[];
  const values: (number | boolean)[] = [];
  let shape: readonly number[];
  if (options?.shape) {
    flattenInto(nested, [nested.length], values);
    checkDataShape(options.shape, values.length);
    shape = options.shape;
  } else {
    shape = inferShape(nested);
    flattenInto(nested, shape, values);
  }
  return leaf(fromValues(values, shape, dtypeOption('tensor', options) ?? inferDType(values)), options, 'tensor');
}

/**
 * A 0-d tensor holding `value` (float32 unless `dtype` is given).
 *
 * @pytorch torch.tensor (of a Python number)
 * @example
 * ```ts
 * const zero = scalarTensor(0); // float32, shape []
 * const n = scalarTensor(7, 'int64');
 * ```
 */
export function scalarTensor(value: number, dtype: DType = 'float32', options?: RequiresGradOptions): Tensor {
  return leaf(fromValues([value], [], dtype), options, 'scalarTensor');
}

function shapeOf(shape: Shape | number, op: string): number[] {
  const s = typeof shape === 'number' ? [shape] : [...shape];
  checkShape(s, op);
  return s;
}

function filled(shape: number[], dtype: DType, value: number): Tensor {
  const data = allocateData(dtype, numel(shape));
  const v = castScalar(value, dtype);
  if (v !== 0) data.fill(v);
  return new Tensor(data, shape, dtype);
}

/**
 * A tensor of zeros (float32 unless `dtype` says otherwise).
 *
 * @pytorch torch.zeros
 * @example
 * ```ts
 * const a = zeros([2, 3]);
 * const b = zeros(4, { dtype: 'int64' });
 * ```
 */
export function zeros(shape: Shape | number, options?: CreationOptions): Tensor {
  return leaf(filled(shapeOf(shape, 'zeros'), dtypeOption('zeros', options) ?? 'float32', 0), options, 'zeros');
}

/**
 * A tensor of ones (float32 unless `dtype` says otherwise).
 *
 * @pytorch torch.ones
 * @example
 * ```ts
 * const a = ones([2, 3]);
 * const mask = ones([4], { dtype: 'bool' });
 * ```
 */
export function ones(shape: Shape | number, options?: CreationOptions): Tensor {
  return leaf(filled(shapeOf(shape, 'ones'), dtypeOption('ones', options) ?? 'float32', 1), options, 'ones');
}

/**
 * Filled with `value`; dtype as torch.full: bool for booleans, int64 for integers, else float32.
 *
 * @pytorch torch.full
 * @example
 * ```ts
 * const sevens = full([2, 2], 7);
 * const flags = full([3], true, { dtype: 'bool' });
 * ```
 */
export function full(shape: Shape | number, value: number | boolean, options?: CreationOptions): Tensor {
  const dtype = dtypeOption('full', options) ?? (typeof value === 'boolean' ? 'bool' : Number.isInteger(value) ? 'int64' : 'float32');
  return leaf(filled(shapeOf(shape, 'full'), dtype, typeof value === 'boolean' ? (value ? 1 : 0) : value), options, 'full');
}

/**
 * Uninitialised in PyTorch; zero-filled here.
 *
 * @pytorch torch.empty
 * @example
 * ```ts
 * const buffer = empty([1024]); // contents unspecified: write before reading
 * ```
 */
export function empty(shape: Shape | number, options?: CreationOptions): Tensor {
  return leaf(filled(shapeOf(shape, 'empty'), dtypeOption('empty', options) ?? 'float32', 0), options, 'empty');
}

/** Lanes of torch's AVX2 Vectorized<T> for each dtype (32 bytes per vector). */
const VEC_LANES: Record<DType, number> = { float32: 8, float64: 4, int64: 4, int32: 8, bool: 32 };

/**
 * Fill `data` like cpu_serial_kernel_vec with a generator `scalarAt(i)`: pairs of vectors take
 * base = scalarAt(blockStart) then lane(base, j) (torch's Vectorized::arange), and the tail that
 * does not fill two vectors uses scalarAt(i).
 */
function fillVectorized(
  data: DataArray,
  dtype: DType,
  scalarAt: (i: number) => number,
  lane: (base: number, j: number) => number,
): void {
  const n = data.length;
  const lanes = VEC_LANES[dtype];
  const vecEnd = n - (n % (2 * lanes));
  let i = 0;
  for (; i < vecEnd; i += lanes) {
    const base = castScalar(scalarAt(i), dtype);
    for (let j = 0; j < lanes; j++) data[i + j] = castScalar(lane(base, j), dtype);
  }
  for (; i < n; i++) data[i] = castScalar(scalarAt(i), dtype);
}

/**
 * `arange(end)` or `arange(start, end, step?)`; int64 when all arguments are integers, else float32.
 * Length ceil((end - start) / step). Values start + i * step in double (torch's accumulate type),
 * laid out as torch's vectorized kernel computes them (bit-identical on the cases checked).
 * An integer dtype truncates the arguments first, as torch does (see `arangeIntegral`).
 *
 * @pytorch torch.arange
 * @example
 * ```ts
 * const a = arange(5); // [0, 1, 2, 3, 4]
 * const b = arange(1, 2, 0.25); // float32 [1, 1.25, 1.5, 1.75]
 * ```
 */
export function arange(startOrEnd: number, end?: number, step?: number, options?: CreationOptions): Tensor {
  const start = end === undefined ? 0 : startOrEnd;
  const stop = end === undefined ? startOrEnd : end;
  const inc = step ?? 1;
  for (const [name, v] of [['start', start], ['end', stop], ['step', inc]] as const) {
    if (!Number.isFinite(v)) argError('arange', name, 'a finite number', String(v), ValueError);
  }
  const allInt = Number.isInteger(start) && Number.isInteger(stop) && Number.isInteger(inc);
  const dtype = dtypeOption('arange', options) ?? (allInt ? 'int64' : 'float32');
  if (dtype !== 'float32' && dtype !== 'float64') return leaf(arangeIntegral(start, stop, inc, dtype), options, 'arange');
  checkArangeBounds(start, stop, inc);
  const n = Math.ceil((stop - start) / inc);
  const data = allocateData(dtype, n);
  // start + step * i in double, fused by GCC; lanes base + j * step also in double (step is double)
  fillVectorized(
    data,
    dtype,
    (i) => fma64(inc, i, start),
    (base, j) => fma64(inc, j, base),
  );
  return leaf(new Tensor(data, [n], dtype), options, 'arange');
}

function checkArangeBounds(start: number, stop: number, inc: number): void {
  if (inc === 0) argError('arange', 'step', 'a nonzero step', '0', ValueError);
  if ((inc > 0 && stop < start) || (inc < 0 && stop > start)) {
    throw new ValueError(
      `arange(): upper bound and larger bound inconsistent with step sign (start=${start}, end=${stop}, step=${inc})`,
    );
  }
}

/**
 * Integer arange as torch computes it: start, end and step are first truncated to integers; int64
 * takes its length from those, ceil-free ((end - start + step - sign(step)) / step, truncated), other
 * integer dtypes from the untruncated arguments, ceil((end - start) / step).
 */
function arangeIntegral(start: number, stop: number, inc: number, dtype: DType): Tensor {
  const xs = Math.trunc(start) + 0;
  const xe = Math.trunc(stop) + 0;
  const xstep = Math.trunc(inc) + 0;
  checkArangeBounds(xs, xe, xstep);
  const n =
    dtype === 'int64' ? Math.trunc((xe - xs + xstep - Math.sign(xstep)) / xstep) : Math.ceil((stop - start) / inc);
  const data = allocateData(dtype, n);
  for (let i = 0; i < n; i++) data[i] = castScalar(xs + xstep * i, dtype);
  return new Tensor(data, [n], dtype);
}

/**
 * `steps` points from start to end. torch's kernel: step = (end - start) / (steps - 1) in the
 * output precision (double for integer dtypes); the first half is start + step * i, the second
 * half end - step * (steps - 1 - i) (fused multiply-adds as GCC compiles them), vectorized as in
 * `fillVectorized`. Bit-identical to torch 1.13 on the cases checked.
 *
 * @pytorch torch.linspace
 * @example
 * ```ts
 * const x = linspace(0, 1, 5); // [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function linspace(start: number, end: number, steps: number, options?: CreationOptions): Tensor {
  if (!Number.isInteger(steps) || steps < 0) {
    argError('linspace', 'steps', 'a non-negative integer', String(steps), ValueError);
  }
  const dtype = dtypeOption('linspace', options) ?? 'float32';
  const data = allocateData(dtype, steps);
  if (steps === 1) data[0] = castScalar(start, dtype);
  else if (steps > 1) {
    const halfway = Math.floor(steps / 2);
    const f32 = dtype === 'float32';
    const s = f32 ? Math.fround(start) : castScalar(start, dtype);
    const e = f32 ? Math.fround(end) : castScalar(end, dtype);
    const step = f32 ? Math.fround(Math.fround(e - s) / (steps - 1)) : (e - s) / (steps - 1);
    const fma = f32 ? fma32 : fma64;
    const round = f32 ? Math.fround : (x: number) => x;
    fillVectorized(
      data,
      dtype,
      (i) => (i < halfway ? fma(step, i, s) : fma(-step, steps - i - 1, e)),
      (base, j) => round(base + round(step * j)), // lanes unfused, in the output precision
    );
  }
  return leaf(new Tensor(data, [steps], dtype), options, 'linspace');
}

/**
 * The n x m identity (m defaults to n).
 *
 * @pytorch torch.eye
 * @example
 * ```ts
 * const identity = eye(3);
 * const wide = eye(2, 4, { dtype: 'float64' });
 * ```
 */
export function eye(n: number, m?: number, options?: CreationOptions): Tensor {
  const cols = m ?? n;
  if (!Number.isInteger(n) || n < 0) argError('eye', 'n', 'a non-negative integer', String(n), ValueError);
  if (!Number.isInteger(cols) || cols < 0) argError('eye', 'm', 'a non-negative integer', String(cols), ValueError);
  const dtype = dtypeOption('eye', options) ?? 'float32';
  const data = allocateData(dtype, n * cols);
  for (let i = 0; i < Math.min(n, cols); i++) data[i * cols + i] = 1;
  return leaf(new Tensor(data, [n, cols], dtype), options, 'eye');
}

/**
 * `*Like` take the shape and, unless overridden, the dtype of `like`.
 *
 * @pytorch torch.zeros_like
 * @example
 * ```ts
 * const x = randn([2, 3]);
 * const z = zerosLike(x); // [2, 3], float32
 * ```
 */
export function zerosLike(like: Tensor, options?: CreationOptions): Tensor {
  return leaf(filled([...like.shape], dtypeOption('zerosLike', options) ?? like.dtype, 0), likeDevice(like, options), 'zerosLike');
}

/**
 * A tensor of ones with `like`'s shape, dtype and device (unless the options say otherwise).
 *
 * @pytorch torch.ones_like
 * @example
 * ```ts
 * const x = randn([2, 3]);
 * const o = onesLike(x, { dtype: 'float64' });
 * ```
 */
export function onesLike(like: Tensor, options?: CreationOptions): Tensor {
  return leaf(filled([...like.shape], dtypeOption('onesLike', options) ?? like.dtype, 1), likeDevice(like, options), 'onesLike');
}

/**
 * A tensor filled with `value`, with `like`'s shape, dtype and device.
 *
 * @pytorch torch.full_like
 * @example
 * ```ts
 * const x = randn([2, 3]);
 * const halves = fullLike(x, 0.5);
 * ```
 */
export function fullLike(like: Tensor, value: number | boolean, options?: CreationOptions): Tensor {
  return leaf(filled([...like.shape], dtypeOption('fullLike', options) ?? like.dtype, typeof value === 'boolean' ? (value ? 1 : 0) : value), likeDevice(like, options), 'fullLike');
}

/**
 * An uninitialised tensor with `like`'s shape, dtype and device.
 *
 * @pytorch torch.empty_like
 * @example
 * ```ts
 * const out = emptyLike(randn([2, 3])); // contents unspecified
 * ```
 */
export function emptyLike(like: Tensor, options?: CreationOptions): Tensor {
  return leaf(filled([...like.shape], dtypeOption('emptyLike', options) ?? like.dtype, 0), likeDevice(like, options), 'emptyLike');
}
