// The inverses of slice and select, as ops of their own (PyTorch's slice_scatter / select_scatter
// into zeros): the backward rules of slice, select, split and unbind call them through the op table.
import type { Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { emptyTensor } from './helpers.js';
import { copy_ } from './inplace.js';
import { select, slice } from './views.js';

/** Zeros of `shape` with `src` written at `[start:end:step]` along `dim` (the backward of slice). */
export function sliceScatter(src: Tensor, shape: Shape, dim: number, start: number, end: number, step: number): Tensor {
  const out = emptyTensor(shape, src.dtype, true, src);
  copy_(slice(out, dim, start, end, step), src);
  return out;
}

/** Zeros of `shape` with `src` written at `index` along `dim` (the backward of select). */
export function selectScatter(src: Tensor, shape: Shape, dim: number, index: number): Tensor {
  const out = emptyTensor(shape, src.dtype, true, src);
  copy_(select(out, dim, index), src);
  return out;
}
