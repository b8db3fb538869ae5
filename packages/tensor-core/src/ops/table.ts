// The differentiable ops, in one table: Tensor's methods and the exported functions call whichever
// table is installed (src/dispatch.ts), so a layer such as @torchlet/autograd's recording can
// decorate every op by implementing `OpTable` (Burn's Autodiff<B> idea, at the op level). These are
// tensor-core's own implementations; ops that are never differentiable (comparisons, argmax, ...)
// are called directly and are not in the table.
import { FLOAT_UNARY_OPS, type FloatUnaryOp } from '../backend/float-unary.js';
import type { Tensor } from '../tensor.js';
import { bumpStorageVersion } from '../version.js';
import * as cv from './convert.js';
import * as ew from './elementwise.js';
import { addmmRow } from './fused.js';
import * as ix from './indexing.js';
import * as ip from './inplace.js';
import * as join from './join.js';
import * as la from './linalg.js';
import { bernoulli_, normal_, uniform_ } from './random/fill.js';
import * as red from './reduce.js';
import * as sm from './softmax.js';
import * as vs from './view-scatter.js';
import * as vw from './views.js';

/** An in-place kernel that bumps the storage's version counter (autograd checks saved tensors with it) and returns x. */
function inplace<A extends unknown[]>(fn: (x: Tensor, ...args: A) => void): (x: Tensor, ...args: A) => Tensor {
  return (x, ...args) => {
    fn(x, ...args);
    bumpStorageVersion(x);
    return x;
  };
}

/** exp, log, sigmoid, ...: one entry per name in FLOAT_UNARY_OPS. */
const floatUnaryOps = Object.fromEntries(FLOAT_UNARY_OPS.map((op) => [op, (x: Tensor) => ew.floatUnary(op, x)])) as {
  readonly [K in FloatUnaryOp]: (x: Tensor) => Tensor;
};

export const coreOps = {
  // elementwise
  ...floatUnaryOps,
  add: ew.add,
  sub: ew.sub,
  mul: ew.mul,
  div: ew.div,
  pow: ew.pow,
  maximum: ew.maximum,
  minimum: ew.minimum,
  neg: ew.neg,
  abs: ew.abs,
  sign: ew.sign,
  clamp: ew.clamp,
  relu: ew.relu,
  softplus: ew.softplus,
  where: ew.where,
  // reductions
  sum: red.sum,
  mean: red.mean,
  prod: red.prod,
  maxAll: red.maxAll,
  minAll: red.minAll,
  maxDim: red.maxDim,
  minDim: red.minDim,
  variance: red.variance,
  std: red.std,
  logsumexp: red.logsumexp,
  // views and shape
  contiguous: vw.contiguous,
  view: vw.view,
  reshape: vw.reshape,
  transpose: vw.transpose,
  t: vw.t,
  permute: vw.permute,
  expand: vw.expand,
  squeeze: vw.squeeze,
  unsqueeze: vw.unsqueeze,
  flatten: vw.flatten,
  unflatten: vw.unflatten,
  narrow: vw.narrow,
  select: vw.select,
  slice: vw.slice,
  sliceScatter: vs.sliceScatter,
  selectScatter: vs.selectScatter,
  // join and split
  cat: join.cat,
  stack: join.stack,
  split: join.split,
  chunk: join.chunk,
  unbind: join.unbind,
  // linear algebra
  matmul: la.matmul,
  mm: la.mm,
  bmm: la.bmm,
  /** bias + mat1 @ mat2 for 2-D mat1, mat2 and a 1-D bias (a linear layer's forward; one fused kernel). */
  addmm: (bias: Tensor, mat1: Tensor, mat2: Tensor): Tensor => addmmRow(mat1, mat2, bias),
  // indexing
  gather: ix.gather,
  scatter: ix.scatter,
  scatterAdd: ix.scatterAdd,
  indexSelect: ix.indexSelect,
  maskedFill: ix.maskedFill,
  // softmax
  softmax: sm.softmax,
  logSoftmax: sm.logSoftmax,
  // conversion
  to: cv.to,
  clone: cv.clone,
  // in place
  add_: inplace(ip.add_),
  sub_: inplace(ip.sub_),
  mul_: inplace(ip.mul_),
  div_: inplace(ip.div_),
  pow_: inplace(ip.pow_),
  addcmul_: inplace(ip.addcmul_),
  addcdiv_: inplace(ip.addcdiv_),
  lerp_: inplace(ip.lerp_),
  maximum_: inplace(ip.maximum_),
  neg_: inplace(ip.neg_),
  sqrt_: inplace(ip.sqrt_),
  exp_: inplace(ip.exp_),
  clamp_: inplace(ip.clamp_),
  fill_: inplace(ip.fill_),
  zero_: inplace((x: Tensor) => ip.fill_(x, 0)),
  copy_: inplace(ip.copy_),
  maskedFill_: inplace(ip.maskedFill_),
  uniform_: inplace(uniform_),
  normal_: inplace(normal_),
  bernoulli_: inplace(bernoulli_),
};

/** Every differentiable op by name, with tensor-core's signatures. */
export type OpTable = typeof coreOps;
export type OpName = keyof OpTable;
