// Embedding lookup: out[i, :] = weight[index[i], :]; backward scatter-adds rows, skipping paddingIdx.
import type { FloatArray } from './strided.js';

export function embeddingForward(weight: FloatArray, dim: number, index: ArrayLike<number>, out: FloatArray): void {
  for (let i = 0; i < index.length; i++) {
    const row = index[i] * dim;
    const o = i * dim;
    for (let j = 0; j < dim; j++) out[o + j] = weight[row + j];
  }
}

/** gW[index[i], :] += gy[i, :] for every i whose index is not paddingIdx */
export function embeddingBackward(rows: number, dim: number, index: ArrayLike<number>, gy: FloatArray, paddingIdx: number | null): Float64Array {
  const gw = new Float64Array(rows * dim);
  for (let i = 0; i < index.length; i++) {
    const r = index[i];
    if (r === paddingIdx) continue;
    const o = i * dim;
    for (let j = 0; j < dim; j++) gw[r * dim + j] += gy[o + j];
  }
  return gw;
}
