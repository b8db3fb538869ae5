// The kernel interface, types only: what a backend implements. Choosing and installing one is
// registry.ts's job; the implementations are cpu/ (the reference) and wasm/.
import type { DType, DataArray } from '../dtype.js';
import type { Device } from '../device.js';
import type { FloatUnaryOp } from './float-unary.js';
import type { CrossEntropyKernelOptions, LossKernels } from './kernels/loss.js';
import type { NnKernels } from './kernels/nn.js';
import type { OptimKernels } from './kernels/optim.js';

/**
 * What a kernel reads or writes: a strided window over a typed array.
 * Kernels never allocate their outputs; the op layer (src/ops) checks arguments, computes the
 * output shape and dtype, allocates, then calls the backend.
 *
 * @pytorch none: a tensor as an ATen kernel sees it (data pointer, sizes, strides, storage offset)
 * @example
 * ```ts
 * const view: StridedView = { dtype: 'float32', data: new Float32Array(6), shape: [2, 3], strides: [3, 1], offset: 0 };
 * const transposed: StridedView = { ...view, shape: [3, 2], strides: [1, 3] };
 * ```
 */
export interface StridedView {
  readonly dtype: DType;
  /** The elements on the CPU; on another device, an object that throws on any use (see `storage`). */
  readonly data: DataArray;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  /** Storage on a device other than the CPU (null or absent: `data` is the storage). */
  readonly storage?: DeviceStorage | null;
}

/**
 * Storage a device backend owns (a GPU buffer...): what tensors on that device hold.
 *
 * @pytorch torch.UntypedStorage of a non-CPU device
 * @example
 * ```ts
 * function describe(storage: DeviceStorage): string {
 *   return `${storage.length} ${storage.dtype} on ${storage.device}`;
 * }
 * ```
 */
export interface DeviceStorage {
  readonly device: Exclude<Device, 'cpu'>;
  readonly dtype: DType;
  /** Elements. */
  readonly length: number;
}

/**
 * The backend of a device other than the CPU: every kernel of `Backend`, reading and writing the
 * views' `storage`, plus moving storage to and from the CPU. Registered with `registerDevice`.
 *
 * @pytorch none: the kernels and storage of an out-of-tree PyTorch device (PrivateUse1)
 * @example
 * ```ts
 * function install(device: DeviceBackend): void {
 *   registerDevice(device); // tensors can now move to device.device
 * }
 * ```
 */
export interface DeviceBackend extends Backend {
  readonly device: Exclude<Device, 'cpu'>;
  /**
   * Whether the device stores float64 (default true). Where it does not (WebGPU), the op layer keeps
   * the intermediates it would hold in doubles (batch-norm statistics, conv bias sums) in the input's dtype.
   */
  readonly float64?: boolean;
  /** Storage for `length` elements of `dtype`, zero-filled unless `zeroed` is false (the caller writes every element). */
  allocate(dtype: DType, length: number, zeroed?: boolean): DeviceStorage;
  /** A copy of `data` (the storage type of `dtype`) on the device. */
  upload(data: DataArray, dtype: DType): DeviceStorage;
  /** The storage's elements on the CPU, once the device has computed them. */
  read(storage: DeviceStorage): Promise<DataArray>;
  /**
   * Take back `storage` now: tensor-core calls it once, when the last live tensor viewing it is
   * disposed (`dispose()`, `t.dispose()`, the `scope()` that made it, zeroGrad() of a kept grad).
   * The backend may reuse the memory for commands recorded afterwards; commands recorded before
   * must still see the old contents (on a GPU: a later write of the reused memory must not overtake
   * a pending read). No tensor uses `storage` again. Optional: without it, and for tensors never
   * disposed, the storage goes when the garbage collector takes it.
   */
  release?(storage: DeviceStorage): void;
  /**
   * Cross entropy forward on the device: `crossEntropyForward`'s contract, except that the 'mean'
   * denominator D is written into `denominator` (one element of x's dtype at its offset) instead of
   * being returned, as a GPU cannot return a value synchronously. Optional: without it, cross entropy
   * of tensors on this device is refused with a clear error.
   */
  crossEntropyForwardDevice?(
    x: StridedView,
    target: StridedView,
    options: CrossEntropyKernelOptions,
    out: StridedView,
    denominator: StridedView,
  ): void;
  /** `crossEntropyBackward` with the denominator read from the device (what crossEntropyForwardDevice wrote). */
  crossEntropyBackwardDevice?(
    x: StridedView,
    target: StridedView,
    options: CrossEntropyKernelOptions,
    denominator: StridedView,
    upstream: StridedView,
    gradInput: StridedView | null,
    gradTarget: StridedView | null,
  ): void;
}

