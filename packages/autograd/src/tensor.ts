// The autograd Tensor: a tensor-core tensor plus the graph bookkeeping (requiresGrad, grad, gradFn).
// Every core method is mirrored here, taking and returning autograd tensors.
import * as core from '@torchlet/tensor-core';
import { DTypeError, TorchletError } from '@torchlet/tensor-core';
import { formatShape, shapesEqual } from '@torchlet/tensor-core/internal';
import { AccumulateGrad, type Node, type TensorHook } from './node.js';
import { backward as runBackward, type BackwardOptions } from './engine.js';
import * as ew from './ops/elementwise.js';
import * as cmp from './ops/compare.js';
import * as red from './ops/reduce.js';
import * as vw from './ops/views.js';
import * as join from './ops/join.js';
import * as la from './ops/linalg.js';
import * as ix from './ops/indexing.js';
import * as sm from './ops/softmax.js';
import * as conv from './ops/convert.js';
import * as ip from './ops/inplace.js';
import { refreshView, type ViewInfo } from './view-tracking.js';

/** A JS number operand is broadcast like a 0-d tensor (PyTorch's weak scalar promotion). */
export type TensorOrScalar = Tensor | number;

/** `max(dim)` / `min(dim)`: values (differentiable) and int64 indices. */
export interface MaxMinResult {
  values: Tensor;
  indices: Tensor;
}

/** What `registerHook` returns. */
export interface RemovableHandle {
  remove(): void;
}

export class Tensor {
  /** The wrapped tensor-core tensor (shares storage; in-place methods mutate it). */
  readonly value: core.Tensor;
  /** @internal the node that produced this tensor (null for leaves); read it through `_gradFn`. */
  _fn: Node | null;
  /** @internal set on a view of another tensor's storage (see view-tracking.ts). */
  _view: ViewInfo | null = null;
  /** @internal requires_grad of a leaf. */
  _requiresGrad: boolean;
  /** @internal accumulated gradient (leaves, and non-leaves that retainGrad). */
  _grad: Tensor | null = null;
  /** @internal the AccumulateGrad node of a leaf, created on first use. */
  _acc: AccumulateGrad | null = null;
  /** @internal the hook retainGrad() put on this non-leaf's gradFn (it follows the history: `_setHistory`). */
  _retainHook: TensorHook | null = null;

  /** Low level: prefer `fromCore`, `tensor()` and the ops. */
  constructor(value: core.Tensor, gradFn: Node | null = null, requiresGrad = false) {
    this.value = value;
    this._fn = gradFn;
    this._requiresGrad = false;
    if (requiresGrad) this.requiresGrad = true;
  }

