// Plumbing shared by the nn ops: argument checks and the contiguous views the nn kernels take.
import type { StridedView } from '../../backend/interface.js';
import { DTypeError, ShapeError, argError, formatShape } from '../../errors.js';
import { contiguousStrides, shapesEqual } from '../../shape.js';
import type { Tensor } from '../../tensor.js';
import { assertTensor, requireFloating } from '../helpers.js';
import { contiguous } from '../views.js';

/** t's elements as a contiguous view with `shape` (same element count); copies only a non-contiguous t. */
export function contiguousAs(t: Tensor, shape: readonly number[]): StridedView {
  const c = contiguous(t);
  return { dtype: c.dtype, data: c.data, storage: c.storage, shape, strides: contiguousStrides(shape), offset: c.offset };
}

/** A view with another shape, strides and offset (relative to the view's own offset) over the same storage. */
export function subView(t: StridedView, shape: readonly number[], strides: readonly number[], offset: number): StridedView {
  return { dtype: t.dtype, data: t.data, storage: t.storage, shape, strides, offset: t.offset + offset };
}

/** Throw unless `x` is a float32 / float64 tensor. */
export function expectFloat(op: string, argument: string, x: Tensor): void {
  assertTensor(op, argument, x);
  requireFloating(op, argument, x);
}

/** Throw unless `other` is a tensor of `dtype`. */
export function expectDType(op: string, argument: string, other: Tensor, dtype: string): void {
  assertTensor(op, argument, other);
  if (other.dtype !== dtype) argError(op, argument, `dtype ${dtype} (the input's)`, `dtype ${other.dtype}`, DTypeError);
}

/** Throw unless `t` has exactly `shape`. */
export function expectShape(op: string, argument: string, t: Tensor, shape: readonly number[]): void {
  if (!shapesEqual(t.shape, shape)) argError(op, argument, `shape ${formatShape(shape)}`, `shape ${formatShape(t.shape)}`, ShapeError);
}

/** Throw unless `t` has `n` dims. */
export function expectNdim(op: string, argument: string, t: Tensor, n: number, what = `a ${n}-D tensor`): void {
  if (t.ndim !== n) argError(op, argument, what, `shape ${formatShape(t.shape)}`, ShapeError);
}

/** Throw unless `t` has `n` elements (per-channel parameters and statistics). */
export function expectNumel(op: string, argument: string, t: Tensor, n: number): void {
  if (t.numel() !== n) argError(op, argument, `${n} elements (one per channel)`, `shape ${formatShape(t.shape)}`, ShapeError);
}
