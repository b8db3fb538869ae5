// Creation and conversion ops of the replay registry (see ops.ts).
import {
  arange,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  scalarTensor,
  tensor,
  zeros,
  zerosLike,
  type NestedArray,
} from '@torchlet/tensor-core';
import type { AsyncOpFn, OpFn } from './ops.js';
import { t } from './operands.js';
import { dtype, dtypeOpt, ints, num, optNum } from './kwargs.js';

export const CREATION_OPS: Record<string, OpFn> = {
  tensor: (_a, kw) => tensor(kw.data as NestedArray, dtypeOpt(kw)),
  scalarTensor: (_a, kw) => scalarTensor(num(kw, 'value'), dtypeOpt(kw)?.dtype),
  zeros: (_a, kw) => zeros(ints(kw, 'shape'), dtypeOpt(kw)),
  ones: (_a, kw) => ones(ints(kw, 'shape'), dtypeOpt(kw)),
  full: (_a, kw) => full(ints(kw, 'shape'), num(kw, 'value'), dtypeOpt(kw)),
  arange: (_a, kw) =>
    kw.start === undefined
      ? arange(num(kw, 'end'), undefined, undefined, dtypeOpt(kw))
      : arange(num(kw, 'start'), num(kw, 'end'), optNum(kw, 'step'), dtypeOpt(kw)),
  linspace: (_a, kw) => linspace(num(kw, 'start'), num(kw, 'end'), num(kw, 'steps'), dtypeOpt(kw)),
  eye: (_a, kw) => eye(num(kw, 'n'), optNum(kw, 'm'), dtypeOpt(kw)),
  zerosLike: (a, kw) => zerosLike(t(a, 0), dtypeOpt(kw)),
  onesLike: (a, kw) => onesLike(t(a, 0), dtypeOpt(kw)),
  fullLike: (a, kw) => fullLike(t(a, 0), num(kw, 'value'), dtypeOpt(kw)),
  to: (a, kw) => t(a, 0).to(dtype(kw)),
  clone: (a) => t(a, 0).clone(),
  item: (a) => t(a, 0).item(),
};

export const CREATION_ASYNC_OPS: Record<string, AsyncOpFn> = {
  item: (a) => t(a, 0).itemAsync(),
};