/**
 * Memory a backend lends to tensors made inside `scope()`: storage it reuses once they are disposed,
 * and that its kernels may read and write in place (the wasm backend's is inside its instance).
 *
 * @pytorch none: like a c10::Allocator (where a backend's tensor memory comes from)
 * @example
 * ```ts
 * const allocator: StorageAllocator | undefined = getBackend().storage;
 * ```
 */
export interface StorageAllocator {
  /**
   * `length` elements of `dtype` in this backend's memory (zero-filled unless `zeroed` is false), as a
   * typed array the other kernels can read like any; null when it has none (the caller allocates).
   */
  allocate(dtype: DType, length: number, zeroed: boolean): DataArray | null;
  /** Take back an array `allocate` returned; nothing reads it afterwards. */
  free(array: DataArray): void;
}

/**
 * Elementwise kernel ops: the float-valued ones (backend/float-unary.ts) and these.
 *
 * @pytorch none: torchlet's kernel interface (PyTorch's closest is an ATen kernel registered for a dispatch key)
 * @example
 * ```ts
 * const op: UnaryKernelOp = 'neg';
 * const kernel = getBackend().unary; // kernel(op, x, out)
 * ```
 */
export type UnaryKernelOp =
  | FloatUnaryOp
  | 'neg'
  | 'abs'
  | 'sign'
  | 'relu'
  | 'logicalNot'
  | 'isnan'
  | 'isinf'
  | 'isfinite'
  /** a plain copy with conversion to the output dtype */
  | 'copy';

/**
 * The elementwise two-operand ops of `Backend.binary` ('add', 'sub', 'mul', ...).
 *
 * @pytorch none: torchlet's kernel interface (PyTorch's closest is an ATen kernel registered for a dispatch key)
 * @example
 * ```ts
 * const op: BinaryKernelOp = 'add';
 * const kernel = getBackend().binary; // kernel(op, a, b, out, alpha)
 * ```
 */
export type BinaryKernelOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'logicalAnd'
  | 'logicalOr'
  | 'logicalXor';

/**
 * The reductions of the `Backend` reduce kernel: 'sum', 'prod', 'max', 'min', 'all', 'any', 'logsumexp'.
 *
 * @pytorch none: torchlet's kernel interface (PyTorch's closest is an ATen kernel registered for a dispatch key)
 * @example
 * ```ts
 * const op: ReduceKernelOp = 'logsumexp';
 * ```
 */
export type ReduceKernelOp = 'sum' | 'prod' | 'max' | 'min' | 'all' | 'any' | 'logsumexp';

/**
 * Fused three-operand updates (the optimizers' inner loops), computed with one rounding:
 * - addcmul: out = x + value * a * b
 * - addcdiv: out = x + value * a / b
 * - lerp:    out = x + b * (a - x), with b the weight (PyTorch's two-branch formula, see the kernel)
 *
 * @pytorch the fused ops behind torch.addcmul, torch.addcdiv and torch.lerp
 * @example
 * ```ts
 * const op: TernaryKernelOp = 'addcmul';
 * const kernel = getBackend().ternary; // kernel(op, x, a, b, value, out)
 * ```
 */
export type TernaryKernelOp = 'addcmul' | 'addcdiv' | 'lerp';

/**
 * The kernel interface. A backend is a full set of kernels; `setBackend` accepts a partial one and
 * keeps the current kernels for the rest, so a faster backend can replace kernels one by one.
 *
 * Conventions for every kernel:
 * - inputs are already broadcast to the output's shape (stride 0 on broadcast dims);
 * - `out` is contiguous and freshly allocated unless the kernel's doc says otherwise
 *   (in-place ops pass the destination view as `out`, which may be strided);
 * - compute happens in JS doubles and is rounded once when stored, unless stated;
 * - integer inputs arrive already validated (index ranges, dtypes): kernels do not throw on bad input.
 *
 * @pytorch none: torchlet's kernel interface (PyTorch's closest is an ATen kernel registered for a dispatch key)
 * @example
 * ```ts
 * const backend: Backend = getBackend();
 * const traced = new Set<string>();
 * setBackend({ name: 'traced', unary: (op, x, out) => { traced.add(op); backend.unary(op, x, out); } });
 * ```
 */
