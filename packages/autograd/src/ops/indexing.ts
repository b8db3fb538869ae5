// gather / scatter / indexSelect / maskedFill / oneHot.
import * as core from '@torchlet/tensor-core';
import { normalizeDim } from '@torchlet/tensor-core/internal';
import { record, recording1, recording2, unwrap, wrap } from '../record.js';
import type { Tensor, TensorOrScalar } from '../tensor.js';

export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const out = x.value.gather(dim, index.value);
  if (!recording1(x)) return wrap(out);
  const shape = x.value.shape;
  return record('gather', out, [x], { shape, dim: normalizeDim(dim, shape.length, 'gather'), index, input: x });
}

export function scatter(x: Tensor, dim: number, index: Tensor, src: TensorOrScalar): Tensor {
  const out = x.value.scatter(dim, index.value, unwrap(src));
  if (!recording2(x, src)) return wrap(out);
  const d = normalizeDim(dim, x.value.shape.length, 'scatter');
  const srcShape = typeof src === 'number' ? null : src.value.shape;
  return record('scatter', out, [x, src], { dim: d, index, srcShape });
}

export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const out = x.value.scatterAdd(dim, index.value, src.value);
  if (!recording2(x, src)) return wrap(out);
  const d = normalizeDim(dim, x.value.shape.length, 'scatterAdd');
  return record('scatterAdd', out, [x, src], { dim: d, index, srcShape: src.value.shape });
}

export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  const out = x.value.indexSelect(dim, index.value);
  if (!recording1(x)) return wrap(out);
  const shape = x.value.shape;
  return record('indexSelect', out, [x], { shape, dim: normalizeDim(dim, shape.length, 'indexSelect'), index });
}

export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  const out = x.value.maskedFill(mask.value, value);
  return recording1(x) ? record('maskedFill', out, [x], { mask }) : wrap(out);
}

/** torch.nn.functional.one_hot: int64 result with a trailing dim of numClasses (-1 infers max + 1). */
export function oneHot(x: Tensor, numClasses = -1): Tensor {
  return wrap(core.oneHot(x.value, numClasses));
}
