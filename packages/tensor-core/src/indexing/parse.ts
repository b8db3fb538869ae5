// PyTorch's indexing (`x[...]`): the index forms, the slice helper and the parser that turns a list
// of indices into one item per consumed dim (ellipsis expanded), with PyTorch's errors.
import { isTensor } from '../construct.js';
import { IndexError, ValueError, argError } from '../errors.js';
import type { Tensor } from '../tensor.js';

/**
 * A Python slice `start:stop:step` as `Tensor.index` reads it (made by `sl`).
 *
 * @pytorch a Python slice object in torch.Tensor.__getitem__
 * @example
 * ```ts
 * const firstTwo: IndexSlice = sl(0, 2);
 * const y = randn([4, 3]).index(firstTwo, 1); // x[0:2, 1]
 * ```
 */
export interface IndexSlice {
  readonly kind: 'slice';
  readonly start: number | null;
  readonly stop: number | null;
  readonly step: number | null;
}

/**
 * One index of `x.index(...)` / `x.set([...], v)`: an integer (negative counts from the end), a
 * slice (`sl(1, 5, 2)` or `'1:5:2'`, `':'`, `'::2'`), `null` (a new axis: PyTorch's None), `'...'`
 * (Ellipsis), a boolean (PyTorch's `x[True]`), a bool tensor or boolean[] (a mask), or an
 * int64/int32 tensor or number[] (advanced indexing).
 *
 * @pytorch an index in torch.Tensor.__getitem__ (x[0, 1:3, None, ..., mask])
 * @example
 * ```ts
 * const indices: Index[] = [0, '1:3', null];
 * const y = randn([4, 5]).index(...indices); // x[0, 1:3, None]: [2, 1]
 * ```
 */
export type Index = number | boolean | null | string | IndexSlice | Tensor | readonly number[] | readonly boolean[];

/**
 * Python's `slice(start, stop, step)` for `x.index(...)`: `sl()` is `:`, `sl(1, 3)` is `1:3`, `sl(null, null, 2)` is `::2`.
 *
 * @pytorch Python's slice(start, stop, step)
 * @example
 * ```ts
 * const x = randn([4, 6]);
 * const y = x.index(sl(1, 3), sl(null, null, 2)); // x[1:3, ::2]: [2, 3]
 * ```
 */
export function sl(start: number | null = null, stop: number | null = null, step: number | null = null): IndexSlice {
  for (const [name, v] of [['start', start], ['stop', stop], ['step', step]] as const) {
    if (v !== null && !Number.isInteger(v)) argError('sl', name, 'an integer or null', String(v), ValueError);
  }
  return { kind: 'slice', start, stop, step };
}

/** A parsed index: one per item of the user's list, the ellipsis already expanded to full slices. */
export type IndexItem =
  | { readonly kind: 'int'; readonly value: number }
  | IndexSlice
  | { readonly kind: 'none' }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'tensor'; readonly tensor: Tensor }
  | { readonly kind: 'list'; readonly values: readonly number[] }
  | { readonly kind: 'mask'; readonly values: readonly boolean[] };

const FULL: IndexSlice = { kind: 'slice', start: null, stop: null, step: null };
type Raw = IndexItem | { readonly kind: 'ellipsis' };

function parseBound(op: string, text: string, part: string): number | null {
  const s = part.trim();
  if (s === '') return null;
  if (!/^[+-]?\d+$/.test(s)) argError(op, 'indices', "a slice string of integers such as '1:5:2', ':' or '...'", `'${text}'`, IndexError);
  return Number(s);
}

function parseString(op: string, text: string): Raw {
  const s = text.trim();
  if (s === '...') return { kind: 'ellipsis' };
  const parts = s.split(':');
  if (parts.length < 2 || parts.length > 3) {
    argError(op, 'indices', "a slice string such as '1:5:2', ':' or '...'", `'${text}'`, IndexError);
  }
  return { kind: 'slice', start: parseBound(op, text, parts[0]), stop: parseBound(op, text, parts[1]), step: parts.length === 3 ? parseBound(op, text, parts[2]) : null };
}

function parseOne(op: string, idx: Index): Raw {
  if (idx === null) return { kind: 'none' };
  if (typeof idx === 'boolean') return { kind: 'bool', value: idx };
  if (typeof idx === 'number') {
    if (!Number.isInteger(idx)) argError(op, 'indices', 'integers, slices, null, ..., bool or integer tensors', `the number ${idx}`, IndexError);
    return { kind: 'int', value: idx };
  }
  if (typeof idx === 'string') return parseString(op, idx);
  if (isTensor(idx)) return { kind: 'tensor', tensor: idx };
  if (Array.isArray(idx)) {
    if (idx.length > 0 && idx.every((v) => typeof v === 'boolean')) return { kind: 'mask', values: idx as readonly boolean[] };
    if (!idx.every((v) => typeof v === 'number' && Number.isInteger(v))) {
      argError(op, 'indices', 'an array of integers (or of booleans)', `[${idx.map(String).join(', ')}]`, IndexError);
    }
    return { kind: 'list', values: idx as readonly number[] };
  }
  if (typeof idx === 'object' && (idx as IndexSlice).kind === 'slice') return idx as IndexSlice;
  return argError(op, 'indices', 'integers, slices, null, ..., bool or integer tensors', String(idx), IndexError);
}

/** How many dims of the indexed tensor an item consumes (a mask: its ndim). */
function consumed(item: Raw): number {
  switch (item.kind) {
    case 'none':
    case 'bool':
    case 'ellipsis':
      return 0;
    case 'tensor':
      return item.tensor.dtype === 'bool' ? item.tensor.ndim : 1;
    default:
      return 1;
  }
}

/** The user's indices for a tensor of `ndim` dims as items, the ellipsis expanded; PyTorch's "too many indices". */
export function parseIndices(op: string, ndim: number, indices: readonly Index[]): IndexItem[] {
  const raw = indices.map((i) => parseOne(op, i));
  const used = raw.reduce((n, r) => n + consumed(r), 0);
  if (used > ndim) argError(op, 'indices', `at most ${ndim} indexed dims (too many indices for tensor of dimension ${ndim})`, `${used}`, IndexError);
  const out: IndexItem[] = [];
  let ellipsisSeen = false;
  for (const r of raw) {
    if (r.kind !== 'ellipsis') {
      out.push(r);
    } else {
      // NumPy's rule: PyTorch accepts a second '...' but its meaning there is ill-defined
      if (ellipsisSeen) argError(op, 'indices', "a single ellipsis ('...')", 'an index with two', IndexError);
      ellipsisSeen = true;
      for (let i = used; i < ndim; i++) out.push(FULL);
    }
  }
  return out;
}
