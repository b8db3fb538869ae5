// The `torch` namespace: the Tensor, creation functions with `{ dtype, requiresGrad }` and ops
// (@torchlet/tensor-core, with the graph recorded by @torchlet/autograd), random seeding, grad mode,
// dtypes, errors, safetensors, and the `nn`, `optim`, `autograd` and `backends` namespaces
// (torch.nn, torch.optim, torch.autograd, torch.backends).
import { installAutograd } from '@torchlet/autograd';
import * as core from '@torchlet/tensor-core';

// ---- the Tensor ---------------------------------------------------------------------------------
export { Tensor } from '@torchlet/tensor-core';
export type {
  TensorOrScalar,
  MaxMinResult,
  BackwardOptions,
  RemovableHandle,
  GradFn,
  GradHook,
  DType,
  Shape,
  ShapeArgs,
  NestedArray,
  AlphaOptions,
  VarOptions,
  RequiresGradOptions,
  CreationOptions,
  FromDataOptions,
  RandomOptions,
  Device,
  ToOptions,
  Index,
  IndexSlice,
  AllcloseOptions,
} from '@torchlet/tensor-core';

// ---- creation -----------------------------------------------------------------------------------
/**
 * `fn` (a tensor-core creation function), with the same type, installing autograd first (idempotent),
 * so that `torch.tensor([0.5, 2], { requiresGrad: true })` or `torch.zeros(3).requiresGrad_()` works
 * as the first line of a program, as in PyTorch.
 */
function withAutograd<F extends (...args: never[]) => core.Tensor>(fn: F): F {
  const create = fn as unknown as (...args: unknown[]) => core.Tensor;
  const wrapped = (...args: unknown[]): core.Tensor => {
    installAutograd();
    return create(...args);
  };
  return wrapped as unknown as F;
}

/**
 * tensor-core's `tensor`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.tensor
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]], { dtype: 'float32', requiresGrad: true });
 * x.mul(x).sum().backward(); // x.grad = 2x
 * ```
 */
export const tensor = /* @__PURE__ */ withAutograd(core.tensor);
/**
 * tensor-core's `scalarTensor`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.tensor (of a Python number)
 * @example
 * ```ts
 * const t = scalarTensor(0.5, 'float64', { requiresGrad: true });
 * ```
 */
export const scalarTensor = /* @__PURE__ */ withAutograd(core.scalarTensor);
/**
 * tensor-core's `zeros`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.zeros
 * @example
 * ```ts
 * const w = zeros([3, 2], { requiresGrad: true }); // autograd is installed for you
 * ```
 */
export const zeros = /* @__PURE__ */ withAutograd(core.zeros);
/**
 * tensor-core's `ones`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.ones
 * @example
 * ```ts
 * const b = ones([2], { requiresGrad: true });
 * ```
 */
export const ones = /* @__PURE__ */ withAutograd(core.ones);
/**
 * tensor-core's `full`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.full
 * @example
 * ```ts
 * const t = full([2, 2], 0.1, { requiresGrad: true });
 * ```
 */
export const full = /* @__PURE__ */ withAutograd(core.full);
/**
 * tensor-core's `empty`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.empty
 * @example
 * ```ts
 * const buffer = empty([16]); // contents unspecified
 * ```
 */
export const empty = /* @__PURE__ */ withAutograd(core.empty);
/**
 * tensor-core's `arange`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.arange
 * @example
 * ```ts
 * const steps = arange(0, 1, 0.25); // [0, 0.25, 0.5, 0.75]
 * ```
 */
export const arange = /* @__PURE__ */ withAutograd(core.arange);
/**
 * tensor-core's `linspace`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.linspace
 * @example
 * ```ts
 * const x = linspace(-1, 1, 5, { requiresGrad: true });
 * ```
 */
export const linspace = /* @__PURE__ */ withAutograd(core.linspace);
/**
 * tensor-core's `eye`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.eye
 * @example
 * ```ts
 * const identity = eye(3, undefined, { requiresGrad: true });
 * ```
 */
export const eye = /* @__PURE__ */ withAutograd(core.eye);
/**
 * tensor-core's `zerosLike`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.zeros_like
 * @example
 * ```ts
 * const z = zerosLike(randn([2, 3]), { requiresGrad: true });
 * ```
 */
export const zerosLike = /* @__PURE__ */ withAutograd(core.zerosLike);
/**
 * tensor-core's `onesLike`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.ones_like
 * @example
 * ```ts
 * const o = onesLike(randn([2, 3]));
 * ```
 */
export const onesLike = /* @__PURE__ */ withAutograd(core.onesLike);
/**
 * tensor-core's `fullLike`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.full_like
 * @example
 * ```ts
 * const t = fullLike(randn([2, 3]), 0.5);
 * ```
 */
export const fullLike = /* @__PURE__ */ withAutograd(core.fullLike);
/**
 * tensor-core's `emptyLike`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.empty_like
 * @example
 * ```ts
 * const out = emptyLike(randn([2, 3])); // contents unspecified
 * ```
 */
export const emptyLike = /* @__PURE__ */ withAutograd(core.emptyLike);
/**
 * tensor-core's `rand`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.rand
 * @example
 * ```ts
 * const u = rand([2, 3], { requiresGrad: true });
 * ```
 */
