// cat / stack and their inverses split / chunk / unbind (pieces are recorded as slices).
import type { Tensor } from '@torchlet/tensor-core';
import { coreOps as raw, normalizeDim } from '@torchlet/tensor-core/internal';
import { record, recordingN } from '../record.js';
import { rules } from '../rules/index.js';
import { markView } from '../view-tracking.js';

export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  const out = raw.cat(tensors, dim);
  if (!recordingN(tensors)) return out;
  const d = normalizeDim(dim, out.shape.length, 'cat');
  return record('cat', out, tensors, { dim: d, shapes: tensors.map((x) => x.shape) });
}

export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  const out = raw.stack(tensors, dim);
  if (!recordingN(tensors)) return out;
  return record('stack', out, tensors, { dim: normalizeDim(dim, out.shape.length, 'stack') });
}

/** Mark each piece as a view of `x` that in-place ops must not change (PyTorch's multi-output views). */
function markPieces(x: Tensor, pieces: Tensor[], name: string): Tensor[] {
  return pieces.map((p, index) => markView(p, x, { name, index }));
}

/** Record each piece of a split along `dim` as a slice of `x`. */
function recordPieces(x: Tensor, pieces: Tensor[], dim: number): Tensor[] {
  if (!recordingN([x])) return markPieces(x, pieces, rules().splitPiece.name);
  const shape = x.shape;
  const d = normalizeDim(dim, shape.length, 'split');
  let start = 0;
  const recorded = pieces.map((p) => {
    const end = start + p.shape[d];
    const r = record('splitPiece', p, [x], { shape, dim: d, start, end, step: 1 });
    start = end;
    return r;
  });
  return markPieces(x, recorded, rules().splitPiece.name);
}

export function split(x: Tensor, splitSize: number | readonly number[], dim = 0): Tensor[] {
  return recordPieces(x, raw.split(x, splitSize, dim), dim);
}

export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  return recordPieces(x, raw.chunk(x, chunks, dim), dim);
}

export function unbind(x: Tensor, dim = 0): Tensor[] {
  const pieces = raw.unbind(x, dim);
  const name = rules().unbindPiece.name;
  if (!recordingN([x])) return markPieces(x, pieces, name);
  const shape = x.shape;
  const d = normalizeDim(dim, shape.length, 'unbind');
  return markPieces(x, pieces.map((p, index) => record('unbindPiece', p, [x], { shape, dim: d, index })), name);
}
