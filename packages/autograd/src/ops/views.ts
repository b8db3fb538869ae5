// Views and shape ops: the core view, then the graph node when the input requires grad.
import * as core from '@torchlet/tensor-core';
import type { Shape, Tensor } from '@torchlet/tensor-core';
import { coreOps as raw, normalizeDim } from '@torchlet/tensor-core/internal';
import { record, recording1 } from '../record.js';
import { markView } from '../view-tracking.js';

export function view(x: Tensor, shape: Shape): Tensor {
  const out = raw.view(x, shape);
  return markView(recording1(x) ? record('view', out, [x], { shape: x.shape }) : out, x);
}

export function reshape(x: Tensor, shape: Shape): Tensor {
  const out = raw.reshape(x, shape);
  return markView(recording1(x) ? record('reshape', out, [x], { shape: x.shape }) : out, x);
}

/** `x` itself when already contiguous, else a contiguous copy (CloneBackward0). */
export function contiguous(x: Tensor): Tensor {
  const out = raw.contiguous(x);
  if (out === x) return x;
  return recording1(x) ? record('clone', out, [x], null) : out;
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const out = raw.transpose(x, dim0, dim1);
  return markView(recording1(x) ? record('transpose', out, [x], { dim0, dim1 }) : out, x);
}

export function t(x: Tensor): Tensor {
  const out = raw.t(x);
  return markView(recording1(x) ? record('t', out, [x], null) : out, x);
}

export function permute(x: Tensor, list: Shape): Tensor {
  const out = raw.permute(x, list);
  if (!recording1(x)) return markView(out, x);
  const n = x.shape.length;
  return markView(record('permute', out, [x], { dims: list.map((d) => normalizeDim(d, n, 'permute')) }), x);
}

export function expand(x: Tensor, shape: Shape): Tensor {
  const out = raw.expand(x, shape);
  return markView(recording1(x) ? record('expand', out, [x], { shape: x.shape }) : out, x);
}

export function squeeze(x: Tensor, dim?: number | readonly number[]): Tensor {
  const out = raw.squeeze(x, dim);
  return markView(recording1(x) ? record('squeeze', out, [x], { shape: x.shape }) : out, x);
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const out = raw.unsqueeze(x, dim);
  return markView(recording1(x) ? record('unsqueeze', out, [x], { shape: x.shape }) : out, x);
}

export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  const out = raw.flatten(x, startDim, endDim);
  return markView(recording1(x) ? record('reshape', out, [x], { shape: x.shape }) : out, x);
}

export function unflatten(x: Tensor, dim: number, sizes: Shape): Tensor {
  const out = raw.unflatten(x, dim, sizes);
  return markView(recording1(x) ? record('view', out, [x], { shape: x.shape }) : out, x);
}

export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const out = raw.narrow(x, dim, start, length);
  if (!recording1(x)) return markView(out, x);
  const shape = x.shape;
  const d = normalizeDim(dim, shape.length, 'narrow');
  const s = start < 0 ? start + shape[d] : start;
  return markView(record('slice', out, [x], { shape, dim: d, start: s, end: s + length, step: 1 }), x);
}

/** Index one position along `dim`, removing that dim (`x[:, i]` is `select(x, 1, i)`). */
export function select(x: Tensor, dim: number, index: number): Tensor {
  const out = raw.select(x, dim, index);
  if (!recording1(x)) return markView(out, x);
  const shape = x.shape;
  const d = normalizeDim(dim, shape.length, 'select');
  return markView(record('select', out, [x], { shape, dim: d, index: index < 0 ? index + shape[d] : index }), x);
}

/** Python's `x[start:end:step]` along `dim`; bounds clamp like Python. */
export function slice(x: Tensor, dim: number, start?: number, end?: number, step = 1): Tensor {
  const out = raw.slice(x, dim, start, end, step);
  if (!recording1(x)) return markView(out, x);
  const shape = x.shape;
  const d = normalizeDim(dim, shape.length, 'slice');
  const size = shape[d];
  const lo = clampIndex(start ?? 0, size);
  const hi = Math.max(lo, clampIndex(end ?? size, size));
  return markView(record('slice', out, [x], { shape, dim: d, start: lo, end: hi, step }), x);
}

function clampIndex(i: number, size: number): number {
  const j = i < 0 ? i + size : i;
  return j < 0 ? 0 : j > size ? size : j;
}

/** zeros of `shape` with `g` written at the slice (the backward of slice; differentiable). */
export function sliceScatter(g: Tensor, shape: Shape, dim: number, start: number, end: number, step: number): Tensor {
  const out = core.zeros(shape, { dtype: g.dtype, device: g.device });
  raw.copy_(raw.slice(out, dim, start, end, step), g);
  return recording1(g) ? record('sliceScatter', out, [g], { dim, start, end, step }) : out;
}

/** zeros of `shape` with `g` written at `index` along `dim` (the backward of select). */
export function selectScatter(g: Tensor, shape: Shape, dim: number, index: number): Tensor {
  const out = core.zeros(shape, { dtype: g.dtype, device: g.device });
  raw.copy_(raw.select(out, dim, index), g);
  return recording1(g) ? record('selectScatter', out, [g], { dim, index }) : out;
}
