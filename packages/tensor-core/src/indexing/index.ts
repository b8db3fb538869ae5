// x[...] and x[...] = v (PyTorch's __getitem__ / __setitem__ / index_put_): basic indices give a
// view, tensor indices and masks a copy; writes go through the view, so autograd records them as
// in-place writes to a view (CopySlices), and reads as the view and index ops they are made of.
import { isTensor } from '../construct.js';
import { autogradLayer } from '../dispatch.js';
import { DTypeError, ShapeError, argError, formatShape } from '../errors.js';
import { assertTensor, emptyTensor } from '../ops/helpers.js';
import type { Tensor } from '../tensor.js';
import { readAdvanced, writeAdvanced, layout } from './advanced.js';
import { applyBasic, checkMaskShape } from './basic.js';
import { parseIndices, type Index, type IndexItem } from './parse.js';

/** x[indices]: a view for integers, slices, null and '...'; a copy when a tensor, array or mask indexes. */
export function index(x: Tensor, indices: readonly Index[]): Tensor {
  assertTensor('index', 'self', x);
  const items = parseIndices('index', x.ndim, indices);
  const { view, advanced } = applyBasic('index', x, items);
  if (advanced.length > 0) return named(readAdvanced('index', view, advanced), 'IndexBackward0');
  // x[...] and x[()] are still a new view of x, PyTorch's alias (AliasBackward0)
  return view === x ? named(x.expand(x.shape), 'AliasBackward0') : view;
}

function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length) {
    // leading ones may be dropped, as PyTorch's setitem does
    const lead = from.length - to.length;
    if (!from.slice(0, lead).every((s) => s === 1)) return false;
    return broadcastsTo(from.slice(lead), to);
  }
  const off = to.length - from.length;
  return from.every((s, i) => s === 1 || s === to[off + i]);
}

/** x[indices] = value (accumulate: +=, repeated positions adding up, as index_put_); returns x. */
export function indexPut_(x: Tensor, indices: readonly Index[], value: Tensor | number, accumulate = false): Tensor {
  assertTensor('indexPut_', 'self', x);
  if (!Array.isArray(indices)) argError('indexPut_', 'indices', 'an array of indices (x.set([0, sl(1, 3)], v))', String(indices), DTypeError);
  if (typeof value !== 'number' && !isTensor(value)) argError('indexPut_', 'values', 'a Tensor or a number', String(value), DTypeError);
  const items = parseIndices('indexPut_', x.ndim, indices);
  if (typeof value === 'number' && !accumulate && maskFill(x, items, value)) return putNamed(x, indices);
  const { view, advanced } = applyBasic('indexPut_', x, items);
  const l = advanced.length > 0 ? layout('indexPut_', view, advanced) : null;
  const target = l !== null ? l.shape : view.shape;
  let v = value;
  if (typeof v !== 'number') {
    if (!broadcastsTo(v.shape, target)) {
      argError('indexPut_', 'values', `a tensor that broadcasts to the indexing result's shape ${formatShape(target)}`,
        `shape mismatch: value tensor of shape ${formatShape(v.shape)} cannot be broadcast to indexing result of shape ${formatShape(target)}`, ShapeError);
    }
    if (v.ndim > target.length) v = v.reshape(v.shape.slice(v.ndim - target.length));
  }
  if (l !== null) {
    writeAdvanced(view, l, typeof v === 'number' ? fullOf(view, v) : v, accumulate);
    putNamed(x, indices);
  } else if (typeof v === 'number') {
    if (accumulate) view.add_(v);
    else view.fill_(v);
  } else if (accumulate) {
    view.add_(v.to(view.dtype));
  } else {
    view.copy_(v);
  }
  return x;
}

/** Show t's grad_fn under PyTorch's name for the composed op (display only); returns t. */
function named(t: Tensor, name: string): Tensor {
  autogradLayer()?.nameGradFn(t, name);
  return t;
}

/**
 * PyTorch writes tensor, array and mask indices (and '...') with index_put_ on x itself
 * (IndexPutBackward0); an integer, slice or new axis first makes a view (CopySlices, as recorded).
 */
function putNamed(x: Tensor, indices: readonly Index[]): Tensor {
  const direct = indices.every((i) => i === '...' || Array.isArray(i) || (isTensor(i) && i.ndim > 0));
  return direct ? named(x, 'IndexPutBackward0') : x;
}

/** A 0-d tensor holding `v` in x's dtype on x's device. */
function fullOf(x: Tensor, v: number): Tensor {
  return emptyTensor([], x.dtype, true, x).fill_(v);
}

const isFullSlice = (i: IndexItem): boolean => i.kind === 'slice' && i.start === null && i.stop === null && i.step === null;

/**
 * x[mask] = number, the mask among full slices (`x[:, mask] = 0`): PyTorch's masked_fill_, which
 * needs no count of the true elements (so it also runs on a device). False when the index is another form.
 */
function maskFill(x: Tensor, items: readonly IndexItem[], value: number): boolean {
  const at = items.findIndex((i) => i.kind === 'tensor' && i.tensor.dtype === 'bool' && i.tensor.ndim > 0);
  if (at < 0 || !items.every((i, k) => k === at || isFullSlice(i))) return false;
  const item = items[at];
  if (item.kind !== 'tensor') return false;
  checkMaskShape('indexPut_', item.tensor, x, at, at);
  const trailing = x.ndim - at - item.tensor.ndim;
  const mask = item.tensor.device === x.device ? item.tensor : item.tensor.to(x.device);
  // PyTorch writes x[mask] into x itself (IndexPutBackward0), x[:, mask] through the view x[:, ...]
  // that the leading slices make (CopySlices on x)
  const target = at === 0 ? x : x.expand(x.shape);
  target.maskedFill_(trailing === 0 ? mask : mask.reshape([...mask.shape, ...new Array<number>(trailing).fill(1)]), value);
  return true;
}

/**
 * `indices` with what PyTorch reads on the host taken off the device, asynchronously: a bool mask
 * on a device comes back to the CPU (the sync op expands it to int64 positions on x's device, as
 * PyTorch's mask -> nonzero), a 0-d bool or integer tensor on a device becomes its value (a 0-d
 * integer then selects, a view, as in PyTorch). Everything else passes as it is.
 */
export async function readIndices(op: string, indices: readonly Index[]): Promise<Index[]> {
  if (!Array.isArray(indices)) argError(op, 'indices', 'an array of indices (await x.setAsync([0, sl(1, 3)], v))', String(indices), DTypeError);
  return Promise.all(
    indices.map(async (i): Promise<Index> => {
      if (!isTensor(i) || i.storage === null) return i;
      if (i.dtype === 'bool') return i.ndim === 0 ? (await i.itemAsync()) !== 0 : i.toAsync('cpu');
      if (i.ndim === 0 && (i.dtype === 'int64' || i.dtype === 'int32')) return i.itemAsync();
      return i;
    }),
  );
}
