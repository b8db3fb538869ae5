// View, shape and join ops of the replay registry (see ops.ts).
import { cat, stack } from '@torchlet/tensor-core';
import type { OpFn } from './ops.js';
import { list, t } from './operands.js';
import { ints, num, optNum } from './kwargs.js';

export const SHAPE_OPS: Record<string, OpFn> = {
  contiguous: (a) => t(a, 0).contiguous(),
  view: (a, kw) => t(a, 0).view(ints(kw, 'shape')),
  reshape: (a, kw) => t(a, 0).reshape(ints(kw, 'shape')),
  transpose: (a, kw) => t(a, 0).transpose(num(kw, 'dim0'), num(kw, 'dim1')),
  t: (a) => t(a, 0).t(),
  T: (a) => t(a, 0).T,
  permute: (a, kw) => t(a, 0).permute(ints(kw, 'dims')),
  expand: (a, kw) => t(a, 0).expand(ints(kw, 'shape')),
  expandAs: (a) => t(a, 0).expandAs(t(a, 1)),
  squeeze: (a, kw) => t(a, 0).squeeze(optNum(kw, 'dim')),
  unsqueeze: (a, kw) => t(a, 0).unsqueeze(num(kw, 'dim')),
  flatten: (a, kw) => t(a, 0).flatten(optNum(kw, 'start_dim'), optNum(kw, 'end_dim')),
  unflatten: (a, kw) => t(a, 0).unflatten(num(kw, 'dim'), ints(kw, 'sizes')),
  narrow: (a, kw) => t(a, 0).narrow(num(kw, 'dim'), num(kw, 'start'), num(kw, 'length')),
  select: (a, kw) => t(a, 0).select(num(kw, 'dim'), num(kw, 'index')),
  slice: (a, kw) => t(a, 0).slice(num(kw, 'dim'), optNum(kw, 'start'), optNum(kw, 'end'), optNum(kw, 'step')),
  cat: (a, kw) => cat(list(a, 0), optNum(kw, 'dim')),
  stack: (a, kw) => stack(list(a, 0), optNum(kw, 'dim')),
  split: (a, kw) => {
    const s = kw.split_size;
    return t(a, 0).split(typeof s === 'number' ? s : ints(kw, 'split_size'), optNum(kw, 'dim'));
  },
  chunk: (a, kw) => t(a, 0).chunk(num(kw, 'chunks'), optNum(kw, 'dim')),
  unbind: (a, kw) => t(a, 0).unbind(optNum(kw, 'dim')),
};
