import type { DType, DataArray } from './dtype.js';
import type { StridedView } from './backend/backend.js';
import { contiguousStrides, numel, type Shape } from './shape.js';
import * as views from './ops/views.js';
import * as join from './ops/join.js';
import * as ew from './ops/elementwise.js';
import * as cmp from './ops/compare.js';
import * as red from './ops/reduce.js';
import * as linalg from './ops/linalg.js';
import * as idx from './ops/indexing.js';
import * as sm from './ops/softmax.js';
import * as inplace from './ops/inplace.js';
import { bumpStorageVersion } from './version.js';
import * as conv from './ops/convert.js';
import * as random from './ops/random.js';
import { formatTensor } from './format.js';

/** A JS number operand is broadcast like a 0-d tensor with PyTorch's "weak scalar" promotion. */
export type TensorOrScalar = Tensor | number;

/** Shape arguments accept PyTorch's two spellings: `view(2, 3)` and `view([2, 3])`. */
export type ShapeArgs = number[] | [Shape];

/** Nested JS arrays as `tolist()` returns them. */
export type NestedArray = number | boolean | NestedArray[];

export interface MaxMinResult {
  values: Tensor;
  indices: Tensor;
}

export interface VarOptions {
  /** Bessel's correction: divide by N - correction (default 1, PyTorch's unbiased). */
  correction?: number;
  keepdim?: boolean;
}

export interface AlphaOptions {
  /** Multiplier of the second operand, as in `torch.add(input, other, alpha=...)`. */
  alpha?: number;
}

/**
 * An n-dimensional array with PyTorch's semantics: a view (shape, strides, offset) over a typed
 * array that other views may share. tensor-core keeps no gradient bookkeeping; @torchlet/autograd
 * wraps these tensors to record the graph.
 *
 * Methods that return a view share storage with `this` (as in PyTorch): `view`, `reshape` when
 * possible, `transpose`, `permute`, `expand`, `squeeze`, `unsqueeze`, `narrow`, `select`, `slice`.
 * In-place methods end in `_` and return `this`.
 */
export class Tensor {
  readonly dtype: DType;
  readonly data: DataArray;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;

  /**
   * Wrap a typed array. Low level: prefer `tensor()`, `zeros()` and friends. The array must be the
   * storage type of `dtype` (see dtype.ts) and large enough for the view.
   */
  constructor(data: DataArray, shape: Shape, dtype: DType, strides?: readonly number[], offset = 0) {
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.strides = Object.freeze(strides ? [...strides] : contiguousStrides(shape));
    this.offset = offset;
  }

  // ---- metadata -------------------------------------------------------------------------------
  get ndim(): number {
    return this.shape.length;
  }
  dim(): number {
    return this.shape.length;
  }
  numel(): number {
    return numel(this.shape);
  }
  /** `size()` is the shape; `size(d)` one extent (negative d counts from the end). */
  size(): readonly number[];
  size(dim: number): number;
  size(dim?: number): number | readonly number[] {
    return dim === undefined ? this.shape : views.sizeAt(this, dim);
  }
  isContiguous(): boolean {
    return views.isContiguous(this);
  }
  isFloatingPoint(): boolean {
    return this.dtype === 'float32' || this.dtype === 'float64';
  }
  /** The strided view the backend kernels take. */
  asView(): StridedView {
    return this;
  }

  // ---- conversion -----------------------------------------------------------------------------
  /** The single value of a one-element tensor. */
  item(): number {
    return conv.item(this);
  }
  /** Nested JS arrays (booleans for `bool`); a number for a 0-d tensor. */
  tolist(): NestedArray {
    return conv.tolist(this);
  }
  /** Alias of `tolist()`. */
  toArray(): NestedArray {
    return conv.tolist(this);
  }
  /** A fresh contiguous typed array with the elements in row-major order. */
  toTypedArray(): DataArray {
    return conv.toTypedArray(this);
  }
  /** A copy converted to `dtype` (returns `this` when the dtype already matches, like PyTorch). */
  to(dtype: DType): Tensor {
    return conv.to(this, dtype);
  }
  float(): Tensor {
    return conv.to(this, 'float32');
  }
  double(): Tensor {
    return conv.to(this, 'float64');
  }
  long(): Tensor {
    return conv.to(this, 'int64');
  }
  int(): Tensor {
    return conv.to(this, 'int32');
  }
  bool(): Tensor {
    return conv.to(this, 'bool');
  }
  /** A contiguous copy that shares nothing with `this`. */
  clone(): Tensor {
    return conv.clone(this);
  }
  /** Prints like PyTorch's repr: `tensor([[1.0000, 2.0000]])`. */
  toString(): string {
    return formatTensor(this);
  }

