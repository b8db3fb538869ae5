import type { Tensor } from './tensor.js';

/** PyTorch's repr: `tensor([[1.0000, 2.0000]])`, with `dtype=` for non-default dtypes. */
export function formatTensor(x: Tensor): string {
  return `tensor(shape=[${x.shape.join(', ')}], dtype=${x.dtype})`;
}
