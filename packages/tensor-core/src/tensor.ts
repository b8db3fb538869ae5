import { DTYPES, isDType, type DType, type DataArray } from './dtype.js';
import { contiguousStrides, numel, type Shape } from './shape.js';
import * as views from './ops/views.js';
import * as cmp from './ops/compare.js';
import * as red from './ops/reduce.js';
import * as conv from './ops/convert.js';
import type { Generator } from './ops/random/generator.js';
import { formatTensor } from './format.js';
import * as idx from './indexing/index.js';
import type { Index } from './indexing/parse.js';
import type { BackwardOptions, GradFn, GradHook, RemovableHandle } from './autograd.js';
import { autogradLayer, ops } from './dispatch.js';
import { makeTensor, registerTensorClass } from './construct.js';
import { TorchletError, argError } from './errors.js';
import { DEVICES, checkDevice, isDevice, type Device } from './device.js';
import { deviceBackend, deviceDataSentinel } from './backend/devices.js';
import type { DeviceStorage } from './backend/interface.js';
import { disposeTensor, trackTensor } from './memory/scope.js';
import { checkOptionKeys } from './ops/options.js';
import { describe as describeArgument, isPlainObject } from './ops/helpers.js';
import { disposedData, isReleased, isReleasedStorage, throwDisposed } from './memory/released.js';

/**
 * A tensor or a JS number (a number is a 0-d operand, as a Python scalar in PyTorch).
 *
 * @pytorch the Tensor-or-Number arguments of torch.add, torch.mul, ...
 * @example
 * ```ts
 * const other: TensorOrScalar = 2;
 * const y = tensor([1, 2]).mul(other);
 * ```
 */
export type TensorOrScalar = Tensor | number;

/**
 * A shape given as separate sizes or as one array: `x.view(2, 3)` or `x.view([2, 3])`.
 *
 * @pytorch the *size arguments of torch.Tensor.view
 * @example
 * ```ts
 * const args: ShapeArgs = [[2, 3]];
 * const y = randn(6).view(...args);
 * ```
 */
export type ShapeArgs = number[] | [Shape];

/**
 * What `Tensor.to` takes as an object: a dtype and/or a device.
 *
 * @pytorch the dtype and device arguments of torch.Tensor.to
 * @example
 * ```ts
 * const options: ToOptions = { dtype: 'float64', device: 'cpu' };
 * const y = randn([2]).to(options);
 * ```
 */
export interface ToOptions {
  dtype?: DType;
  device?: Device;
}

/**
 * Nested JS arrays as `tolist()` returns them.
 *
 * @pytorch the nested lists torch.tensor reads and torch.Tensor.tolist returns
 * @example
 * ```ts
 * const data: NestedArray = [[1, 2], [3, 4]];
 * const back = tensor(data).tolist(); // equal to data
 * ```
 */
export type NestedArray = number | boolean | NestedArray[];

/**
 * What `max` and `min` along a dim return: the values and their int64 indices.
 *
 * @pytorch the (values, indices) named tuple torch.max(x, dim) returns
 * @example
 * ```ts
 * const result: MaxMinResult = max(tensor([[1, 5], [7, 2]]), 1);
 * const { values, indices } = result; // [5, 7], [1, 0]
 * ```
 */
export interface MaxMinResult {
  values: Tensor;
  indices: Tensor;
}

/**
 * Options of `variance` and `std`: Bessel's `correction` (default 1) and `keepdim`.
 *
 * @pytorch the correction and keepdim arguments of torch.var
 * @example
 * ```ts
 * const options: VarOptions = { correction: 0, keepdim: true };
 * const v = variance(randn([4, 3]), 0, options); // [1, 3]
 * ```
 */
export interface VarOptions {
  /** Bessel's correction: divide by N - correction (default 1, PyTorch's unbiased). */
  correction?: number;
  keepdim?: boolean;
}

/**
 * Options of `add` and `sub`: `alpha`, the multiplier of the second operand.
 *
 * @pytorch the alpha argument of torch.add
 * @example
 * ```ts
 * const options: AlphaOptions = { alpha: -0.1 };
 * const stepped = add(randn([3]), randn([3]), options);
 * ```
 */
