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

export const tensor = /* @__PURE__ */ withAutograd(core.tensor);
export const scalarTensor = /* @__PURE__ */ withAutograd(core.scalarTensor);
export const zeros = /* @__PURE__ */ withAutograd(core.zeros);
export const ones = /* @__PURE__ */ withAutograd(core.ones);
export const full = /* @__PURE__ */ withAutograd(core.full);
export const empty = /* @__PURE__ */ withAutograd(core.empty);
export const arange = /* @__PURE__ */ withAutograd(core.arange);
export const linspace = /* @__PURE__ */ withAutograd(core.linspace);
export const eye = /* @__PURE__ */ withAutograd(core.eye);
export const zerosLike = /* @__PURE__ */ withAutograd(core.zerosLike);
export const onesLike = /* @__PURE__ */ withAutograd(core.onesLike);
export const fullLike = /* @__PURE__ */ withAutograd(core.fullLike);
export const emptyLike = /* @__PURE__ */ withAutograd(core.emptyLike);
export const rand = /* @__PURE__ */ withAutograd(core.rand);
export const randn = /* @__PURE__ */ withAutograd(core.randn);
export const randint = /* @__PURE__ */ withAutograd(core.randint);
export const randperm = /* @__PURE__ */ withAutograd(core.randperm);
export const randLike = /* @__PURE__ */ withAutograd(core.randLike);
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
export * as autograd from './autograd.js';
export * as backends from './backends.js';
