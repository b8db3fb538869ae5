// PyTorch's indexing in the replay registry (see ops.ts): `x[idx]` as x.index(...), `y[idx] = v` as
// y.set([...], v) on a clone, and index_put_ as indexPut_. The index arrives in kwargs.index, one
// item per Python index (the encoding is in generator/tc_getitem.py).
import { sl, type Index, type Tensor } from '@torchlet/tensor-core';
import type { Kwargs, KwValue } from './case.js';
import type { AsyncOpFn, OpFn } from './ops.js';
import { bool } from './kwargs.js';
import { t, tOrNum, type Operand } from './operands.js';

function bound(v: KwValue | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number') throw new Error(`fixture slice bound: expected a number or null, got ${JSON.stringify(v)}`);
  return v;
}

function item(v: KwValue, args: Operand[]): Index {
  if (v === null || typeof v === 'number' || typeof v === 'boolean' || v === '...') return v;
  if (typeof v === 'object' && !Array.isArray(v)) {
    if (Array.isArray(v.slice)) return sl(bound(v.slice[0]), bound(v.slice[1]), bound(v.slice[2]));
    if (typeof v.str === 'string') return v.str;
    if (typeof v.arg === 'number') return t(args, v.arg);
    if (Array.isArray(v.list)) {
      const xs = v.list;
      if (xs.every((x) => typeof x === 'boolean')) return xs as boolean[];
      if (xs.every((x) => typeof x === 'number')) return xs as number[];
    }
  }
  throw new Error(`fixture index item not understood: ${JSON.stringify(v)}`);
}

function indices(kw: Kwargs, args: Operand[]): Index[] {
  const spec = kw.index;
  if (!Array.isArray(spec)) throw new Error(`fixture kwarg 'index': expected a list, got ${JSON.stringify(spec)}`);
  return spec.map((v) => item(v, args));
}

function clone(args: Operand[]): Tensor {
  return t(args, 0).clone();
}

export const GETITEM_OPS: Record<string, OpFn> = {
  getitem: (a, kw) => t(a, 0).index(...indices(kw, a)),
  setitem: (a, kw) => clone(a).set(indices(kw, a), tOrNum(a, 1)),
  indexPut: (a, kw) => clone(a).indexPut_(indices(kw, a), tOrNum(a, 1), bool(kw, 'accumulate')),
};

export const GETITEM_ASYNC_OPS: Record<string, AsyncOpFn> = {
  getitem: (a, kw) => t(a, 0).indexAsync(...indices(kw, a)),
  setitem: (a, kw) => clone(a).setAsync(indices(kw, a), tOrNum(a, 1)),
  indexPut: (a, kw) => clone(a).indexPutAsync_(indices(kw, a), tOrNum(a, 1), bool(kw, 'accumulate')),
};
