/** Leaving tensor land: item, tolist, typed arrays; dtype conversion and clone. */
import { DTYPES, allocate, isDType, type DType, type DataArray } from '../dtype.js';
import { emptyTensor } from './helpers.js';
import { ValueError, argError, formatShape } from '../errors.js';
import { getBackend } from '../backend/registry.js';
import type { Tensor, NestedArray } from '../tensor.js';
import { makeTensor } from '../construct.js';
import { isContiguous } from './views.js';

/** The single value of a one-element tensor (any shape with numel 1, like torch). */
export function item(x: Tensor): number {
  const n = x.numel();
  if (n !== 1) {
    argError('item', 'self', 'a tensor with one element', `${n} elements (shape ${formatShape(x.shape)})`, ValueError);
  }
  return x.data[x.offset]; // every dim has size 1, so the element sits at the offset
}

/** Nested arrays (booleans for bool tensors); a bare number or boolean for a 0-d tensor. */
export function tolist(x: Tensor): NestedArray {
  const flat = toTypedArray(x);
  const asBool = x.dtype === 'bool';
  const at = (i: number): number | boolean => (asBool ? flat[i] !== 0 : flat[i]);
  if (x.ndim === 0) return at(0);
  const shape = x.shape;
  let pos = 0;
  const build = (depth: number): NestedArray[] => {
    const n = shape[depth];
    const out = new Array<NestedArray>(n);
    if (depth === shape.length - 1) for (let i = 0; i < n; i++) out[i] = at(pos++);
    else for (let i = 0; i < n; i++) out[i] = build(depth + 1);
    return out;
  };
  return build(0);
}

/** A fresh typed array (x's storage type) with the elements in row-major order. */
export function toTypedArray(x: Tensor): DataArray {
  const n = x.numel();
  if (isContiguous(x)) return x.data.slice(x.offset, x.offset + n) as DataArray;
  // a plain array, never scope storage: the caller keeps it
  const out = makeTensor(allocate(x.dtype, n), x.shape, x.dtype);
  getBackend().unary('copy', x, out);
  return out.data;
}

/** `x` itself when the dtype already matches (like torch's .to), else a converted contiguous copy. */
export function to(x: Tensor, dtype: DType): Tensor {
  if (dtype === x.dtype) return x;
  if (!isDType(dtype)) argError('to', 'dtype', `one of ${DTYPES.join(', ')}`, `'${String(dtype)}'`);
  const out = emptyTensor(x.shape, dtype, false, x);
  getBackend().unary('copy', x, out);
  return out;
}

/** A contiguous copy that shares nothing with `x`. */
export function clone(x: Tensor): Tensor {
  const out = emptyTensor(x.shape, x.dtype, false, x);
  getBackend().unary('copy', x, out);
  return out;
}
