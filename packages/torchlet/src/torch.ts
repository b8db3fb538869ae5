// The `torch` namespace: tensors with autograd (@torchlet/autograd), creation functions with
// `{ dtype, requiresGrad }`, ops, random seeding, grad mode, dtypes, errors, safetensors, and the
// `nn`, `optim`, `autograd` and `backends` namespaces (torch.nn, torch.optim, torch.autograd, torch.backends).

// ---- the Tensor (autograd; its tensor-core tensor is `.value`) ----------------------------------
export { Tensor } from '@torchlet/autograd';
export type {
  TensorOrScalar,
  MaxMinResult,
  RemovableHandle,
  DType,
  Shape,
  ShapeArgs,
  NestedArray,
  AlphaOptions,
  VarOptions,
  RequiresGradOptions,
  AutogradCreationOptions as CreationOptions,
  AutogradFromDataOptions as FromDataOptions,
  AutogradRandomOptions as RandomOptions,
} from '@torchlet/autograd';
export type { Tensor as CoreTensor } from '@torchlet/tensor-core';

// ---- creation -----------------------------------------------------------------------------------
export {
  tensor,
  scalarTensor,
  fromCore,
  zeros,
  ones,
  full,
  empty,
  arange,
  linspace,
  eye,
  zerosLike,
  onesLike,
  fullLike,
  emptyLike,
  rand,
  randn,
  randint,
  randperm,
  randLike,
  randnLike,
} from '@torchlet/autograd';

// ---- random streams (torch.manual_seed reproduces torch's CPU stream) ----------------------------
export { manualSeed, Generator, defaultGenerator } from '@torchlet/autograd';

// ---- grad mode ----------------------------------------------------------------------------------
export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from '@torchlet/autograd';

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
  softmax,
  logSoftmax,
  to,
  clone,
  detach,
} from '@torchlet/autograd';

// ---- dtypes -------------------------------------------------------------------------------------
export { float32, float64, int64, int32, bool, float, double, long, int } from './dtypes.js';
export { DTYPES, DEFAULT_DTYPE, isDType, isFloatingDType, promoteTypes, broadcastShapes } from '@torchlet/tensor-core';

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
