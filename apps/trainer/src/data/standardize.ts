import { sampleSize, type Dataset } from './types.js';

export interface Standardizer {
  mean: number[];
  std: number[];
}

/** Per-feature mean and std of the training split (std floored at 1e-8). */
export function fitStandardizer(train: Dataset): Standardizer {
  const size = sampleSize(train);
  const n = train.labels.length;
  const mean = new Array<number>(size).fill(0);
  const sq = new Array<number>(size).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < size; j++) mean[j] += train.features[i * size + j];
  }
  for (let j = 0; j < size; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < size; j++) sq[j] += (train.features[i * size + j] - mean[j]) ** 2;
  }
  const std = sq.map((s) => Math.max(Math.sqrt(s / n), 1e-8));
  return { mean, std };
}

/** z-scores with the training split's statistics. */
export function applyStandardizer(ds: Dataset, s: Standardizer): Dataset {
  const size = sampleSize(ds);
  const features = new Float32Array(ds.features.length);
  for (let i = 0; i < ds.labels.length; i++) {
    for (let j = 0; j < size; j++) {
      features[i * size + j] = (ds.features[i * size + j] - s.mean[j]) / s.std[j];
    }
  }
  return { ...ds, features };
}
