// embedding (torch.nn.functional.embedding): rows of `weight` picked by integer indices; the
// gradient scatter-adds into the picked rows and skips paddingIdx.
import { DTypeError, ValueError, type Tensor } from '@torchlet/tensor-core';
import { embeddingBackward, embeddingForward } from '@torchlet/tensor-core/internal';
import { noGrad } from '@torchlet/autograd';
import { fusedOp } from '@torchlet/autograd/internal';
import { checkFloat } from './util.js';

/** Normalise a padding index (negative counts from the end), or null. */
export function resolvePaddingIdx(paddingIdx: number | null | undefined, numEmbeddings: number): number | null {
  if (paddingIdx === null || paddingIdx === undefined) return null;
  if (!Number.isInteger(paddingIdx) || paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings) {
    throw new ValueError(`embedding(): padding_idx must be within num_embeddings (got ${paddingIdx} for ${numEmbeddings} embeddings)`);
  }
  return paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
}

/**
 * torch.embedding_renorm_: scale each row of `weight` that `indices` references, in place and
 * unrecorded, so that its `normType`-norm is at most `maxNorm`: row *= maxNorm / (norm + 1e-7)
 * where norm > maxNorm. Indices out of range are left to the lookup's own error.
 */
function renorm(indices: Tensor, weight: Tensor, maxNorm: number, normType: number): void {
  if (indices.device !== 'cpu') {
    renormOnDevice(indices, weight, maxNorm, normType);
    return;
  }
  const rows = weight.shape[0];
  const seen = new Set<number>();
  for (const v of indices.toTypedArray()) if (v >= 0 && v < rows) seen.add(v);
  noGrad(() => {
    for (const i of [...seen].sort((a, b) => a - b)) {
      const row = weight.select(0, i);
      let sum = 0;
      for (const x of row.toTypedArray()) sum += Math.abs(x) ** normType;
      const norm = sum ** (1 / normType);
      if (norm > maxNorm) row.mul_(maxNorm / (norm + 1e-7));
    }
  });
}

/**
 * renorm on a device (a GPU), which cannot read the indices synchronously: every referenced row
 * (repeats too: a renormalised row is not scaled again, its norm being below maxNorm) is scaled by
 * maxNorm / (norm + 1e-7) where its norm exceeds maxNorm, with tensor ops; a bad index is reported
 * by the device's indexSelect at the next read back.
 */
function renormOnDevice(indices: Tensor, weight: Tensor, maxNorm: number, normType: number): void {
  noGrad(() => {
    const index = indices.reshape([-1]).to('int64');
    const rows = weight.indexSelect(0, index);
    const norm = rows.abs().pow(normType).sum(1, true).pow(1 / normType); // (k, 1)
    const scale = norm.add(1e-7).pow(-1).mul(maxNorm).where(norm.gt(maxNorm), 1);
    weight.copy_(weight.scatter(0, index.unsqueeze(1).expand([index.shape[0], weight.shape[1]]), rows.mul(scale)));
  });
}

/**
 * out[..., :] = weight[index[...], :] for int64/int32 `indices` of any shape. With `maxNorm`, the
 * rows the indices reference are first renormalised in place to `normType`-norm <= maxNorm (as
 * PyTorch's max_norm: the weight itself changes).
 */
export function embedding(indices: Tensor, weight: Tensor, paddingIdx: number | null = null, maxNorm: number | null = null, normType = 2): Tensor {
  const op = 'embedding';
  if (indices.dtype !== 'int64' && indices.dtype !== 'int32') {
    throw new DTypeError(`${op}(): Expected tensor for argument #1 'indices' to have one of the following scalar types: int64, int32; but got ${indices.dtype} instead`);
  }
  checkFloat(op, 'weight', weight);
  if (weight.ndim !== 2) throw new ValueError(`${op}(): 'weight' must be 2-D, got ${weight.ndim}-D`);
  const rows = weight.shape[0];
  const pad = resolvePaddingIdx(paddingIdx, rows);
  if (maxNorm !== null && maxNorm !== undefined) {
    if (typeof maxNorm !== 'number' || Number.isNaN(maxNorm)) throw new ValueError(`${op}(): argument 'max_norm' expected a number, got ${String(maxNorm)}`);
    if (typeof normType !== 'number' || Number.isNaN(normType)) throw new ValueError(`${op}(): argument 'norm_type' expected a number, got ${String(normType)}`);
    renorm(indices, weight, maxNorm, normType);
  }
  // embeddingForward checks that every index lies in [0, rows) (an IndexError otherwise)
  return fusedOp('Embedding', [null, weight], () => ({
    output: embeddingForward(weight, indices),
    backward: (grad) => [null, embeddingBackward(grad, indices, rows, pad)],
    saved: [indices],
  }));
}
