// Rebuilding a case's input views. For the forward check they are built straight from shape,
// strides and offset (so an op's non-contiguous handling is tested even while the view ops are
// broken); for the gradient check they go through the tensor's view methods (recorded, so the
// gradient flows back to the base, as in the fixture).
import { Tensor } from '@torchlet/tensor-core';
import type { ViewStep } from './case.js';

const wrapDim = (d: number, n: number): number => (d < 0 ? d + n : d);

/** Python's slice bounds clamped like `x[start:end:step]` (step > 0). */
function sliceBounds(size: number, start: number | null, end: number | null): [number, number] {
  const norm = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    const w = v < 0 ? v + size : v;
    return Math.min(Math.max(w, 0), size);
  };
  const s = norm(start, 0);
  return [s, Math.max(norm(end, size), s)];
}

/** `step` applied to `x` by computing the view's shape, strides and offset directly. */
export function rawView(x: Tensor, step: ViewStep): Tensor {
  const shape = [...x.shape];
  const strides = [...x.strides];
  let offset = x.offset;
  switch (step[0]) {
    case 'transpose': {
      const [a, b] = [wrapDim(step[1], shape.length), wrapDim(step[2], shape.length)];
      [shape[a], shape[b]] = [shape[b], shape[a]];
      [strides[a], strides[b]] = [strides[b], strides[a]];
      break;
    }
    case 'permute': {
      const dims = step[1].map((d) => wrapDim(d, shape.length));
      return new Tensor(x.storage ?? x.data, dims.map((d) => x.shape[d]), x.dtype, dims.map((d) => x.strides[d]), offset);
    }
    case 'slice': {
      const d = wrapDim(step[1], shape.length);
      const [s, e] = sliceBounds(shape[d], step[2], step[3]);
      offset += s * strides[d];
      shape[d] = Math.ceil((e - s) / step[4]);
      strides[d] *= step[4];
      break;
    }
    case 'narrow': {
      const d = wrapDim(step[1], shape.length);
      const start = step[2] < 0 ? step[2] + shape[d] : step[2];
      offset += start * strides[d];
      shape[d] = step[3];
      break;
    }
    case 'select': {
      const d = wrapDim(step[1], shape.length);
      const i = step[2] < 0 ? step[2] + shape[d] : step[2];
      offset += i * strides[d];
      shape.splice(d, 1);
      strides.splice(d, 1);
      break;
    }
    case 'expand': {
      const target = step[1];
      const lead = target.length - shape.length;
      const newStrides = target.map((size, i) => {
        if (i < lead) return 0;
        const j = i - lead;
        return shape[j] === 1 && size !== 1 ? 0 : strides[j];
      });
      const newShape = target.map((size, i) => (size === -1 ? shape[i - lead] : size));
      return new Tensor(x.storage ?? x.data, newShape, x.dtype, newStrides, offset);
    }
  }
  return new Tensor(x.storage ?? x.data, shape, x.dtype, strides, offset);
}

/** `step` applied through the tensor's own view methods (recorded when `x` requires grad). */
export function methodView(x: Tensor, step: ViewStep): Tensor {
  switch (step[0]) {
    case 'transpose':
      return x.transpose(step[1], step[2]);
    case 'permute':
      return x.permute(step[1]);
    case 'slice':
      return x.slice(step[1], step[2] ?? undefined, step[3] ?? undefined, step[4]);
    case 'expand':
      return x.expand(step[1]);
    case 'select':
      return x.select(step[1], step[2]);
    case 'narrow':
      return x.narrow(step[1], step[2], step[3]);
  }
}