export const rand = /* @__PURE__ */ withAutograd(core.rand);
/**
 * tensor-core's `randn`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.randn
 * @example
 * ```ts
 * manualSeed(0);
 * const w = randn([3, 2], { requiresGrad: true }); // torch.manual_seed(0); torch.randn(3, 2)
 * ```
 */
export const randn = /* @__PURE__ */ withAutograd(core.randn);
/**
 * tensor-core's `randint`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.randint
 * @example
 * ```ts
 * const labels = randint(0, 3, [8]); // int64 in [0, 3)
 * ```
 */
export const randint = /* @__PURE__ */ withAutograd(core.randint);
/**
 * tensor-core's `randperm`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.randperm
 * @example
 * ```ts
 * const order = randperm(10);
 * ```
 */
export const randperm = /* @__PURE__ */ withAutograd(core.randperm);
/**
 * tensor-core's `randLike`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.rand_like
 * @example
 * ```ts
 * const noise = randLike(randn([2, 3]));
 * ```
 */
export const randLike = /* @__PURE__ */ withAutograd(core.randLike);
/**
 * tensor-core's `randnLike`, installing autograd first, so that `requiresGrad: true` works on a program's first line.
 *
 * @pytorch torch.randn_like
 * @example
 * ```ts
 * const noise = randnLike(randn([2, 3]), { requiresGrad: true });
 * ```
 */
export const randnLike = /* @__PURE__ */ withAutograd(core.randnLike);

// ---- random streams (torch.manual_seed reproduces torch's CPU stream) ----------------------------
export { manualSeed, Generator, defaultGenerator } from '@torchlet/tensor-core';

// ---- grad mode ----------------------------------------------------------------------------------
export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from '@torchlet/autograd';

// ---- memory (opt-in: scopes release what they made and reuse its storage) -------------------------
export { scope, keep, dispose, memoryInfo } from '@torchlet/tensor-core';
export type { MemoryInfo } from '@torchlet/tensor-core';

// ---- ops ----------------------------------------------------------------------------------------
export {
  add,
  sub,
  mul,
  div,
  pow,
  maximum,
  minimum,
  neg,
  exp,
  log,
  log1p,
  expm1,
  sqrt,
  rsqrt,
  abs,
  sign,
  clamp,
  sigmoid,
  tanh,
  erf,
  relu,
  softplus,
  where,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  logicalAnd,
  logicalOr,
  logicalXor,
  logicalNot,
  isnan,
  isinf,
  isfinite,
  allclose,
  allcloseAsync,
  sum,
  mean,
  prod,
  max,
  min,
  argmax,
  argmin,
  variance,
  std,
  logsumexp,
  all,
  any,
  view,
  reshape,
  contiguous,
  transpose,
  t,
  permute,
  expand,
  expandAs,
  squeeze,
  unsqueeze,
  flatten,
  unflatten,
  narrow,
  select,
  slice,
  cat,
  stack,
  split,
  chunk,
  unbind,
  matmul,
  mm,
  bmm,
  gather,
  scatter,
  scatterAdd,
  indexSelect,
  maskedFill,
  oneHot,
  oneHotAsync,
  sl,
  softmax,
  logSoftmax,
  to,
  clone,
  detach,
} from '@torchlet/tensor-core';

// ---- dtypes -------------------------------------------------------------------------------------
export { float32, float64, int64, int32, bool, float, double, long, int } from './dtypes.js';
export { DTYPES, DEFAULT_DTYPE, isDType, isFloatingDType, promoteTypes, broadcastShapes } from '@torchlet/tensor-core';
export { DEVICES, isDevice } from '@torchlet/tensor-core';

// ---- errors -------------------------------------------------------------------------------------
export { TorchletError, ShapeError, DTypeError, IndexError, ValueError } from '@torchlet/tensor-core';

// ---- safetensors (state dicts to and from bytes) --------------------------------------------------
export {
  saveSafetensors,
  saveSafetensorsAsync,
  loadSafetensors,
  parseSafetensors,
  SafetensorsError,
  DEFAULT_MAX_HEADER_BYTES,
} from '@torchlet/nn-layers';
export type {
  SaveSafetensorsOptions,
  LoadSafetensorsOptions,
  SafetensorsContents,
  SafetensorsDType,
} from '@torchlet/nn-layers';

// ---- namespaces: torch.nn, torch.optim, torch.autograd, torch.backends -----------------------------
export * as nn from './nn.js';
export * as optim from './optim.js';
/**
 * `torch.autograd`: `grad`, `backward`, `gradcheck`, custom ops (`defineCustomOp`, as `torch.autograd.Function`) and the graph's nodes.
 *
 * @pytorch torch.autograd
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true });
 * const [dx] = autograd.grad(x.mul(x).sum(), [x]); // 2x
 * ```
 */
export * as autograd from './autograd.js';
/**
 * `torch.backends`: which kernels tensor-core runs (the TypeScript `cpu` reference or `wasm` SIMD) and the Backend interface.
 *
 * @pytorch torch.backends (here the kernel backends, not CUDA's or MKL's switches)
 * @example
 * ```ts
 * const name = backends.getBackend().name; // 'cpu' or 'wasm'
 * ```
 */
export * as backends from './backends.js';
