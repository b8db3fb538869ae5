// torchlet: PyTorch's training stack in one package. Every public export is named here.
//
// Two ways in, the same objects either way:
//   import { torch, nn, F, optim } from 'torchlet';   // import torch; import torch.nn as nn; ...
//   import * as torch from 'torchlet';                 // torch.randn, torch.nn.Linear, torch.optim.SGD
// so `torch.nn === nn`, `nn.functional === F`, `torch.optim === optim`.

// ---- the four namespaces ------------------------------------------------------------------------
/**
 * `torch`: tensors, their ops and creation, random seeding, grad mode, dtypes, and the `nn`, `optim`, `autograd` and `backends` namespaces, as PyTorch's top-level module.
 *
 * @pytorch torch
 * @example
 * ```ts
 * const x = torch.randn([4, 3]);
 * const y = torch.nn.functional.relu(x);
 * const same = torch.nn === nn; // true
 * ```
 */
export * as torch from './torch.js';
/**
 * `torch.nn`: `Module`, the layers, the loss modules, `init`, `utils` and `functional` (the same object as `F`).
 *
 * @pytorch torch.nn
 * @example
 * ```ts
 * const model = new nn.Sequential(new nn.Linear(3, 8), new nn.ReLU(), new nn.Linear(8, 3));
 * const criterion = new nn.CrossEntropyLoss();
 * const loss = criterion.forward(model.forward(randn([4, 3])), tensor([0, 2, 1, 0]));
 * ```
 */
export * as nn from './nn.js';
/**
 * `torch.nn.functional`: the layers and the losses as functions (`F.relu`, `F.conv2d`, `F.crossEntropy`, ...).
 *
 * @pytorch torch.nn.functional
 * @example
 * ```ts
 * const logits = randn([4, 3]);
 * const loss = F.crossEntropy(logits, tensor([0, 2, 1, 0]));
 * const probs = F.softmax(logits, 1);
 * ```
 */
export * as F from './functional.js';
/**
 * `torch.optim`: the optimizers, `lrScheduler` and `swaUtils`.
 *
 * @pytorch torch.optim
 * @example
 * ```ts
 * const model = new nn.Linear(3, 1);
 * const optimizer = new optim.Adam(model.parameters(), { lr: 1e-3 });
 * const scheduler = new optim.lrScheduler.StepLR(optimizer, { stepSize: 10 });
 * ```
 */
export * as optim from './optim.js';

// ---- the members of `torch`, also at the top level (for `import * as torch from 'torchlet'`) -----
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
  SaveSafetensorsOptions,
  LoadSafetensorsOptions,
  SafetensorsContents,
  SafetensorsDType,
  MemoryInfo,
} from './torch.js';
export {
  // the Tensor
  Tensor,
  // creation
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
  rand,
  randn,
  randint,
  randperm,
  randLike,
  randnLike,
  // random streams
  manualSeed,
  Generator,
  defaultGenerator,
  // grad mode
  noGrad,
  enableGrad,
  isGradEnabled,
  setGradEnabled,
  // ops
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
  // dtypes
  float32,
  float64,
  int64,
  int32,
  bool,
  float,
  double,
  long,
  int,
  DTYPES,
  DEVICES,
  isDevice,
  DEFAULT_DTYPE,
  isDType,
  isFloatingDType,
  promoteTypes,
  broadcastShapes,
  // errors
  TorchletError,
  ShapeError,
  DTypeError,
  IndexError,
  ValueError,
  // safetensors
  saveSafetensors,
  saveSafetensorsAsync,
  loadSafetensors,
  parseSafetensors,
  SafetensorsError,
  DEFAULT_MAX_HEADER_BYTES,
  // memory (opt-in)
  scope,
  keep,
  dispose,
  memoryInfo,
  // torch.autograd and torch.backends (torch.nn and torch.optim are the namespaces above)
  autograd,
  backends,
} from './torch.js';
