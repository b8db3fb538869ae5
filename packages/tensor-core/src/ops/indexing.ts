// gather / scatter / indexSelect / maskedFill / oneHot. Index values are validated here (one scan),
// so the kernels can trust them.
import { getBackend } from '../backend/registry.js';
import { syncReadOpError } from '../backend/devices.js';
import type { StridedView } from '../backend/interface.js';
import { RowCursor } from '../backend/cpu/strided.js';
import { DTypeError, IndexError, ShapeError, ValueError, argError, formatShape } from '../errors.js';
import { broadcastShapes, normalizeDim } from '../shape.js';
import type { Tensor, TensorOrScalar } from '../tensor.js';
import { assertNumber, assertOperand, assertTensor, broadcastView, constantView, contiguousCopy, releaseConstants, emptyTensor, storedScalar } from './helpers.js';

/** Smallest and largest value of a view (NaN-free integer data); [Infinity, -Infinity] when empty. */
function valueRange(v: StridedView): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const c = new RowCursor(v.shape, [v]);
  const d = v.data;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let i = c.offsets[0];
    for (let j = 0; j < c.n; j++, i += c.inner[0]) {
      const x = d[i];
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  return [lo, hi];
}

function checkIndexValues(op: string, index: StridedView, size: number, dim: number): void {
  // an index on a device cannot be read synchronously: the device's kernels check it and report a
  // bad one at the next read back (as CUDA's device-side asserts)
  if (index.storage != null) return;
  const [lo, hi] = valueRange(index);
  if (lo < 0 || hi >= size) {
    argError(op, 'index', `values in [0, ${size}) for dimension ${dim} with size ${size}`, `index ${lo < 0 ? lo : hi} (out of bounds)`, IndexError);
  }
}

function checkInt64Index(op: string, index: Tensor): void {
  if (index.dtype !== 'int64') argError(op, 'index', 'an int64 tensor', `dtype ${index.dtype}`, DTypeError);
}

function checkSameNdim(op: string, name: string, x: Tensor, t: Tensor): void {
  if (t.ndim !== x.ndim) {
    argError(op, name, `${x.ndim} dims like input ${formatShape(x.shape)}`, `shape ${formatShape(t.shape)}`, ShapeError);
  }
}

/** Size of `dim` for indexing purposes (a 0-d tensor behaves as one element). */
function dimSize(x: Tensor, d: number): number {
  return x.ndim === 0 ? 1 : x.shape[d];
}

/** out[i][j][k] = x[index[i][j][k]][j][k] along `dim`; index is int64 with x's ndim and no larger than x off `dim`. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  assertTensor('gather', 'input', x);
  assertNumber('gather', 'dim', dim);
  assertTensor('gather', 'index', index);
  const d = normalizeDim(dim, x.ndim, 'gather');
  checkInt64Index('gather', index);
  checkSameNdim('gather', 'index', x, index);
  for (let i = 0; i < x.ndim; i++) {
    if (i !== d && index.shape[i] > x.shape[i]) {
      argError('gather', 'index', `a size <= input's at every dim but ${d} (input ${formatShape(x.shape)})`, `shape ${formatShape(index.shape)} (larger at dim ${i})`, ShapeError);
    }
  }
  checkIndexValues('gather', index, dimSize(x, d), d);
  const out = emptyTensor(index.shape, x.dtype, true, x);
  getBackend().gather(x, d, index, out);
  return out;
}

function scatterImpl(op: string, x: Tensor, dim: number, index: Tensor, src: TensorOrScalar, accumulate: boolean): Tensor {
  assertTensor(op, 'input', x);
  assertNumber(op, 'dim', dim);
  assertTensor(op, 'index', index);
  assertOperand(op, 'src', src);
  const d = normalizeDim(dim, x.ndim, op);
  checkInt64Index(op, index);
  checkSameNdim(op, 'index', x, index);
  if (typeof src !== 'number') {
    if (src.dtype !== x.dtype) argError(op, 'src', `the dtype of input (${x.dtype})`, `dtype ${src.dtype}`, DTypeError);
    checkSameNdim(op, 'src', x, src);
  }
  for (let i = 0; i < x.ndim; i++) {
    if ((i !== d && index.shape[i] > x.shape[i]) || (typeof src !== 'number' && index.shape[i] > src.shape[i])) {
      argError(
        op,
        'index',
        `a size <= input's ${formatShape(x.shape)} at every dim but ${d}` + (typeof src === 'number' ? '' : ` and <= src's ${formatShape(src.shape)} at every dim`),
        `shape ${formatShape(index.shape)}`,
        ShapeError,
      );
    }
  }
  checkIndexValues(op, index, dimSize(x, d), d);
  const out = contiguousCopy(x);
  const source = typeof src === 'number' ? storedScalar(op, 'src', src, x.dtype) : src;
  getBackend().scatter(out, d, index, source, accumulate);
  return out;
}

/** A copy of x with src written at the index positions along dim (last write wins on repeats). */
export function scatter(x: Tensor, dim: number, index: Tensor, src: TensorOrScalar): Tensor {
  return scatterImpl('scatter', x, dim, index, src, false);
}

/** A copy of x with src added at the index positions along dim (repeats accumulate; bool adds as or). */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  assertTensor('scatterAdd', 'src', src);
  return scatterImpl('scatterAdd', x, dim, index, src, true);
}