export interface AlphaOptions {
  /** Multiplier of the second operand, as in `torch.add(input, other, alpha=...)`. */
  alpha?: number;
}

/**
 * An n-dimensional array with PyTorch's semantics: a view (shape, strides, offset) over a typed
 * array that other views may share. The one tensor class of torchlet: with @torchlet/autograd
 * installed (`installAutograd()`), its ops record the graph for `backward()` (see src/dispatch.ts);
 * tensor-core itself keeps no gradient bookkeeping.
 *
 * Methods that return a view share storage with `this` (as in PyTorch): `view`, `reshape` when
 * possible, `transpose`, `permute`, `expand`, `squeeze`, `unsqueeze`, `narrow`, `select`, `slice`.
 * In-place methods end in `_` and return `this`.
 *
 * @pytorch torch.Tensor
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]], { dtype: 'float32' });
 * const y = x.matmul(x.t()).add(1).relu(); // methods as in PyTorch
 * const values = y.tolist(); // [[6, 12], [12, 26]]
 * ```
 */
export class Tensor {
  readonly dtype: DType;
  /**
   * The elements, on the CPU: a typed array (the storage type of `dtype`) that views share. On
   * another device (`storage` set) it throws on any use: read with the async readers.
   */
  readonly data: DataArray;
  /** Storage on a device other than the CPU (a GPU buffer...), or null on the CPU. */
  readonly storage: DeviceStorage | null;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  /** @internal the autograd layer's state for this tensor (null until it needs any). */
  _ag: object | null = null;

