// Non-contiguous 'webgpu' views for kernel tests: a tensor's values seen through a transposed view
// at a non-zero offset inside a larger buffer, and output views of that layout prefilled with NaN
// (so an element a kernel leaves unwritten shows up).
import { cat, full, type Tensor } from '@torchlet/tensor-core';

/** `t`'s values (rank >= 2) on 'webgpu' through a view with its last two dims transposed and an offset. */
export function stridedOnGpu(t: Tensor): Tensor {
  const r = t.ndim;
  const swapped = t.transpose(r - 2, r - 1).contiguous();
  const extra = full([...swapped.shape.slice(0, -1), 1], -5, { dtype: t.dtype });
  const big = cat([extra, swapped], r - 1).to('webgpu');
  return big.narrow(r - 1, 1, t.shape[r - 2]).transpose(r - 2, r - 1);
}

/** A NaN-filled 'webgpu' view of `shape` (rank >= 2) with the layout of stridedOnGpu. */
export function stridedOut(shape: readonly number[], dtype: 'float32' | 'int64' = 'float32'): Tensor {
  const r = shape.length;
  const swapped = [...shape.slice(0, -2), shape[r - 1], shape[r - 2] + 1];
  const big = full(swapped, dtype === 'float32' ? Number.NaN : -7, { dtype, device: 'webgpu' });
  return big.narrow(r - 1, 1, shape[r - 2]).transpose(r - 2, r - 1);
}
