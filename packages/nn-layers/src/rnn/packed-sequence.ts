// PackedSequence (torch.nn.utils.rnn.PackedSequence): the time steps of a batch of sequences of
// different lengths, sorted longest first, stored step by step: `data` holds step 0's rows (one
// per sequence), then step 1's (the sequences still running), ...; `batchSizes[t]` counts step t's rows.
import { ValueError, arange, zeros, type Tensor } from '@torchlet/tensor-core';

export class PackedSequence {
  /** Shape [sum(batchSizes), *]: every step's rows, step after step. */
  readonly data: Tensor;
  /** int64 [T]: rows per step, non-increasing. */
  readonly batchSizes: Tensor;
  /** int64 [B]: the original batch index of each sorted position (null: the batch came sorted). */
  readonly sortedIndices: Tensor | null;
  /** int64 [B]: the inverse permutation of sortedIndices. */
  readonly unsortedIndices: Tensor | null;

  constructor(data: Tensor, batchSizes: Tensor, sortedIndices: Tensor | null = null, unsortedIndices: Tensor | null = null) {
    if (batchSizes.ndim !== 1 || batchSizes.dtype !== 'int64') {
      throw new ValueError(`PackedSequence: batch_sizes should be a 1-D int64 tensor, got ${batchSizes.ndim}-D ${batchSizes.dtype}`);
    }
    this.data = data;
    this.batchSizes = batchSizes;
    this.sortedIndices = sortedIndices;
    this.unsortedIndices = unsortedIndices ?? (sortedIndices ? invertPermutation(sortedIndices) : null);
  }

  /** batchSizes as numbers. */
  batchSizeList(): number[] {
    return Array.from(this.batchSizes.toTypedArray(), Number);
  }

  /** The same sequences with `data` replaced (a layer's output keeps the batch layout). */
  withData(data: Tensor): PackedSequence {
    return new PackedSequence(data, this.batchSizes, this.sortedIndices, this.unsortedIndices);
  }
}

/** The permutation q with q[p[i]] = i, int64. */
export function invertPermutation(p: Tensor): Tensor {
  const n = p.numel();
  const on = { dtype: 'int64', device: p.device } as const;
  return zeros([n], on).scatter(0, p, arange(n, undefined, undefined, on)); // q[p[i]] = i, on p's device
}