  // ---- autograd state -------------------------------------------------------------------------
  /** @internal the node that produced this tensor; a view's is regenerated after an in-place write to its storage. */
  get _gradFn(): Node | null {
    if (this._view !== null) refreshView(this, this._view);
    return this._fn;
  }
  set _gradFn(fn: Node | null) {
    this._setHistory(fn);
  }
  /**
   * @internal replace this tensor's history (an in-place op, a view regenerated after a write to its
   * storage): a retainGrad hook moves to the new node, as in PyTorch.
   */
  _setHistory(fn: Node | null): void {
    const hook = this._retainHook;
    const hooks = this._fn?.hooks;
    if (hook !== null && hooks) {
      const i = hooks.indexOf(hook);
      if (i >= 0) hooks.splice(i, 1);
    }
    this._fn = fn;
    if (hook !== null && fn !== null) (fn.hooks ??= []).push(hook);
  }
  /** The node that produced this tensor: null for leaves (tensors made by the user). */
  get gradFn(): Node | null {
    return this._gradFn;
  }
  /** A leaf: made by the user (or not requiring grad), so backward accumulates into its `grad`. */
  get isLeaf(): boolean {
    return this._gradFn === null;
  }
  get requiresGrad(): boolean {
    return this._requiresGrad || this._gradFn !== null;
  }
  set requiresGrad(flag: boolean) {
    if (this._gradFn !== null) {
      throw new TorchletError(
        'requiresGrad: you can only change requiresGrad flags of leaf variables. If you want to use a ' +
          'computed variable in a subgraph that does not require differentiation use detach().',
      );
    }
    if (flag && !core.isFloatingDType(this.value.dtype)) {
      throw new DTypeError(
        `requiresGrad: only tensors of floating point dtype can require gradients, got dtype ${this.value.dtype}`,
      );
    }
    this._requiresGrad = flag;
  }
  /** Set requiresGrad in place (leaves only); returns this. */
  requiresGrad_(flag = true): this {
    this.requiresGrad = flag;
    return this;
  }
  /** The gradient accumulated by backward (leaves, or non-leaves after retainGrad()); null before. */
  get grad(): Tensor | null {
    return this._grad;
  }
  set grad(g: Tensor | null) {
    if (g !== null) {
      if (!shapesEqual(g.value.shape, this.value.shape)) {
        throw new TorchletError(
          `grad: assigned grad has data of a different size: expected shape ${formatShape(this.value.shape)}, got ${formatShape(g.value.shape)}`,
        );
      }
      if (g.value.dtype !== this.value.dtype) {
        throw new DTypeError(`grad: assigned grad has dtype ${g.value.dtype}, expected ${this.value.dtype}`);
      }
    }
    this._grad = g;
  }
  /** Whether this non-leaf keeps its gradient in `grad` during backward. */
  get retainsGrad(): boolean {
    return this._retainHook !== null;
  }
  /** Keep this non-leaf's gradient in `grad` during backward (no-op on leaves). */
  retainGrad(): void {
    const fn = this._gradFn;
    if (fn === null) {
      if (!this._requiresGrad) {
        throw new TorchletError("retainGrad: can't retain_grad on Tensor that has requires_grad=False");
      }
      return;
    }
    if (this._retainHook !== null) return;
    // Accumulates like PyTorch's retain_grad hook: clone first, then add out of place.
    const hook: TensorHook = (g) => {
      this._grad = this._grad === null ? g.detach().clone() : this._grad.detach().add(g.detach());
    };
    this._retainHook = hook;
    (fn.hooks ??= []).push(hook);
  }
  /**
   * Register `fn` to run on this tensor's gradient each time it is computed; a returned tensor
   * replaces the gradient. For leaves, hooks run before accumulation into `grad`.
   */
  registerHook(fn: (grad: Tensor) => Tensor | void): RemovableHandle {
    if (!this.requiresGrad) {
      throw new TorchletError("registerHook: cannot register a hook on a tensor that doesn't require gradient");
    }
    const node = this._gradFn ?? this._accumulateNode();
    const hooks = (node.hooks ??= []);
    const hook: TensorHook = (g) => fn(g);
    hooks.push(hook);
    return {
      remove: () => {
        const i = hooks.indexOf(hook);
        if (i >= 0) hooks.splice(i, 1);
      },
    };
  }
  /** @internal the AccumulateGrad node of this leaf. */
  _accumulateNode(): AccumulateGrad {
    return (this._acc ??= new AccumulateGrad(this));
  }
  /**
   * Backpropagate from this tensor: accumulate d(this)/d(leaf) into every leaf's `grad`.
   * `gradient` is required unless this tensor has one element.
   */
  backward(gradient?: Tensor, options?: BackwardOptions): void {
    runBackward([this], gradient === undefined ? undefined : [gradient], options);
  }
  /** A tensor sharing storage with this one, cut from the graph (requiresGrad false). */
  detach(): Tensor {
    return new Tensor(this.value);
  }
  /** Cut this tensor from the graph in place (leaves, or tensors that do not require grad). */
  detach_(): this {
    if (this._gradFn !== null) {
      throw new TorchletError('detach_: cannot detach a non-leaf tensor in place here; use detach()');
    }
    this._requiresGrad = false;
    return this;
  }

