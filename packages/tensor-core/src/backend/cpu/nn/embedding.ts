// Embedding lookup: out[i, :] = weight[index[i], :]; backward scatter-adds rows, skipping paddingIdx.
// Moved from @torchlet/nn-layers, same arithmetic.
import type { StridedView } from '../../interface.js';
import { accumulateInto } from './accumulate.js';

export function embedding(weight: StridedView, indices: StridedView, out: StridedView): void {
  const count = indices.shape[0];
  const dim = weight.shape[1];
  const wd = weight.data;
  const id = indices.data;
  const od = out.data;
  for (let i = 0; i < count; i++) {
    const row = weight.offset + id[indices.offset + i] * dim;
    const o = out.offset + i * dim;
    for (let j = 0; j < dim; j++) od[o + j] = wd[row + j];
  }
}

/** out[index[i], :] += gradOutput[i, :] for every i whose index is not paddingIdx */
export function embeddingBackward(gradOutput: StridedView, indices: StridedView, paddingIdx: number | null, out: StridedView): void {
  const count = indices.shape[0];
  const dim = out.shape[1];
  const gd = gradOutput.data;
  const id = indices.data;
  accumulateInto(out, (acc, base) => {
    for (let i = 0; i < count; i++) {
      const r = id[indices.offset + i];
      if (r === paddingIdx) continue;
      const o = gradOutput.offset + i * dim;
      const dst = base + r * dim;
      for (let j = 0; j < dim; j++) acc[dst + j] += gd[o + j];
    }
  });
}