export interface Backend extends NnKernels, LossKernels, OptimKernels {
  readonly name: string;
  /** Storage for tensors made inside `scope()`; without it, scopes pool typed arrays. */
  readonly storage?: StorageAllocator;
  /**
   * out = op(x), elementwise, out.dtype decides the stored type. 'copy' converts like a C cast
   * (float -> int truncates; NaN / inf / out of range give the most negative integer, as x86).
   */
  unary(op: UnaryKernelOp, x: StridedView, out: StridedView): void;
  /**
   * out = op(a, b), elementwise; a and b share out's shape (broadcast views).
   * `alpha` (default 1) scales b for add and sub: out = a + alpha * b.
   */
  binary(op: BinaryKernelOp, a: StridedView, b: StridedView, out: StridedView, alpha?: number): void;
  /**
   * out = op(x, scalar) with a JS number operand (right-hand side unless `scalarFirst`); the scalar
   * is already converted to the computation dtype. `alpha` as in `binary` (scales the right operand).
   */
  binaryScalar(
    op: BinaryKernelOp,
    x: StridedView,
    scalar: number,
    out: StridedView,
    scalarFirst: boolean,
    alpha?: number,
  ): void;
  /** out = op(x, a, b, value) elementwise (see TernaryKernelOp); x, a, b broadcast to out's shape. */
  ternary(op: TernaryKernelOp, x: StridedView, a: StridedView, b: StridedView, value: number, out: StridedView): void;
  /** Write `value` (already converted to out's dtype) to every element of the view `out`. */
  fill(out: StridedView, value: number): void;
  /** out = clamp(x, min, max); either bound may be undefined. */
  clamp(x: StridedView, min: number | undefined, max: number | undefined, out: StridedView): void;
  /** out = softplus(x) = log(1 + exp(beta x)) / beta, linear above `threshold` (PyTorch's rule). */
  softplus(x: StridedView, beta: number, threshold: number, out: StridedView): void;
  /** out = cond ? a : b; all three broadcast to out's shape. */
  where(cond: StridedView, a: StridedView, b: StridedView, out: StridedView): void;
  /**
   * Reduce `x` over `dims` (sorted, distinct). `out` has x's shape with the reduced dims set to 1
   * (a keepdim view) and the result dtype (int64 sums of ints, bool for all/any...); `indices`
   * (int64, same layout), for max/min over a single dim, receives the index of the first extreme
   * (the first NaN, if any). Empty reductions give the identity (sum 0, prod 1, all true, any false,
   * logsumexp -inf); the op layer rejects empty max/min. Accumulation is in doubles.
   */
  reduce(op: ReduceKernelOp, x: StridedView, dims: readonly number[], out: StridedView, indices?: StridedView): void;
  /** Variance over `dims`: sum((x - mean)^2) / max(0, N - correction) (out laid out as in `reduce`). */
  variance(x: StridedView, dims: readonly number[], correction: number, out: StridedView): void;
  /** argmax / argmin along one dim (out laid out as in `reduce`); first occurrence wins, NaN wins. */
  argReduce(op: 'argmax' | 'argmin', x: StridedView, dim: number, out: StridedView): void;
  /**
   * Batched matrix product: a is [...batch, m, k], b is [...batch, k, n] with the same batch shape
   * (broadcast batch dims have stride 0), out is contiguous [...batch, m, n] of the same dtype and
   * may hold anything before the call: every element is written.
   */
  matmul(a: StridedView, b: StridedView, out: StridedView): void;
  /** softmax or log-softmax along `dim`, numerically stable (max subtracted first); out has x's shape. */
  softmax(x: StridedView, dim: number, log: boolean, out: StridedView): void;
  /** out[..., i, ...] = x[..., index[..., i, ...], ...] along `dim` (index has out's shape, values in range). */
  gather(x: StridedView, dim: number, index: StridedView, out: StridedView): void;
  /**
   * out (already a copy of the destination) gets src written (or added, when `accumulate`; or-ed
   * for bool) at index positions along `dim`; `src` is a view at least index's size (or a scalar
   * already converted to out's dtype); the index shape is walked, later positions win on repeats.
   */
  scatter(out: StridedView, dim: number, index: StridedView, src: StridedView | number, accumulate: boolean): void;
  /** out = x with entries along `dim` picked by the 1-D `index` (values in range). */
  indexSelect(x: StridedView, dim: number, index: StridedView, out: StridedView): void;
  /**
   * one_hot: out (contiguous int64 [...x.shape, numClasses]) gets 1 at [..., x[...]] and 0 elsewhere;
   * x is int64 with values in [0, numClasses) (the op layer checks them on the CPU; a device's kernel
   * checks them itself and reports a bad one at the next read back).
   */
  oneHot(x: StridedView, numClasses: number, out: StridedView): void;
  /** out = x <= threshold ? 0 : grad (relu's backward; a NaN in x passes grad); grad, x and out of one shape. */
  thresholdBackward(grad: StridedView, x: StridedView, threshold: number, out: StridedView): void;
  /**
   * out = a @ b + row for 2-D a [m, k], b [k, n], `row` a bias broadcast to [m, n] (stride 0 over
   * rows), the product rounded before the add (the same bits as matmul then add).
   */
  matmulAddRow(a: StridedView, b: StridedView, row: StridedView, out: StridedView): void;
}