  // ---- metadata -------------------------------------------------------------------------------
  get shape(): readonly number[] {
    return this.value.shape;
  }
  get dtype(): core.DType {
    return this.value.dtype;
  }
  get ndim(): number {
    return this.value.shape.length;
  }
  dim(): number {
    return this.value.shape.length;
  }
  numel(): number {
    return this.value.numel();
  }
  size(): readonly number[];
  size(dim: number): number;
  size(dim?: number): number | readonly number[] {
    return dim === undefined ? this.value.shape : this.value.size(dim);
  }
  isContiguous(): boolean {
    return this.value.isContiguous();
  }
  isFloatingPoint(): boolean {
    return this.value.isFloatingPoint();
  }

  // ---- conversion -----------------------------------------------------------------------------
  item(): number {
    return this.value.item();
  }
  tolist(): core.NestedArray {
    return this.value.tolist();
  }
  toArray(): core.NestedArray {
    return this.value.toArray();
  }
  toTypedArray(): core.DataArray {
    return this.value.toTypedArray();
  }
  /** PyTorch's repr, with `requires_grad=True` or `grad_fn=<...>` like PyTorch. */
  toString(): string {
    const s = this.value.toString();
    const suffix =
      this._gradFn !== null ? `grad_fn=<${this._gradFn.name}>` : this._requiresGrad ? 'requires_grad=True' : '';
    if (suffix === '' || !s.endsWith(')')) return s;
    return `${s.slice(0, -1)}, ${suffix})`;
  }
  to(dtype: core.DType): Tensor {
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
  clone(): Tensor {
    return conv.clone(this);
  }

  // ---- views and shape ------------------------------------------------------------------------
  contiguous(): Tensor {
    return vw.contiguous(this);
  }
  view(...shape: core.ShapeArgs): Tensor {
    return vw.view(this, ...shape);
  }
  reshape(...shape: core.ShapeArgs): Tensor {
    return vw.reshape(this, ...shape);
  }
  transpose(dim0: number, dim1: number): Tensor {
    return vw.transpose(this, dim0, dim1);
  }
  t(): Tensor {
    return vw.t(this);
  }
  get T(): Tensor {
    return vw.T(this);
  }
  permute(...dims: core.ShapeArgs): Tensor {
    return vw.permute(this, ...dims);
  }
  expand(...shape: core.ShapeArgs): Tensor {
    return vw.expand(this, ...shape);
  }
  expandAs(other: Tensor): Tensor {
    return vw.expand(this, other.value.shape);
  }
  squeeze(dim?: number | readonly number[]): Tensor {
    return vw.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return vw.unsqueeze(this, dim);
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return vw.flatten(this, startDim, endDim);
  }
  unflatten(dim: number, sizes: core.Shape): Tensor {
    return vw.unflatten(this, dim, sizes);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return vw.narrow(this, dim, start, length);
  }
  select(dim: number, index: number): Tensor {
    return vw.select(this, dim, index);
  }
  slice(dim: number, start?: number, end?: number, step = 1): Tensor {
    return vw.slice(this, dim, start, end, step);
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
  add(other: TensorOrScalar, options?: core.AlphaOptions): Tensor {
    return ew.add(this, other, options);
  }
  sub(other: TensorOrScalar, options?: core.AlphaOptions): Tensor {
    return ew.sub(this, other, options);
  }
  mul(other: TensorOrScalar): Tensor {
    return ew.mul(this, other);
  }
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

  // ---- comparison and logic (bool results, never require grad) ---------------------------------
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
  max(): Tensor;
  max(dim: number, keepdim?: boolean): MaxMinResult;
  max(dim?: number, keepdim = false): Tensor | MaxMinResult {
    return dim === undefined ? red.max(this) : red.max(this, dim, keepdim);
  }
  min(): Tensor;
  min(dim: number, keepdim?: boolean): MaxMinResult;
  min(dim?: number, keepdim = false): Tensor | MaxMinResult {
    return dim === undefined ? red.min(this) : red.min(this, dim, keepdim);
  }
  argmax(dim?: number, keepdim = false): Tensor {
    return red.argmax(this, dim, keepdim);
  }
  argmin(dim?: number, keepdim = false): Tensor {
    return red.argmin(this, dim, keepdim);
  }
  var(dim?: number | readonly number[], options?: core.VarOptions): Tensor {
    return red.variance(this, dim, options);
  }
  std(dim?: number | readonly number[], options?: core.VarOptions): Tensor {
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
    return la.matmul(this, other);
  }
  mm(other: Tensor): Tensor {
    return la.mm(this, other);
  }
  bmm(other: Tensor): Tensor {
    return la.bmm(this, other);
  }

  // ---- indexing -------------------------------------------------------------------------------
  gather(dim: number, index: Tensor): Tensor {
    return ix.gather(this, dim, index);
  }
  scatter(dim: number, index: Tensor, src: TensorOrScalar): Tensor {
    return ix.scatter(this, dim, index, src);
  }
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return ix.scatterAdd(this, dim, index, src);
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return ix.indexSelect(this, dim, index);
  }
  maskedFill(mask: Tensor, value: number): Tensor {
    return ix.maskedFill(this, mask, value);
  }

  // ---- softmax --------------------------------------------------------------------------------
  softmax(dim: number): Tensor {
    return sm.softmax(this, dim);
  }
  logSoftmax(dim: number): Tensor {
    return sm.logSoftmax(this, dim);
  }

  // ---- in-place (return this) ------------------------------------------------------------------
  // Outside noGrad, a leaf that requires grad (or a view of a tensor that requires grad) throws, as
  // in PyTorch; on other tensors the op is recorded and the tensor's history moves to the new node.
  add_(other: TensorOrScalar, options?: core.AlphaOptions): this {
    ip.add_(this, other, options);
    return this;
  }
  sub_(other: TensorOrScalar, options?: core.AlphaOptions): this {
    ip.sub_(this, other, options);
    return this;
  }
  mul_(other: TensorOrScalar): this {
    ip.mul_(this, other);
    return this;
  }
  div_(other: TensorOrScalar): this {
    ip.div_(this, other);
    return this;
  }
  pow_(exponent: TensorOrScalar): this {
    ip.pow_(this, exponent);
    return this;
  }
  /** this += value * t1 * t2 */
  addcmul_(t1: Tensor, t2: Tensor, value = 1): this {
    ip.addcmul_(this, t1, t2, value);
    return this;
  }
  /** this += value * t1 / t2 */
  addcdiv_(t1: Tensor, t2: Tensor, value = 1): this {
    ip.addcdiv_(this, t1, t2, value);
    return this;
  }
  /** this += weight * (end - this) */
  lerp_(end: Tensor, weight: TensorOrScalar): this {
    ip.lerp_(this, end, weight);
    return this;
  }
  maximum_(other: Tensor): this {
    ip.maximum_(this, other);
    return this;
  }
  neg_(): this {
    ip.neg_(this);
    return this;
  }
  sqrt_(): this {
    ip.sqrt_(this);
    return this;
  }
  exp_(): this {
    ip.exp_(this);
    return this;
  }
  clamp_(min?: number, max?: number): this {
    ip.clamp_(this, min, max);
    return this;
  }
  zero_(): this {
    ip.zero_(this);
    return this;
  }
  fill_(value: number): this {
    ip.fill_(this, value);
    return this;
  }
  /** Copy `src` (broadcast, converted to this dtype) into this tensor. */
  copy_(src: Tensor): this {
    ip.copy_(this, src);
    return this;
  }
  maskedFill_(mask: Tensor, value: number): this {
    ip.maskedFill_(this, mask, value);
    return this;
  }
  uniform_(from = 0, to = 1, generator?: core.Generator): this {
    ip.uniform_(this, from, to, generator);
    return this;
  }
  normal_(mean = 0, std = 1, generator?: core.Generator): this {
    ip.normal_(this, mean, std, generator);
    return this;
  }
  bernoulli_(p = 0.5, generator?: core.Generator): this {
    ip.bernoulli_(this, p, generator);
    return this;
  }
}