/** The entries of x along dim at the positions of a 1-D (or 0-d) int64/int32 index. */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  assertTensor('indexSelect', 'input', x);
  assertNumber('indexSelect', 'dim', dim);
  assertTensor('indexSelect', 'index', index);
  const d = normalizeDim(dim, x.ndim, 'indexSelect');
  if (index.dtype !== 'int64' && index.dtype !== 'int32') {
    argError('indexSelect', 'index', 'an int64 or int32 tensor', `dtype ${index.dtype}`, DTypeError);
  }
  if (index.ndim > 1) argError('indexSelect', 'index', 'a 1-D tensor (a vector)', `shape ${formatShape(index.shape)}`, ShapeError);
  checkIndexValues('indexSelect', index, dimSize(x, d), d);
  const count = index.numel();
  if (x.ndim === 0 && count !== 1) {
    argError('indexSelect', 'index', 'exactly one index for a 0-d input', `${count} indices`, ShapeError);
  }
  const shape = x.ndim === 0 ? [] : x.shape.map((s, i) => (i === d ? count : s));
  const out = emptyTensor(shape, x.dtype, true, x);
  getBackend().indexSelect(x, d, index, out);
  return out;
}

function checkMask(op: string, mask: Tensor): void {
  if (mask.dtype !== 'bool') argError(op, 'mask', 'a bool tensor', `dtype ${mask.dtype}`, DTypeError);
}

/** x where mask is false, `value` (cast to x's dtype) where true; x and mask broadcast together. */
export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  assertTensor('maskedFill', 'input', x);
  assertTensor('maskedFill', 'mask', mask);
  assertNumber('maskedFill', 'value', value);
  checkMask('maskedFill', mask);
  const shape = broadcastShapes(x.shape, mask.shape, 'maskedFill');
  const out = emptyTensor(shape, x.dtype, true, x);
  const v = constantView(storedScalar('maskedFill', 'value', value, x.dtype), shape, x);
  getBackend().where(broadcastView(mask, shape), v, broadcastView(x, shape), out);
  releaseConstants(v);
  return out;
}

function checkOneHotArgs(op: string, x: Tensor, numClasses: number): void {
  assertTensor(op, 'input', x);
  assertNumber(op, 'numClasses', numClasses);
  if (x.dtype !== 'int64') argError(op, 'input', 'an int64 tensor of class indices (one_hot is only applicable to index tensor)', `dtype ${x.dtype}`, DTypeError);
  if (!Number.isInteger(numClasses) || numClasses < -1) {
    argError(op, 'numClasses', 'a non-negative integer or -1 (infer from the data)', String(numClasses), ValueError);
  }
}

/** The class count, numClasses or (-1) max + 1, after PyTorch's checks of the class values [lo, hi] of n elements. */
function checkedClasses(op: string, n: number, lo: number, hi: number, numClasses: number): number {
  let classes = numClasses;
  if (classes === -1) {
    if (n === 0) argError(op, 'numClasses', 'a class count when input is empty (Can not infer total number of classes from empty tensor)', '-1', ValueError);
    classes = hi + 1;
  }
  if (n > 0 && lo < 0) argError(op, 'input', 'non-negative class values (Class values must be non-negative.)', `class value ${lo}`, ValueError);
  if (n > 0 && hi >= classes) argError(op, 'input', `class values smaller than numClasses (${classes}) (Class values must be smaller than num_classes.)`, `class value ${hi}`, ValueError);
  return classes;
}

function oneHotKernel(x: Tensor, classes: number): Tensor {
  const out = emptyTensor([...x.shape, classes], 'int64', true, x);
  if (out.numel() > 0) getBackend().oneHot(x, classes, out);
  return out;
}

/**
 * torch.nn.functional.one_hot: int64 result of shape [...x.shape, numClasses]; numClasses -1 uses
 * max(x) + 1. Negative classes and classes >= numClasses raise, as does inferring from an empty x.
 * On a device (a GPU) numClasses must be given (inferring it reads the largest class: use
 * `await oneHotAsync(x)`); the kernel checks the class values there and a bad one is reported at
 * the next read back of the result, as CUDA's device-side asserts.
 *
 * @pytorch torch.nn.functional.one_hot
 * @example
 * ```ts
 * const y = oneHot(tensor([0, 2, 1]), 3); // int64 [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
 * ```
 */
export function oneHot(x: Tensor, numClasses = -1): Tensor {
  checkOneHotArgs('oneHot', x, numClasses);
  if (x.storage !== null) {
    // on a device, which cannot read the classes synchronously: its kernel checks them
    if (numClasses === -1) throw syncReadOpError('oneHot', x.device, 'the largest class value to infer numClasses', 'await oneHotAsync(x) (or give numClasses)');
    return oneHotKernel(x, numClasses);
  }
  const [lo, hi] = valueRange(x);
  return oneHotKernel(x, checkedClasses('oneHot', x.numel(), lo, hi, numClasses));
}

/**
 * `oneHot` for tensors on any device: reads the smallest and largest class value (asynchronously
 * on a device), infers numClasses from them when it is -1, throws PyTorch's errors for bad class
 * values, then one-hot encodes as `oneHot`. On the CPU it resolves to `oneHot(x, numClasses)`.
 *
 * @pytorch torch.nn.functional.one_hot (which synchronises with the device to read the classes)
 * @example
 * ```ts
 * const y = await oneHotAsync(tensor([0, 2, 1])); // int64 [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
 * ```
 */
export async function oneHotAsync(x: Tensor, numClasses = -1): Promise<Tensor> {
  checkOneHotArgs('oneHotAsync', x, numClasses);
  const n = x.numel();
  // on a device both reads are queued before the first await, so the device runs them in one go
  const [lo, hi] = x.storage === null ? valueRange(x)
    : n === 0 ? [Infinity, -Infinity] : await Promise.all([(x.min() as Tensor).itemAsync(), (x.max() as Tensor).itemAsync()]);
  return oneHotKernel(x, checkedClasses('oneHotAsync', n, lo, hi, numClasses));
}
