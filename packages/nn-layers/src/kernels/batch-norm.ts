// Batch normalization over dim 1 of contiguous [N, C, inner] arrays, forward and backward, in
// float64 accumulation (as ATen's CPU kernel accumulates float32 in double).
import type { FloatArray } from './strided.js';

export interface BatchNormShape {
  n: number;
  c: number;
  inner: number;
}

/** Per-channel mean and biased variance: mean = sum(x) / m, var = sum((x - mean)^2) / m, m = n * inner. */
export function channelMoments(s: BatchNormShape, x: FloatArray): { mean: Float64Array; varBiased: Float64Array } {
  const { n, c, inner } = s;
  const m = n * inner;
  const mean = new Float64Array(c);
  const varBiased = new Float64Array(c);
  for (let ch = 0; ch < c; ch++) {
    let sum = 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * inner;
      for (let i = 0; i < inner; i++) sum += x[base + i];
    }
    const mu = sum / m;
    let sq = 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * inner;
      for (let i = 0; i < inner; i++) {
        const d = x[base + i] - mu;
        sq += d * d;
      }
    }
    mean[ch] = mu;
    varBiased[ch] = sq / m;
  }
  return { mean, varBiased };
}

/** y = (x - mean[c]) * invStd[c] * weight[c] + bias[c] */
export function batchNormForward(
  s: BatchNormShape,
  x: FloatArray,
  mean: ArrayLike<number>,
  invStd: ArrayLike<number>,
  weight: FloatArray | null,
  bias: FloatArray | null,
  out: FloatArray,
): void {
  const { n, c, inner } = s;
  for (let ch = 0; ch < c; ch++) {
    const scale = invStd[ch] * (weight ? weight[ch] : 1);
    const mu = mean[ch];
    const shift = bias ? bias[ch] : 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * inner;
      for (let i = 0; i < inner; i++) out[base + i] = (x[base + i] - mu) * scale + shift;
    }
  }
}

export interface BatchNormGrads {
  gradInput: Float64Array | null;
  gradWeight: Float64Array | null;
  gradBias: Float64Array | null;
}

/**
 * Gradients with xhat = (x - mean) * invStd, g = dy * weight:
 * batch statistics: dx = invStd * (g - mean(g) - xhat * mean(g * xhat)); fixed statistics: dx = invStd * g;
 * dweight = sum(dy * xhat), dbias = sum(dy).
 */
export function batchNormBackward(
  s: BatchNormShape,
  x: FloatArray,
  gy: FloatArray,
  mean: ArrayLike<number>,
  invStd: ArrayLike<number>,
  weight: FloatArray | null,
  batchStats: boolean,
  need: { input: boolean; weight: boolean; bias: boolean },
): BatchNormGrads {
  const { n, c, inner } = s;
  const m = n * inner;
  const gradInput = need.input ? new Float64Array(n * c * inner) : null;
  const gradWeight = need.weight ? new Float64Array(c) : null;
  const gradBias = need.bias ? new Float64Array(c) : null;
  for (let ch = 0; ch < c; ch++) {
    const mu = mean[ch];
    const is = invStd[ch];
    let sumDy = 0;
    let sumDyXhat = 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * inner;
      for (let i = 0; i < inner; i++) {
        const dy = gy[base + i];
        sumDy += dy;
        sumDyXhat += dy * (x[base + i] - mu) * is;
      }
    }
    if (gradWeight) gradWeight[ch] = sumDyXhat;
    if (gradBias) gradBias[ch] = sumDy;
    if (!gradInput) continue;
    const w = weight ? weight[ch] : 1;
    const meanDy = sumDy / m;
    const meanDyXhat = sumDyXhat / m;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * inner;
      for (let i = 0; i < inner; i++) {
        const dy = gy[base + i];
        if (batchStats) {
          const xhat = (x[base + i] - mu) * is;
          gradInput[base + i] = w * is * (dy - meanDy - xhat * meanDyXhat);
        } else {
          gradInput[base + i] = w * is * dy;
        }
      }
    }
  }
  return { gradInput, gradWeight, gradBias };
}