  /**
   * Wrap a typed array (or a device backend's storage). Low level: prefer `tensor()`, `zeros()` and
   * friends. The array must be the storage type of `dtype` (see dtype.ts) and large enough for the view.
   */
  constructor(data: DataArray | DeviceStorage, shape: Shape, dtype: DType, strides?: readonly number[], offset = 0) {
    if (ArrayBuffer.isView(data)) {
      this.data = data;
      this.storage = null;
    } else {
      // a view of a disposed device tensor is disposed too
      this.data = isReleasedStorage(data) ? disposedData() : deviceDataSentinel(data.device);
      this.storage = data;
    }
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.strides = Object.freeze(strides ? [...strides] : contiguousStrides(shape));
    this.offset = offset;
    trackTensor(this);
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
  /** Where the storage lives ('cpu': a typed array, read by the cpu and wasm backends alike). */
  get device(): Device {
    return this.storage?.device ?? 'cpu';
  }

  // ---- memory (opt-in; see scope()) -------------------------------------------------------------
  /**
   * Dispose of this tensor now: any later use of its data throws, and storage a `scope()` lent it
   * (or its device storage, a GPU buffer) is reused once no live view of it is left. Never needed
   * for correct results (the garbage collector frees tensors); inside scopes it frees memory before
   * the scope ends.
   */
  dispose(): void {
    disposeTensor(this);
  }
  /** Whether this tensor was disposed (by `dispose()` or the `scope()` that made it). */
  get isDisposed(): boolean {
    return isReleased(this);
  }

  // ---- autograd (delegated to the installed layer; see @torchlet/autograd) ----------------------
  /** Whether ops on this tensor are recorded for backward: a leaf set so, or a result of a recorded op. */
  get requiresGrad(): boolean {
    return autogradLayer()?.requiresGrad(this) ?? false;
  }
  set requiresGrad(flag: boolean) {
    const layer = autogradLayer();
    if (layer !== null) layer.setRequiresGrad(this, flag);
    else if (flag) throw new TorchletError(NO_AUTOGRAD);
  }
  /** Set requiresGrad in place (leaves only; floating dtypes only); returns this. */
  requiresGrad_(flag = true): this {
    this.requiresGrad = flag;
    return this;
  }
  /** The gradient accumulated by backward (leaves, or non-leaves after retainGrad()); null before. */
  get grad(): Tensor | null {
    return autogradLayer()?.grad(this) ?? null;
  }
  set grad(g: Tensor | null) {
    const layer = autogradLayer();
    if (layer !== null) layer.setGrad(this, g);
    else if (g !== null) throw new TorchletError(NO_AUTOGRAD);
  }
  /** The node that produced this tensor (PyTorch's grad_fn): null for leaves. */
  get gradFn(): GradFn | null {
    return autogradLayer()?.gradFn(this) ?? null;
  }
  /** A leaf: made by the user (or not requiring grad), so backward accumulates into its `grad`. */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }
  /** Whether this non-leaf keeps its gradient in `grad` during backward. */
  get retainsGrad(): boolean {
    return autogradLayer()?.retainsGrad(this) ?? false;
  }
  /** Keep this non-leaf's gradient in `grad` during backward (no-op on leaves). */
  retainGrad(): void {
    layerOrThrow().retainGrad(this);
  }
  /**
   * Register `hook` to run on this tensor's gradient each time it is computed; a returned tensor
   * replaces the gradient. For leaves, hooks run before accumulation into `grad`.
   */
  registerHook(hook: GradHook): RemovableHandle {
    return layerOrThrow().registerHook(this, hook);
  }
  /**
   * Backpropagate from this tensor: accumulate d(this)/d(leaf) into every leaf's `grad`.
   * `gradient` is required unless this tensor has one element. PyTorch's keyword arguments are the
   * options, given alone when there is no gradient: `loss.backward({ retainGraph: true })`.
   */
  backward(options?: BackwardOptions): void;
  backward(gradient: Tensor | null | undefined, options?: BackwardOptions): void;
  backward(gradientOrOptions?: Tensor | BackwardOptions | null, options?: BackwardOptions): void {
    let gradient: Tensor | undefined;
    if (gradientOrOptions instanceof Tensor) gradient = gradientOrOptions;
    else if (isPlainObject(gradientOrOptions) && options === undefined) options = gradientOrOptions;
    else if (gradientOrOptions !== undefined && gradientOrOptions !== null) {
      argError('backward', 'gradient', 'a Tensor, or the options alone (backward({ retainGraph: true }))', describeArgument(gradientOrOptions));
    }
    if (options !== undefined && !isPlainObject(options)) argError('backward', 'options', 'an options object ({ retainGraph?, createGraph? })', describeArgument(options));
    checkOptionKeys('backward', options, ['retainGraph', 'createGraph']);
    layerOrThrow().backward(this, gradient, options);
  }
  /** A tensor sharing storage with this one, cut from the graph (requiresGrad false). */
  detach(): Tensor {
    return makeTensor(this.storage ?? this.data, this.shape, this.dtype, this.strides, this.offset);
  }
  /** Cut this tensor from the graph in place (leaves, or tensors that do not require grad). */
  detach_(): this {
    autogradLayer()?.detach_(this);
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
  /**
   * A copy converted to `dtype` and/or moved to `device` (`t.to('float64')`, `t.to('webgpu')`,
   * `t.to({ device, dtype })`); `this` when nothing changes, like PyTorch. Moving off a device
   * other than the CPU reads it back, which is asynchronous: `await t.toAsync('cpu')`.
   */
  to(target: DType | Device | ToOptions): Tensor {
    if (typeof target === 'string') {
      if (isDevice(target)) return moveTo(this, target);
      if (!isDType(target)) {
        argError('to', 'target', `a dtype (${DTYPES.join(', ')}) or a device (${DEVICES.map((d) => `'${d}'`).join(', ')})`, `'${String(target)}'`);
      }
      return ops().to(this, target);
    }
    const device = target.device === undefined ? this.device : checkDevice('to', 'device', target.device);
    const cast = target.dtype === undefined ? this : ops().to(this, target.dtype);
    return moveTo(cast, device);
  }
  /** `to()` that can also read back from a device (GPU): `await t.toAsync('cpu')`. */
  async toAsync(target: DType | Device | ToOptions): Promise<Tensor> {
    const device = typeof target === 'string' ? (isDevice(target) ? target : undefined) : target.device;
    if (device === undefined || device === this.device || this.storage === null) return this.to(target);
    const onCpu = await readToCpu(this);
    return onCpu.to(target);
  }
  /** This tensor on the CPU (`this` when it is there; from another device use `await t.toAsync('cpu')`). */
  cpu(): Tensor {
    return moveTo(this, 'cpu');
  }
  /** The single value of a one-element tensor, read back from its device when needed. */
  async itemAsync(): Promise<number> {
    return conv.item(this.storage === null ? this : await readToCpu(this));
  }
  /** Nested JS arrays, read back from the tensor's device when needed; see `tolist()`. */
  async toArrayAsync(): Promise<NestedArray> {
    return conv.tolist(this.storage === null ? this : await readToCpu(this));
  }
  /** A fresh contiguous typed array in row-major order, read back from the tensor's device when needed. */
  async toTypedArrayAsync(): Promise<DataArray> {
    return conv.toTypedArray(this.storage === null ? this : await readToCpu(this));
  }
  float(): Tensor {
    return ops().to(this, 'float32');
  }
  double(): Tensor {
    return ops().to(this, 'float64');
  }
  long(): Tensor {
    return ops().to(this, 'int64');
  }
  int(): Tensor {
    return ops().to(this, 'int32');
  }
  bool(): Tensor {
    return ops().to(this, 'bool');
  }
  /** A contiguous copy that shares nothing with `this`. */
  clone(): Tensor {
    return ops().clone(this);
  }
  /** Prints like PyTorch's repr: `tensor([[1.0000, 2.0000]])`, with `grad_fn=<...>` or `requires_grad=True`. */
  toString(): string {
    if (isReleased(this)) return `tensor(<disposed>, size=[${this.shape.join(', ')}], dtype=${this.dtype})`;
    const s = formatTensor(this);
    const fn = this.gradFn;
    const suffix = fn !== null ? `grad_fn=<${fn.name}>` : this.requiresGrad ? 'requires_grad=True' : '';
    if (suffix === '' || !s.endsWith(')')) return s;
    return `${s.slice(0, -1)}, ${suffix})`;
  }
  /** What Node's `console.log` and `util.inspect` print: the repr, as Python's REPL shows a tensor. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  // ---- views and shape ------------------------------------------------------------------------
  contiguous(): Tensor {
    return ops().contiguous(this);
  }
  view(...shape: ShapeArgs): Tensor {
    return ops().view(this, views.shapeFromArgs(shape));
  }
  reshape(...shape: ShapeArgs): Tensor {
    return ops().reshape(this, views.shapeFromArgs(shape));
  }
  transpose(dim0: number, dim1: number): Tensor {
    return ops().transpose(this, dim0, dim1);
  }
  /** Transpose of a tensor with at most 2 dims. */
  t(): Tensor {
    return ops().t(this);
  }
  /** `.T`: all dims reversed. */
  get T(): Tensor {
    return ops().permute(this, this.shape.map((_, i) => this.shape.length - 1 - i));
  }
  permute(...dims: ShapeArgs): Tensor {
    return ops().permute(this, views.shapeFromArgs(dims));
  }
  /** Broadcast to `shape` without copying; -1 keeps a dim's size. */
  expand(...shape: ShapeArgs): Tensor {
    return ops().expand(this, views.shapeFromArgs(shape));
  }
  expandAs(other: Tensor): Tensor {
    return ops().expand(this, other.shape);
  }
  squeeze(dim?: number | readonly number[]): Tensor {
    return ops().squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return ops().unsqueeze(this, dim);
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return ops().flatten(this, startDim, endDim);
  }
  unflatten(dim: number, sizes: Shape): Tensor {
    return ops().unflatten(this, dim, sizes);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return ops().narrow(this, dim, start, length);
  }
  /** Index one position along `dim`, removing that dim (`x[:, i]` is `x.select(1, i)`). */
  select(dim: number, index: number): Tensor {
    return ops().select(this, dim, index);
  }
  /** Python's `x[start:end:step]` along `dim`; negative and out-of-range bounds clamp like Python. */
  slice(dim: number, start?: number, end?: number, step = 1): Tensor {
    return ops().slice(this, dim, start, end, step);
  }
  /**
   * PyTorch's `x[...]`: `x.index(0)` is `x[0]`, `x.index(':', sl(1, 3))` or `x.index(':', '1:3')` is
   * `x[:, 1:3]`, `x.index(null)` is `x[None]`, `x.index('...', 0)` is `x[..., 0]`, `x.index(mask)` is
   * `x[mask]`, `x.index([0, 2])` or `x.index(idxTensor)` is `x[[0, 2]]`. Integers, slices, null and
   * '...' give a view; tensor, array and mask indices a copy (PyTorch's rules for where their dims go).
   */
  index(...indices: Index[]): Tensor {
    return idx.index(this, indices);
  }
  /** Alias of `index(...)`. */
  get(...indices: Index[]): Tensor {
    return idx.index(this, indices);
  }
  /** PyTorch's `x[indices] = value` (value broadcast to the indexed shape): `x.set([mask], 0)`, `x.set([0, ':'], row)`; returns x. */
  set(indices: readonly Index[], value: Tensor | number): this {
    idx.indexPut_(this, indices, value, false);
    return this;
  }
  /** PyTorch's `index_put_`: `x[indices] = values`, or `x[indices] += values` with accumulate (repeated positions add up). */
  indexPut_(indices: readonly Index[], values: Tensor | number, accumulate = false): this {
    idx.indexPut_(this, indices, values, accumulate);
    return this;
  }
  /**
   * `index(...)` for indices on any device: a bool mask or 0-d integer/bool tensor on a device (a GPU)
   * is read back first, asynchronously (PyTorch synchronises there: a mask's count of true elements
   * decides the result's shape), then `x.index(...)` runs, so the result, view or copy, and grad_fn
   * are PyTorch's. On the CPU it resolves to `x.index(...)`.
   */
  async indexAsync(...indices: Index[]): Promise<Tensor> {
    return idx.index(this, await idx.readIndices('indexAsync', indices));
  }
  /** `set(indices, value)` for indices on any device (a device's masks and 0-d indices read first, as `indexAsync`); resolves to x. */
  async setAsync(indices: readonly Index[], value: Tensor | number): Promise<this> {
    idx.indexPut_(this, await idx.readIndices('setAsync', indices), value, false);
    return this;
  }
  /** `indexPut_(indices, values, accumulate)` for indices on any device (read first, as `indexAsync`); resolves to x. */
  async indexPutAsync_(indices: readonly Index[], values: Tensor | number, accumulate = false): Promise<this> {
    idx.indexPut_(this, await idx.readIndices('indexPutAsync_', indices), values, accumulate);
    return this;
  }
  split(splitSize: number | readonly number[], dim = 0): Tensor[] {
    return ops().split(this, splitSize, dim);
  }
  chunk(chunks: number, dim = 0): Tensor[] {
    return ops().chunk(this, chunks, dim);
  }
  unbind(dim = 0): Tensor[] {
    return ops().unbind(this, dim);
  }

  // ---- elementwise ----------------------------------------------------------------------------
  add(other: TensorOrScalar, options?: AlphaOptions): Tensor {
    return ops().add(this, other, options);
  }
  sub(other: TensorOrScalar, options?: AlphaOptions): Tensor {
    return ops().sub(this, other, options);
  }
  mul(other: TensorOrScalar): Tensor {
    return ops().mul(this, other);
  }
  /** True division (integer inputs give float32). */
  div(other: TensorOrScalar): Tensor {
    return ops().div(this, other);
  }
  pow(exponent: TensorOrScalar): Tensor {
    return ops().pow(this, exponent);
  }
  maximum(other: Tensor): Tensor {
    return ops().maximum(this, other);
  }
  minimum(other: Tensor): Tensor {
    return ops().minimum(this, other);
  }
  neg(): Tensor {
    return ops().neg(this);
  }
  exp(): Tensor {
    return ops().exp(this);
  }
  log(): Tensor {
    return ops().log(this);
  }
  log1p(): Tensor {
    return ops().log1p(this);
  }
  expm1(): Tensor {
    return ops().expm1(this);
  }
  sqrt(): Tensor {
    return ops().sqrt(this);
  }
  rsqrt(): Tensor {
    return ops().rsqrt(this);
  }
  abs(): Tensor {
    return ops().abs(this);
  }
  sign(): Tensor {
    return ops().sign(this);
  }
  clamp(min?: number, max?: number): Tensor {
    return ops().clamp(this, min, max);
  }
  sigmoid(): Tensor {
    return ops().sigmoid(this);
  }
  tanh(): Tensor {
    return ops().tanh(this);
  }
  /** The error function, 2/sqrt(pi) * integral of exp(-t^2) from 0 to x (torch.erf). */
  erf(): Tensor {
    return ops().erf(this);
  }
  relu(): Tensor {
    return ops().relu(this);
  }
  softplus(beta = 1, threshold = 20): Tensor {
    return ops().softplus(this, beta, threshold);
  }
  /** `condition ? this : other`, as `torch.where(condition, this, other)`. */
  where(condition: Tensor, other: TensorOrScalar): Tensor {
    return ops().where(condition, this, other);
  }

  // ---- comparison and logic (bool results, never differentiable) -------------------------------
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
    return ops().sum(this, dim, keepdim);
  }
  mean(dim?: number | readonly number[], keepdim = false): Tensor {
    return ops().mean(this, dim, keepdim);
  }
  prod(dim?: number, keepdim = false): Tensor {
    return ops().prod(this, dim, keepdim);
  }
  /** `max()` over all elements, or `{ values, indices }` along `dim`. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): MaxMinResult;
  max(dim?: number, keepdim = false): Tensor | MaxMinResult {
    return dim === undefined ? ops().maxAll(this) : ops().maxDim(this, dim, keepdim);
  }
  /** `min()` over all elements, or `{ values, indices }` along `dim`. */
  min(): Tensor;
  min(dim: number, keepdim?: boolean): MaxMinResult;
  min(dim?: number, keepdim = false): Tensor | MaxMinResult {
    return dim === undefined ? ops().minAll(this) : ops().minDim(this, dim, keepdim);
  }
  argmax(dim?: number, keepdim = false): Tensor {
    return red.argmax(this, dim, keepdim);
  }
  argmin(dim?: number, keepdim = false): Tensor {
    return red.argmin(this, dim, keepdim);
  }
  var(dim?: number | readonly number[], options?: VarOptions): Tensor {
    return ops().variance(this, dim, options);
  }
  std(dim?: number | readonly number[], options?: VarOptions): Tensor {
    return ops().std(this, dim, options);
  }
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    return ops().logsumexp(this, dim, keepdim);
  }
  all(dim?: number, keepdim = false): Tensor {
    return red.all(this, dim, keepdim);
  }
  any(dim?: number, keepdim = false): Tensor {
    return red.any(this, dim, keepdim);
  }

  // ---- linear algebra -------------------------------------------------------------------------
  matmul(other: Tensor): Tensor {
    return ops().matmul(this, other);
  }
  mm(other: Tensor): Tensor {
    return ops().mm(this, other);
  }
  bmm(other: Tensor): Tensor {
    return ops().bmm(this, other);
  }

  // ---- indexing -------------------------------------------------------------------------------
  gather(dim: number, index: Tensor): Tensor {
    return ops().gather(this, dim, index);
  }
  scatter(dim: number, index: Tensor, src: TensorOrScalar): Tensor {
    return ops().scatter(this, dim, index, src);
  }
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return ops().scatterAdd(this, dim, index, src);
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return ops().indexSelect(this, dim, index);
  }
  maskedFill(mask: Tensor, value: number): Tensor {
    return ops().maskedFill(this, mask, value);
  }

  // ---- softmax --------------------------------------------------------------------------------
  /** softmax along `dim`; with `dtype` the input is cast to that floating dtype first (PyTorch's `dtype=`). */
  softmax(dim: number, dtype?: DType | null): Tensor {
    return ops().softmax(this, dim, dtype);
  }
  /** log-softmax along `dim`; `dtype` as softmax's. */
  logSoftmax(dim: number, dtype?: DType | null): Tensor {
    return ops().logSoftmax(this, dim, dtype);
  }

  // ---- in-place (return this) -----------------------------------------------------------------
  // With autograd, outside noGrad a leaf that requires grad (or a view of one) throws, as in PyTorch;
  // on other tensors the op is recorded and the tensor's history moves to the new node.
  add_(other: TensorOrScalar, options?: AlphaOptions): this {
    ops().add_(this, other, options);
    return this;
  }
  sub_(other: TensorOrScalar, options?: AlphaOptions): this {
    ops().sub_(this, other, options);
    return this;
  }
  mul_(other: TensorOrScalar): this {
    ops().mul_(this, other);
    return this;
  }
  div_(other: TensorOrScalar): this {
    ops().div_(this, other);
    return this;
  }
  pow_(exponent: TensorOrScalar): this {
    ops().pow_(this, exponent);
    return this;
  }
  /** this += value * t1 * t2 */
  addcmul_(t1: Tensor, t2: Tensor, value = 1): this {
    ops().addcmul_(this, t1, t2, value);
    return this;
  }
  /** this += value * t1 / t2 */
  addcdiv_(t1: Tensor, t2: Tensor, value = 1): this {
    ops().addcdiv_(this, t1, t2, value);
    return this;
  }
  /** this += weight * (end - this) */
  lerp_(end: Tensor, weight: TensorOrScalar): this {
    ops().lerp_(this, end, weight);
    return this;
  }
  maximum_(other: Tensor): this {
    ops().maximum_(this, other);
    return this;
  }
  neg_(): this {
    ops().neg_(this);
    return this;
  }
  sqrt_(): this {
    ops().sqrt_(this);
    return this;
  }
  exp_(): this {
    ops().exp_(this);
    return this;
  }
  clamp_(min?: number, max?: number): this {
    ops().clamp_(this, min, max);
    return this;
  }
  zero_(): this {
    ops().zero_(this);
    return this;
  }
  fill_(value: number): this {
    ops().fill_(this, value);
    return this;
  }
  /** Copy `src` (broadcast to this shape, converted to this dtype) into this tensor. */
  copy_(src: Tensor): this {
    ops().copy_(this, src);
    return this;
  }
  maskedFill_(mask: Tensor, value: number): this {
    ops().maskedFill_(this, mask, value);
    return this;
  }
  /** Fill with U(from, to) draws from `generator` (the default one unless given). */
  uniform_(from = 0, to = 1, generator?: Generator): this {
    ops().uniform_(this, from, to, generator);
    return this;
  }
  /** Fill with N(mean, std^2) draws. */
  normal_(mean = 0, std = 1, generator?: Generator): this {
    ops().normal_(this, mean, std, generator);
    return this;
  }
  /** Fill with Bernoulli(p) draws (1 with probability p). */
  bernoulli_(p = 0.5, generator?: Generator): this {
    ops().bernoulli_(this, p, generator);
    return this;
  }
}

