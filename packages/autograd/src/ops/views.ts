// Views and shape ops: the core view, then the graph node when the input requires grad.
import * as core from '@torchlet/tensor-core';
import type { Shape, ShapeArgs } from '@torchlet/tensor-core';
import { normalizeDim, shapeFromArgs } from '@torchlet/tensor-core/internal';
import { record, recording1, wrap } from '../record.js';
import type { Tensor } from '../tensor.js';
import { markView } from '../view-tracking.js';

export function view(x: Tensor, ...shape: ShapeArgs): Tensor {
  const out = x.value.view(shapeFromArgs(shape));
  return markView(recording1(x) ? record('view', out, [x], { shape: x.value.shape }) : wrap(out), x);
}

export function reshape(x: Tensor, ...shape: ShapeArgs): Tensor {
  const out = x.value.reshape(shapeFromArgs(shape));
  return markView(recording1(x) ? record('reshape', out, [x], { shape: x.value.shape }) : wrap(out), x);
}

/** `x` itself when already contiguous, else a contiguous copy (CloneBackward0). */
export function contiguous(x: Tensor): Tensor {
  const out = x.value.contiguous();
  if (out === x.value) return x;
  return recording1(x) ? record('clone', out, [x], null) : wrap(out);
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const out = x.value.transpose(dim0, dim1);
  return markView(recording1(x) ? record('transpose', out, [x], { dim0, dim1 }) : wrap(out), x);
}

export function t(x: Tensor): Tensor {
  const out = x.value.t();
  return markView(recording1(x) ? record('t', out, [x], null) : wrap(out), x);
}

/** `.T`: all dims reversed. */
export function T(x: Tensor): Tensor {
  const n = x.value.shape.length;
  return permute(x, Array.from({ length: n }, (_, i) => n - 1 - i));
}

export function permute(x: Tensor, ...dims: ShapeArgs): Tensor {
  const list = shapeFromArgs(dims);
  const out = x.value.permute(list);
  if (!recording1(x)) return markView(wrap(out), x);
  const n = x.value.shape.length;
  return markView(record('permute', out, [x], { dims: list.map((d) => normalizeDim(d, n, 'permute')) }), x);
}

export function expand(x: Tensor, ...shape: ShapeArgs): Tensor {
  const out = x.value.expand(shapeFromArgs(shape));
  return markView(recording1(x) ? record('expand', out, [x], { shape: x.value.shape }) : wrap(out), x);
}

export function expandAs(x: Tensor, other: Tensor): Tensor {
  return expand(x, other.value.shape);
}

export function squeeze(x: Tensor, dim?: number | readonly number[]): Tensor {
  const out = x.value.squeeze(dim);
  return markView(recording1(x) ? record('squeeze', out, [x], { shape: x.value.shape }) : wrap(out), x);
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const out = x.value.unsqueeze(dim);
  return markView(recording1(x) ? record('unsqueeze', out, [x], { shape: x.value.shape }) : wrap(out), x);
}

export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  const out = x.value.flatten(startDim, endDim);
  return markView(recording1(x) ? record('reshape', out, [x], { shape: x.value.shape }) : wrap(out), x);
}

export function unflatten(x: Tensor, dim: number, sizes: Shape): Tensor {
  const out = x.value.unflatten(dim, sizes);
  return markView(recording1(x) ? record('view', out, [x], { shape: x.value.shape }) : wrap(out), x);
}

export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const out = x.value.narrow(dim, start, length);
  if (!recording1(x)) return markView(wrap(out), x);
  const shape = x.value.shape;
  const d = normalizeDim(dim, shape.length, 'narrow');
  const s = start < 0 ? start + shape[d] : start;
  return markView(record('slice', out, [x], { shape, dim: d, start: s, end: s + length, step: 1 }), x);
}

/** Index one position along `dim`, removing that dim (`x[:, i]` is `select(x, 1, i)`). */
export function select(x: Tensor, dim: number, index: number): Tensor {
  const out = x.value.select(dim, index);
  if (!recording1(x)) return markView(wrap(out), x);
  const shape = x.value.shape;
  const d = normalizeDim(dim, shape.length, 'select');
  return markView(record('select', out, [x], { shape, dim: d, index: index < 0 ? index + shape[d] : index }), x);
}

/** Python's `x[start:end:step]` along `dim`; bounds clamp like Python. */
export function slice(x: Tensor, dim: number, start?: number, end?: number, step = 1): Tensor {
  const out = x.value.slice(dim, start, end, step);
  if (!recording1(x)) return markView(wrap(out), x);
  const shape = x.value.shape;
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
  const out = core.zeros(shape, { dtype: g.value.dtype });
  out.slice(dim, start, end, step).copy_(g.value);
  return recording1(g) ? record('sliceScatter', out, [g], { dim, start, end, step }) : wrap(out);
}

/** zeros of `shape` with `g` written at `index` along `dim` (the backward of select). */
export function selectScatter(g: Tensor, shape: Shape, dim: number, index: number): Tensor {
  const out = core.zeros(shape, { dtype: g.value.dtype });
  out.select(dim, index).copy_(g.value);
  return recording1(g) ? record('selectScatter', out, [g], { dim, index }) : wrap(out);
}
