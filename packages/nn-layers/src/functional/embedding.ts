// embedding (torch.nn.functional.embedding): rows of `weight` picked by integer indices; the
// gradient scatter-adds into the picked rows and skips paddingIdx.
import { DTypeError, ValueError, type Tensor } from '@torchlet/tensor-core';
import { embeddingBackward, embeddingForward } from '@torchlet/tensor-core/internal';
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

/** out[..., :] = weight[index[...], :] for int64/int32 `indices` of any shape. */
export function embedding(indices: Tensor, weight: Tensor, paddingIdx: number | null = null): Tensor {
  const op = 'embedding';
  if (indices.dtype !== 'int64' && indices.dtype !== 'int32') {
    throw new DTypeError(`${op}(): Expected tensor for argument #1 'indices' to have one of the following scalar types: int64, int32; but got ${indices.dtype} instead`);
  }
  checkFloat(op, 'weight', weight);
  if (weight.ndim !== 2) throw new ValueError(`${op}(): 'weight' must be 2-D, got ${weight.ndim}-D`);
  const rows = weight.shape[0];
  const pad = resolvePaddingIdx(paddingIdx, rows);
  // embeddingForward checks that every index lies in [0, rows) (an IndexError otherwise)
  return fusedOp('Embedding', [null, weight], () => ({
    output: embeddingForward(weight, indices),
    backward: (grad) => [null, embeddingBackward(grad, indices, rows, pad)],
    saved: [indices],
  }));
}
