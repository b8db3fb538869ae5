// Elementwise, comparison, reduction, linear algebra, indexing and softmax ops of the replay
// registry (see ops.ts).
import { add, allclose, allcloseAsync, div, mul, oneHot, oneHotAsync, pow, sub, where } from '@torchlet/tensor-core';
import type { AlphaOptions, Tensor, VarOptions } from '@torchlet/tensor-core';
import type { Kwargs } from './case.js';
import type { AsyncOpFn, OpFn } from './ops.js';
import type { Operand } from './operands.js';
import { t, tOrNum } from './operands.js';
import { bool, dims, num, optNum } from './kwargs.js';

function alpha(kw: Kwargs): AlphaOptions | undefined {
  return kw.alpha === undefined ? undefined : { alpha: num(kw, 'alpha') };
}

/** A binary op: the method when the first operand is a tensor, the free function otherwise. */
function binary(name: 'add' | 'sub' | 'mul' | 'div' | 'pow'): OpFn {
  const fn = { add, sub, mul, div, pow }[name];
  return (a: Operand[], kw: Kwargs) => {
    const x = tOrNum(a, 0);
    const y = tOrNum(a, 1);
    if (typeof x === 'number') {
      return name === 'add' || name === 'sub' ? fn(x, y, alpha(kw)) : fn(x, y);
    }
    return name === 'add' || name === 'sub' ? x[name](y, alpha(kw)) : x[name](y);
  };
}

type Unary = 'neg' | 'exp' | 'log' | 'log1p' | 'expm1' | 'sqrt' | 'rsqrt' | 'abs' | 'sign' | 'sigmoid' | 'tanh' | 'erf'
  | 'relu' | 'logicalNot' | 'isnan' | 'isinf' | 'isfinite';
const UNARY: Unary[] = ['neg', 'exp', 'log', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'abs', 'sign', 'sigmoid', 'tanh', 'erf',
  'relu', 'logicalNot', 'isnan', 'isinf', 'isfinite'];

type Compare = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
const COMPARE: Compare[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];

function varOptions(kw: Kwargs): VarOptions {
  const o: VarOptions = { keepdim: bool(kw, 'keepdim') };
  if (kw.correction !== undefined) o.correction = num(kw, 'correction');
  return o;
}

const closeness = (kw: Kwargs) => ({ rtol: optNum(kw, 'rtol'), atol: optNum(kw, 'atol'), equalNan: bool(kw, 'equal_nan') });

const one = (kw: Kwargs): number | undefined => optNum(kw, 'dim');
const keep = (kw: Kwargs): boolean => bool(kw, 'keepdim');

export const MATH_OPS: Record<string, OpFn> = {
  add: binary('add'),
  sub: binary('sub'),
  mul: binary('mul'),
  div: binary('div'),
  pow: binary('pow'),
  maximum: (a) => t(a, 0).maximum(t(a, 1)),
  minimum: (a) => t(a, 0).minimum(t(a, 1)),
  ...Object.fromEntries(UNARY.map((op): [string, OpFn] => [op, (a) => (t(a, 0)[op] as () => Tensor)()])),
  clamp: (a, kw) => t(a, 0).clamp(optNum(kw, 'min'), optNum(kw, 'max')),
  softplus: (a, kw) => t(a, 0).softplus(optNum(kw, 'beta'), optNum(kw, 'threshold')),
  where: (a) => {
    const x = tOrNum(a, 1);
    return typeof x === 'number' ? where(t(a, 0), x, tOrNum(a, 2)) : x.where(t(a, 0), tOrNum(a, 2));
  },
  ...Object.fromEntries(COMPARE.map((op): [string, OpFn] => [op, (a) => t(a, 0)[op](tOrNum(a, 1))])),
  logicalAnd: (a) => t(a, 0).logicalAnd(t(a, 1)),
  logicalOr: (a) => t(a, 0).logicalOr(t(a, 1)),
  logicalXor: (a) => t(a, 0).logicalXor(t(a, 1)),
  allclose: (a, kw) => allclose(t(a, 0), t(a, 1), closeness(kw)),
  sum: (a, kw) => t(a, 0).sum(dims(kw), keep(kw)),
  mean: (a, kw) => t(a, 0).mean(dims(kw), keep(kw)),
  prod: (a, kw) => t(a, 0).prod(one(kw), keep(kw)),
  max: (a, kw) => (kw.dim === undefined ? t(a, 0).max() : t(a, 0).max(num(kw, 'dim'), keep(kw))),
  min: (a, kw) => (kw.dim === undefined ? t(a, 0).min() : t(a, 0).min(num(kw, 'dim'), keep(kw))),
  argmax: (a, kw) => t(a, 0).argmax(one(kw), keep(kw)),
  argmin: (a, kw) => t(a, 0).argmin(one(kw), keep(kw)),
  var: (a, kw) => t(a, 0).var(dims(kw), varOptions(kw)),
  std: (a, kw) => t(a, 0).std(dims(kw), varOptions(kw)),
  logsumexp: (a, kw) => t(a, 0).logsumexp(dims(kw) ?? [], keep(kw)),
  all: (a, kw) => t(a, 0).all(one(kw), keep(kw)),
  any: (a, kw) => t(a, 0).any(one(kw), keep(kw)),
  matmul: (a) => t(a, 0).matmul(t(a, 1)),
  mm: (a) => t(a, 0).mm(t(a, 1)),
  bmm: (a) => t(a, 0).bmm(t(a, 1)),
  gather: (a, kw) => t(a, 0).gather(num(kw, 'dim'), t(a, 1)),
  scatter: (a, kw) => t(a, 0).scatter(num(kw, 'dim'), t(a, 1), tOrNum(a, 2)),
  scatterAdd: (a, kw) => t(a, 0).scatterAdd(num(kw, 'dim'), t(a, 1), t(a, 2)),
  indexSelect: (a, kw) => t(a, 0).indexSelect(num(kw, 'dim'), t(a, 1)),
  maskedFill: (a, kw) => t(a, 0).maskedFill(t(a, 1), num(kw, 'value')),
  oneHot: (a, kw) => oneHot(t(a, 0), optNum(kw, 'num_classes')),
  softmax: (a, kw) => t(a, 0).softmax(num(kw, 'dim')),
  logSoftmax: (a, kw) => t(a, 0).logSoftmax(num(kw, 'dim')),
};

export const MATH_ASYNC_OPS: Record<string, AsyncOpFn> = {
  allclose: (a, kw) => allcloseAsync(t(a, 0), t(a, 1), closeness(kw)),
  oneHot: (a, kw) => oneHotAsync(t(a, 0), optNum(kw, 'num_classes')),
};
