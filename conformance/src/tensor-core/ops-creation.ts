// Creation and conversion ops of the replay registry (see ops.ts).
import type { NestedArray } from '@torchlet/tensor-core';
import type { OpFn } from './ops.js';
import { t } from './operands.js';
import { dtype, dtypeOpt, ints, num, optNum } from './kwargs.js';

export const CREATION_OPS: Record<string, OpFn> = {
  tensor: (_a, kw, f) => f.tensor(kw.data as NestedArray, dtypeOpt(kw)),
  scalarTensor: (_a, kw, f) => f.scalarTensor(num(kw, 'value'), dtypeOpt(kw)?.dtype),
  zeros: (_a, kw, f) => f.zeros(ints(kw, 'shape'), dtypeOpt(kw)),
  ones: (_a, kw, f) => f.ones(ints(kw, 'shape'), dtypeOpt(kw)),
  full: (_a, kw, f) => f.full(ints(kw, 'shape'), num(kw, 'value'), dtypeOpt(kw)),
  arange: (_a, kw, f) =>
    kw.start === undefined
      ? f.arange(num(kw, 'end'), undefined, undefined, dtypeOpt(kw))
      : f.arange(num(kw, 'start'), num(kw, 'end'), optNum(kw, 'step'), dtypeOpt(kw)),
  linspace: (_a, kw, f) => f.linspace(num(kw, 'start'), num(kw, 'end'), num(kw, 'steps'), dtypeOpt(kw)),
  eye: (_a, kw, f) => f.eye(num(kw, 'n'), optNum(kw, 'm'), dtypeOpt(kw)),
  zerosLike: (a, kw, f) => f.zerosLike(t(a, 0), dtypeOpt(kw)),
  onesLike: (a, kw, f) => f.onesLike(t(a, 0), dtypeOpt(kw)),
  fullLike: (a, kw, f) => f.fullLike(t(a, 0), num(kw, 'value'), dtypeOpt(kw)),
  to: (a, kw) => t(a, 0).to(dtype(kw)),
  clone: (a) => t(a, 0).clone(),
  item: (a) => t(a, 0).item(),
};
