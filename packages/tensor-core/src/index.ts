// @torchlet/tensor-core: n-dimensional tensors with PyTorch's semantics. Every public export is named here.
export { Tensor } from './tensor.js';
export type { TensorOrScalar, ShapeArgs, NestedArray, MaxMinResult, VarOptions, AlphaOptions, ToOptions } from './tensor.js';
export type { DType, DataArray, DataArrayByDType } from './dtype.js';
export { DEVICES, isDevice } from './device.js';
export type { Device } from './device.js';
export { DTYPES, DEFAULT_DTYPE, isDType, isFloatingDType, promoteTypes } from './dtype.js';
export type { Shape } from './shape.js';
export { broadcastShapes } from './shape.js';
export { TorchletError, ShapeError, DTypeError, IndexError, ValueError } from './errors.js';

export type { CreationOptions, FromDataOptions } from './ops/creation.js';
export {
  tensor,
  scalarTensor,
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
} from './ops/creation.js';
export type { RandomOptions } from './ops/random.js';
export {
  Generator,
  defaultGenerator,
  manualSeed,
  rand,
  randn,
  randint,
  randperm,
  randLike,
  randnLike,
} from './ops/random.js';
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
  sum,
  mean,
  prod,
  max,
  min,
  variance,
  std,
  logsumexp,
  contiguous,
  view,
  reshape,
  permute,
  expand,
  expandAs,
  transpose,
  t,
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
  softmax,
  logSoftmax,
  to,
  clone,
  detach,
} from './functions.js';
export {
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
} from './ops/compare.js';
export type { AllcloseOptions } from './ops/compare.js';
export { argmax, argmin, all, any } from './ops/reduce.js';
export { oneHot, oneHotAsync } from './ops/indexing.js';
export { sl } from './indexing/parse.js';
export type { Index, IndexSlice } from './indexing/parse.js';
export type { GradFn, GradHook, BackwardOptions, RemovableHandle } from './autograd.js';
export type { RequiresGradOptions } from './ops/options.js';

export { scope, keep, dispose, memoryInfo } from './memory/scope.js';
export type { MemoryInfo } from './memory/scope.js';
export { registerDevice } from './backend/devices.js';
export type { Backend, DeviceBackend, DeviceStorage, StorageAllocator, StridedView, UnaryKernelOp, BinaryKernelOp, ReduceKernelOp, TernaryKernelOp } from './backend/interface.js';
export { getBackend, setBackend, useBackend, availableBackends, initWasmBackend } from './backend/registry.js';
export type { CrossEntropyRowsResult, CrossEntropyKernelOptions, CtcKernelArgs, CtcKernels, LossKernels } from './backend/kernels/loss.js';
export type {
  NnKernels,
  Im2colGeometry,
  MaxPool2dGeometry,
  AvgPool2dGeometry,
  GeluKernelApproximate,
  BatchNormGradViews,
} from './backend/kernels/nn.js';
export type { OptimKernels, SgdKernelOptions, AdamKernelOptions } from './backend/kernels/optim.js';
export type { BackendName, WasmBackendOptions } from './backend/registry.js';
export { wasmFeatures, wasmMemoryInfo } from './backend/wasm/runtime.js';
export type { WasmMemoryInfo } from './backend/wasm/runtime.js';
export type { WasmFeatures } from './backend/wasm/runtime.js';
export { cpuBackend } from './backend/cpu/index.js';
