/** Joining and splitting along a dim: cat, stack (copies); split, chunk, unbind (views). */
import { allocate, promoteTypes } from '../dtype.js';
import { emptyTensor } from './helpers.js';
import { ShapeError, ValueError, argError, formatShape } from '../errors.js';
import { getBackend } from '../backend/registry.js';
import { normalizeDim } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { makeTensor } from '../construct.js';
import { narrow, select, unsqueeze } from './views.js';

/** torch's legacy rule: 1-D tensors of shape [0] are skipped by cat whatever the other shapes. */
function isSkipped(t: Tensor): boolean {
  return t.ndim === 1 && t.shape[0] === 0;
}

/**
 * Concatenate along `dim` (a copy). The result dtype promotes across all inputs like torch.cat;
 * every other dim must match.
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) argError('cat', 'tensors', 'a non-empty list of Tensors', 'an empty list', ValueError);
  let dtype = tensors[0].dtype;
  for (const t of tensors) dtype = promoteTypes(dtype, t.dtype);
  tensors.forEach((t, i) => {
    if (t.ndim === 0) throw new ShapeError(`cat(): zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const refIndex = tensors.findIndex((t) => !isSkipped(t));
  if (refIndex < 0) return makeTensor(allocate(dtype, 0), [0], dtype);
  const ref = tensors[refIndex];
  const d = normalizeDim(dim, ref.ndim, 'cat');
  let total = 0;
  tensors.forEach((t, i) => {
    if (isSkipped(t)) return;
    if (t.ndim !== ref.ndim) {
      throw new ShapeError(
        `cat(): tensors must have same number of dimensions: got ${ref.ndim} (tensor ${refIndex}, shape ${formatShape(ref.shape)}) and ${t.ndim} (tensor ${i}, shape ${formatShape(t.shape)})`,
      );
    }
    for (let k = 0; k < ref.ndim; k++) {
      if (k !== d && t.shape[k] !== ref.shape[k]) {
        throw new ShapeError(
          `cat(): sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[k]} but got size ${t.shape[k]} for tensor number ${i} in the list (shapes ${formatShape(ref.shape)} and ${formatShape(t.shape)})`,
        );
      }
    }
    total += t.shape[d];
  });
  const shape = [...ref.shape];
  shape[d] = total;
  const out = emptyTensor(shape, dtype, true, ref);
  const backend = getBackend();
  let at = 0;
  for (const t of tensors) {
    if (isSkipped(t) || t.shape[d] === 0) continue;
    backend.unary('copy', t, narrow(out, d, at, t.shape[d]));
    at += t.shape[d];
  }
  return out;
}

/** Join equal-shaped tensors along a new dim `dim` in [-(ndim+1), ndim]. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) argError('stack', 'tensors', 'a non-empty list of Tensors', 'an empty list', ValueError);
  const ref = tensors[0];
  tensors.forEach((t, i) => {
    if (t.ndim !== ref.ndim || t.shape.some((s, k) => s !== ref.shape[k])) {
      throw new ShapeError(
        `stack(): stack expects each tensor to be equal size, but got ${formatShape(ref.shape)} at entry 0 and ${formatShape(t.shape)} at entry ${i}`,
      );
    }
  });
  const d = normalizeDim(dim, ref.ndim + 1, 'stack');
  return cat(tensors.map((t) => unsqueeze(t, d)), d);
}

/**
 * Views of consecutive pieces along `dim`: pieces of `splitSize` (the last one smaller), or pieces
 * of the listed sizes (which must sum to the dim's size).
 */
export function split(x: Tensor, splitSize: number | readonly number[], dim = 0): Tensor[] {
  if (x.ndim === 0) argError('split', 'self', 'a tensor with at least 1 dimension', '0-d tensor', ShapeError);
  const d = normalizeDim(dim, x.ndim, 'split');
  const size = x.shape[d];
  if (typeof splitSize !== 'number') {
    let sum = 0;
    for (const s of splitSize) {
      if (!Number.isInteger(s) || s < 0) {
        argError('split', 'split_size', 'non-negative integers', formatShape(splitSize), ValueError);
      }
      sum += s;
    }
    if (sum !== size) {
      throw new ShapeError(
        `split(): split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=${formatShape(splitSize)}`,
      );
    }
    const out: Tensor[] = [];
    let at = 0;
    for (const s of splitSize) {
      out.push(narrow(x, d, at, s));
      at += s;
    }
    return out;
  }
  if (!Number.isInteger(splitSize) || splitSize < 0) {
    argError('split', 'split_size', 'a non-negative integer', String(splitSize), ValueError);
  }
  if (splitSize === 0 && size !== 0) {
    argError('split', 'split_size', `a positive size (0 is only allowed when dimension ${d} has size 0)`, '0', ValueError);
  }
  const pieces = splitSize === 0 ? 1 : Math.max(Math.ceil(size / splitSize), 1);
  const out: Tensor[] = [];
  for (let i = 0; i < pieces; i++) {
    const start = i * splitSize;
    out.push(narrow(x, d, start, Math.min(splitSize, size - start)));
  }
  return out;
}

/** Up to `chunks` views of size ceil(size / chunks) along `dim` (torch's rule: fewer when they run out). */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) argError('chunk', 'chunks', 'an integer greater than 0', String(chunks), ValueError);
  if (x.ndim === 0) argError('chunk', 'self', 'a tensor with at least 1 dimension', '0-d tensor', ShapeError);
  const d = normalizeDim(dim, x.ndim, 'chunk');
  return split(x, Math.ceil(x.shape[d] / chunks), d);
}

/** The slices along `dim`, each without that dim. */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  if (x.ndim === 0) argError('unbind', 'self', 'a tensor with at least 1 dimension', '0-d tensor', ShapeError);
  const d = normalizeDim(dim, x.ndim, 'unbind');
  return Array.from({ length: x.shape[d] }, (_, i) => select(x, d, i));
}
