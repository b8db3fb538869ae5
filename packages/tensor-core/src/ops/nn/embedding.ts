// Embedding for @torchlet/nn-layers: rows of a [rows, dim] weight picked by integer indices, and the
// gradient that adds the picked rows' gradients back (skipping the padding index).
import { getBackend } from '../../backend/registry.js';
import { DTypeError, IndexError, ValueError, argError, formatShape } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import { emptyTensor } from '../helpers.js';
import { contiguousAs, expectFloat, expectNdim, expectShape } from './shared.js';

function expectIndices(op: string, indices: Tensor): void {
  if (indices.dtype !== 'int64' && indices.dtype !== 'int32') {
    argError(op, 'indices', 'an int64 or int32 tensor', `dtype ${indices.dtype}`, DTypeError);
  }
}

/** out[..., :] = weight[indices[...], :]; every index must lie in [0, rows). */
export function embeddingForward(weight: Tensor, indices: Tensor): Tensor {
  const op = 'embeddingForward';
  expectFloat(op, 'weight', weight);
  expectNdim(op, 'weight', weight, 2, 'a 2-D tensor [num_embeddings, embedding_dim]');
  expectIndices(op, indices);
  const [rows, dim] = weight.shape;
  const count = indices.numel();
  const index = contiguousAs(indices, [count]);
  // a device's indices cannot be read synchronously: its kernel checks them and the next read reports
  for (let i = 0; indices.device === 'cpu' && i < count; i++) {
    const v = index.data[index.offset + i];
    if (v < 0 || v >= rows) throw new IndexError(`embedding(): index out of range in self (index ${v}, ${rows} rows)`);
  }
  const out = emptyTensor([...indices.shape, dim], weight.dtype, true, weight);
  getBackend().embedding(contiguousAs(weight, [rows, dim]), index, contiguousAs(out, [count, dim]));
  return out;
}

/** The weight's gradient [numWeights, dim]: gradOutput[..., :] added into row indices[...], except the rows of paddingIdx. */
export function embeddingBackward(gradOutput: Tensor, indices: Tensor, numWeights: number, paddingIdx: number | null): Tensor {
  const op = 'embeddingBackward';
  expectFloat(op, 'gradOutput', gradOutput);
  expectIndices(op, indices);
  if (!Number.isInteger(numWeights) || numWeights < 0) argError(op, 'numWeights', 'a non-negative integer', String(numWeights), ValueError);
  if (gradOutput.ndim !== indices.ndim + 1) {
    argError(op, 'gradOutput', `shape [${indices.shape.join(', ')}, dim]`, `shape ${formatShape(gradOutput.shape)}`, ValueError);
  }
  const dim = gradOutput.shape[gradOutput.ndim - 1];
  expectShape(op, 'gradOutput', gradOutput, [...indices.shape, dim]);
  const count = indices.numel();
  const out = emptyTensor([numWeights, dim], gradOutput.dtype, true, gradOutput);
  getBackend().embeddingBackward(contiguousAs(gradOutput, [count, dim]), contiguousAs(indices, [count]), paddingIdx, out);
  return out;
}
