import { tensor, type Tensor } from '@torchlet/tensor-core';
import { sampleSize, type Dataset } from '../data/types.js';
import { readValues, type TrainDevice } from './device.js';

export interface Batch {
  /** Inputs `[n, ...sampleShape]`, float32 (int64 token ids for text), no grad. */
  x: Tensor;
  /** Class indices `[n]`, int64. */
  y: Tensor;
  labels: Int32Array;
}

/** The samples at `indices` as one batch, on `device`. */
export function makeBatch(ds: Dataset, indices: readonly number[], device: TrainDevice = 'cpu'): Batch {
  const size = sampleSize(ds);
  const features = new Float32Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  indices.forEach((src, i) => {
    features.set(ds.features.subarray(src * size, (src + 1) * size), i * size);
    labels[i] = ds.labels[src];
  });
  const shape = [indices.length, ...ds.sampleShape];
  const x = ds.vocabSize === undefined ? tensor(features, { shape }) : tensor(Array.from(features), { shape, dtype: 'int64' });
  const y = tensor(Array.from(labels), { dtype: 'int64' });
  return { x: x.to(device), y: y.to(device), labels };
}

/** Consecutive batches of `batchSize` over `order` (the last one may be smaller). */
export function* batchIndices(order: readonly number[], batchSize: number): Generator<number[]> {
  for (let i = 0; i < order.length; i += batchSize) yield order.slice(i, i + batchSize);
}

/** Argmax over the class dim of `[n, C]` logits (on the CPU). */
export function predictions(logits: Tensor): Int32Array {
  return argmaxRows(logits.toTypedArray(), logits.shape); // row-major, whatever the strides; records nothing
}

/** `predictions` of logits on any device (read back asynchronously from a device). */
export async function predictionsAsync(logits: Tensor): Promise<Int32Array> {
  return argmaxRows(await readValues(logits), logits.shape);
}

function argmaxRows(data: ArrayLike<number>, shape: readonly number[]): Int32Array {
  const [n, c] = shape;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < c; j++) if (data[i * c + j] > data[i * c + best]) best = j;
    out[i] = best;
  }
  return out;
}