/**
 * `t` on `device`: itself when already there; to a device from the CPU, an upload (not recorded by
 * autograd: a tensor that requires grad is refused, as its backward would need a synchronous read
 * back); off a device, the sync-read error naming toAsync.
 */
function moveTo(t: Tensor, device: Device): Tensor {
  if (device === t.device) return t;
  if (t.storage !== null) {
    // reading back is asynchronous: the sentinel's error names the async ways
    void t.data.length;
  }
  if (device === 'cpu') return t;
  if (t.requiresGrad) {
    throw new TorchletError(
      `to(): moving a tensor that requires grad to '${device}' is not recorded for backward here (its gradient would have to be read back synchronously): move the leaves themselves (module.to('${device}'), or x.detach().to('${device}').requiresGrad_())`,
    );
  }
  const contiguous = t.isContiguous() ? t : t.contiguous();
  const n = contiguous.numel();
  const data = contiguous.data.subarray(contiguous.offset, contiguous.offset + n) as DataArray;
  return new Tensor(deviceBackend(device).upload(data, t.dtype), t.shape, t.dtype);
}

/** A CPU tensor with `t`'s elements, read back from its device (same shape, strides and offset). */
async function readToCpu(t: Tensor): Promise<Tensor> {
  if (isReleased(t)) throwDisposed();
  const storage = t.storage;
  if (storage === null) return t;
  const data = await deviceBackend(storage.device).read(storage);
  return new Tensor(data, t.shape, t.dtype, t.strides, t.offset);
}

registerTensorClass(Tensor);

const NO_AUTOGRAD =
  "gradients need @torchlet/autograd: call installAutograd() from '@torchlet/autograd' once before making " +
  "tensors require grad (a torchlet module, loss module or optimizer, or a tensor made with the 'torchlet' package's " +
  'creation functions, does it for you)';

function layerOrThrow(): NonNullable<ReturnType<typeof autogradLayer>> {
  const layer = autogradLayer();
  if (layer === null) throw new TorchletError(NO_AUTOGRAD);
  return layer;
}
