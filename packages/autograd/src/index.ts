// @torchlet/autograd: reverse-mode autodiff over @torchlet/tensor-core. Every public export is named here.
export { Tensor } from './tensor.js';
export type { TensorOrScalar, MaxMinResult, RemovableHandle } from './tensor.js';
export { Node, FunctionNode, AccumulateGrad } from './node.js';
export type { TensorHook } from './node.js';
export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from './grad-mode.js';
export { backward, grad } from './engine.js';
export type { BackwardOptions, GradOptions } from './engine.js';
export { defineCustomOp } from './custom-op.js';
export type { CustomOpContext, CustomOpDefinition, CustomOpGrads, Lift, LiftArgs } from './custom-op.js';
export { gradcheck, gradgradcheck } from './gradcheck.js';
export type { CheckedFunction, GradcheckOptions } from './gradcheck.js';

export { Generator, defaultGenerator, manualSeed } from '@torchlet/tensor-core';
export type { DType, Shape, ShapeArgs, NestedArray, AlphaOptions, VarOptions } from '@torchlet/tensor-core';
export type {
  GradOptions as RequiresGradOptions,
  AutogradCreationOptions,
  AutogradFromDataOptions,
  AutogradRandomOptions,
} from './ops/creation.js';
export {
  fromCore,
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
} from './ops/creation.js';
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
} from './ops/elementwise.js';
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
} from './ops/compare.js';
export {
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
} from './ops/reduce.js';
export {
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
} from './ops/views.js';
export { cat, stack, split, chunk, unbind } from './ops/join.js';
export { matmul, mm, bmm } from './ops/linalg.js';
export { gather, scatter, scatterAdd, indexSelect, maskedFill, oneHot } from './ops/indexing.js';
export { softmax, logSoftmax } from './ops/softmax.js';
export { to, clone, detach } from './ops/convert.js';
