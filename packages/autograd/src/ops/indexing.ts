// gather / scatter / indexSelect / maskedFill / oneHot.
import type { Tensor, TensorOrScalar } from '@torchlet/tensor-core';
import { coreOps as raw, normalizeDim } from '@torchlet/tensor-core/internal';
import { record, recording1, recording2 } from '../record.js';

export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const out = raw.gather(x, dim, index);
  if (!recording1(x)) return out;
  const shape = x.shape;
  return record('gather', out, [x], { shape, dim: normalizeDim(dim, shape.length, 'gather'), index, input: x });
}

export function scatter(x: Tensor, dim: number, index: Tensor, src: TensorOrScalar): Tensor {
  const out = raw.scatter(x, dim, index, src);
  if (!recording2(x, src)) return out;
  const d = normalizeDim(dim, x.shape.length, 'scatter');
  const srcShape = typeof src === 'number' ? null : src.shape;
  return record('scatter', out, [x, src], { dim: d, index, srcShape });
}

export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const out = raw.scatterAdd(x, dim, index, src);
  if (!recording2(x, src)) return out;
  const d = normalizeDim(dim, x.shape.length, 'scatterAdd');
  return record('scatterAdd', out, [x, src], { dim: d, index, srcShape: src.shape });
}

export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  const out = raw.indexSelect(x, dim, index);
  if (!recording1(x)) return out;
  const shape = x.shape;
  return record('indexSelect', out, [x], { shape, dim: normalizeDim(dim, shape.length, 'indexSelect'), index });
}

export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  const out = raw.maskedFill(x, mask, value);
  return recording1(x) ? record('maskedFill', out, [x], { mask }) : out;
}