  // ---- views and shape ------------------------------------------------------------------------
  contiguous(): Tensor {
    return views.contiguous(this);
  }
  view(...shape: ShapeArgs): Tensor {
    return views.view(this, views.shapeFromArgs(shape));
  }
  reshape(...shape: ShapeArgs): Tensor {
    return views.reshape(this, views.shapeFromArgs(shape));
  }
  transpose(dim0: number, dim1: number): Tensor {
    return views.transpose(this, dim0, dim1);
  }
  /** Transpose of a tensor with at most 2 dims. */
  t(): Tensor {
    return views.t(this);
  }
  /** `.T`: all dims reversed. */
  get T(): Tensor {
    return views.permute(this, this.shape.map((_, i) => this.shape.length - 1 - i));
  }
  permute(...dims: ShapeArgs): Tensor {
    return views.permute(this, views.shapeFromArgs(dims));
  }
  /** Broadcast to `shape` without copying; -1 keeps a dim's size. */
  expand(...shape: ShapeArgs): Tensor {
    return views.expand(this, views.shapeFromArgs(shape));
  }
  expandAs(other: Tensor): Tensor {
    return views.expand(this, other.shape);
  }
  squeeze(dim?: number | readonly number[]): Tensor {
    return views.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return views.unsqueeze(this, dim);
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return views.flatten(this, startDim, endDim);
  }
  unflatten(dim: number, sizes: Shape): Tensor {
    return views.unflatten(this, dim, sizes);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return views.narrow(this, dim, start, length);
  }
  /** Index one position along `dim`, removing that dim (`x[:, i]` is `x.select(1, i)`). */
  select(dim: number, index: number): Tensor {
    return views.select(this, dim, index);
  }
  /** Python's `x[start:end:step]` along `dim`; negative and out-of-range bounds clamp like Python. */
  slice(dim: number, start?: number, end?: number, step = 1): Tensor {
    return views.slice(this, dim, start, end, step);
  }
  split(splitSize: number | readonly number[], dim = 0): Tensor[] {
    return join.split(this, splitSize, dim);
  }
  chunk(chunks: number, dim = 0): Tensor[] {
    return join.chunk(this, chunks, dim);
  }
  unbind(dim = 0): Tensor[] {
    return join.unbind(this, dim);
  }

  // ---- elementwise ----------------------------------------------------------------------------
  add(other: TensorOrScalar, options?: AlphaOptions): Tensor {
    return ew.add(this, other, options);
  }
  sub(other: TensorOrScalar, options?: AlphaOptions): Tensor {
    return ew.sub(this, other, options);
  }
  mul(other: TensorOrScalar): Tensor {
    return ew.mul(this, other);
  }
  /** True division (integer inputs give float32). */
  div(other: TensorOrScalar): Tensor {
    return ew.div(this, other);
  }
  pow(exponent: TensorOrScalar): Tensor {
    return ew.pow(this, exponent);
  }
  maximum(other: Tensor): Tensor {
    return ew.maximum(this, other);
  }
  minimum(other: Tensor): Tensor {
    return ew.minimum(this, other);
  }
  neg(): Tensor {
    return ew.neg(this);
  }
  exp(): Tensor {
    return ew.exp(this);
  }
  log(): Tensor {
    return ew.log(this);
  }
  log1p(): Tensor {
    return ew.log1p(this);
  }
  expm1(): Tensor {
    return ew.expm1(this);
  }
  sqrt(): Tensor {
    return ew.sqrt(this);
  }
  rsqrt(): Tensor {
    return ew.rsqrt(this);
  }
  abs(): Tensor {
    return ew.abs(this);
  }
  sign(): Tensor {
    return ew.sign(this);
  }
  clamp(min?: number, max?: number): Tensor {
    return ew.clamp(this, min, max);
  }
  sigmoid(): Tensor {
    return ew.sigmoid(this);
  }
  tanh(): Tensor {
    return ew.tanh(this);
  }
  relu(): Tensor {
    return ew.relu(this);
  }
  softplus(beta = 1, threshold = 20): Tensor {
    return ew.softplus(this, beta, threshold);
  }
  /** `condition ? this : other`, as `torch.where(condition, this, other)`. */
  where(condition: Tensor, other: TensorOrScalar): Tensor {
    return ew.where(condition, this, other);
  }

  // ---- comparison and logic (bool results) ----------------------------------------------------
  eq(other: TensorOrScalar): Tensor {
    return cmp.eq(this, other);
  }
  ne(other: TensorOrScalar): Tensor {
    return cmp.ne(this, other);
  }
  lt(other: TensorOrScalar): Tensor {
    return cmp.lt(this, other);
  }
  le(other: TensorOrScalar): Tensor {
    return cmp.le(this, other);
  }
  gt(other: TensorOrScalar): Tensor {
    return cmp.gt(this, other);
  }
  ge(other: TensorOrScalar): Tensor {
    return cmp.ge(this, other);
  }
  logicalAnd(other: Tensor): Tensor {
    return cmp.logicalAnd(this, other);
  }
  logicalOr(other: Tensor): Tensor {
    return cmp.logicalOr(this, other);
  }
  logicalXor(other: Tensor): Tensor {
    return cmp.logicalXor(this, other);
  }
  logicalNot(): Tensor {
    return cmp.logicalNot(this);
  }
  isnan(): Tensor {
    return cmp.isnan(this);
  }
  isinf(): Tensor {
    return cmp.isinf(this);
  }
  isfinite(): Tensor {
    return cmp.isfinite(this);
  }

  // ---- reductions -----------------------------------------------------------------------------
  sum(dim?: number | readonly number[], keepdim = false): Tensor {
    return red.sum(this, dim, keepdim);
  }
  mean(dim?: number | readonly number[], keepdim = false): Tensor {
    return red.mean(this, dim, keepdim);
  }
  prod(dim?: number, keepdim = false): Tensor {
    return red.prod(this, dim, keepdim);
  }
  /** `max()` over all elements, or `{ values, indices }` along `dim`. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): MaxMinResult;
  max(dim?: number, keepdim = false): Tensor | MaxMinResult {
    return dim === undefined ? red.maxAll(this) : red.maxDim(this, dim, keepdim);
  }
  /** `min()` over all elements, or `{ values, indices }` along `dim`. */
  min(): Tensor;
  min(dim: number, keepdim?: boolean): MaxMinResult;
  min(dim?: number, keepdim = false): Tensor | MaxMinResult {
    return dim === undefined ? red.minAll(this) : red.minDim(this, dim, keepdim);
  }
  argmax(dim?: number, keepdim = false): Tensor {
    return red.argmax(this, dim, keepdim);
  }
  argmin(dim?: number, keepdim = false): Tensor {
    return red.argmin(this, dim, keepdim);
  }
  var(dim?: number | readonly number[], options?: VarOptions): Tensor {
    return red.variance(this, dim, options);
  }
  std(dim?: number | readonly number[], options?: VarOptions): Tensor {
    return red.std(this, dim, options);
  }
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    return red.logsumexp(this, dim, keepdim);
  }
  all(dim?: number, keepdim = false): Tensor {
    return red.all(this, dim, keepdim);
  }
  any(dim?: number, keepdim = false): Tensor {
    return red.any(this, dim, keepdim);
  }

  // ---- linear algebra -------------------------------------------------------------------------
  matmul(other: Tensor): Tensor {
    return linalg.matmul(this, other);
  }
  mm(other: Tensor): Tensor {
    return linalg.mm(this, other);
  }
  bmm(other: Tensor): Tensor {
    return linalg.bmm(this, other);
  }

  // ---- indexing -------------------------------------------------------------------------------
  gather(dim: number, index: Tensor): Tensor {
    return idx.gather(this, dim, index);
  }
  scatter(dim: number, index: Tensor, src: TensorOrScalar): Tensor {
    return idx.scatter(this, dim, index, src);
  }
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return idx.scatterAdd(this, dim, index, src);
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return idx.indexSelect(this, dim, index);
  }
  maskedFill(mask: Tensor, value: number): Tensor {
    return idx.maskedFill(this, mask, value);
  }

  // ---- softmax --------------------------------------------------------------------------------
  softmax(dim: number): Tensor {
    return sm.softmax(this, dim);
  }
  logSoftmax(dim: number): Tensor {
    return sm.logSoftmax(this, dim);
  }

  // ---- in-place (return this) -----------------------------------------------------------------
  add_(other: TensorOrScalar, options?: AlphaOptions): this {
    inplace.add_(this, other, options);
    bumpStorageVersion(this);
    return this;
  }
  sub_(other: TensorOrScalar, options?: AlphaOptions): this {
    inplace.sub_(this, other, options);
    bumpStorageVersion(this);
    return this;
  }
  mul_(other: TensorOrScalar): this {
    inplace.mul_(this, other);
    bumpStorageVersion(this);
    return this;
  }
  div_(other: TensorOrScalar): this {
    inplace.div_(this, other);
    bumpStorageVersion(this);
    return this;
  }
  pow_(exponent: TensorOrScalar): this {
    inplace.pow_(this, exponent);
    bumpStorageVersion(this);
    return this;
  }
  /** this += value * t1 * t2 */
  addcmul_(t1: Tensor, t2: Tensor, value = 1): this {
    inplace.addcmul_(this, t1, t2, value);
    bumpStorageVersion(this);
    return this;
  }
  /** this += value * t1 / t2 */
  addcdiv_(t1: Tensor, t2: Tensor, value = 1): this {
    inplace.addcdiv_(this, t1, t2, value);
    bumpStorageVersion(this);
    return this;
  }
  /** this += weight * (end - this) */
  lerp_(end: Tensor, weight: TensorOrScalar): this {
    inplace.lerp_(this, end, weight);
    bumpStorageVersion(this);
    return this;
  }
  maximum_(other: Tensor): this {
    inplace.maximum_(this, other);
    bumpStorageVersion(this);
    return this;
  }
  neg_(): this {
    inplace.neg_(this);
    bumpStorageVersion(this);
    return this;
  }
  sqrt_(): this {
    inplace.sqrt_(this);
    bumpStorageVersion(this);
    return this;
  }
  exp_(): this {
    inplace.exp_(this);
    bumpStorageVersion(this);
    return this;
  }
  clamp_(min?: number, max?: number): this {
    inplace.clamp_(this, min, max);
    bumpStorageVersion(this);
    return this;
  }
  zero_(): this {
    inplace.fill_(this, 0);
    bumpStorageVersion(this);
    return this;
  }
  fill_(value: number): this {
    inplace.fill_(this, value);
    bumpStorageVersion(this);
    return this;
  }
  /** Copy `src` (broadcast to this shape, converted to this dtype) into this tensor. */
  copy_(src: Tensor): this {
    inplace.copy_(this, src);
    bumpStorageVersion(this);
    return this;
  }
  maskedFill_(mask: Tensor, value: number): this {
    inplace.maskedFill_(this, mask, value);
    bumpStorageVersion(this);
    return this;
  }
  /** Fill with U(from, to) draws from `generator` (the default one unless given). */
  uniform_(from = 0, to = 1, generator?: random.Generator): this {
    random.uniform_(this, from, to, generator);
    bumpStorageVersion(this);
    return this;
  }
  /** Fill with N(mean, std^2) draws. */
  normal_(mean = 0, std = 1, generator?: random.Generator): this {
    random.normal_(this, mean, std, generator);
    bumpStorageVersion(this);
    return this;
  }
  /** Fill with Bernoulli(p) draws (1 with probability p). */
  bernoulli_(p = 0.5, generator?: random.Generator): this {
    random.bernoulli_(this, p, generator);
    bumpStorageVersion(this);
    return this;
  }
}
