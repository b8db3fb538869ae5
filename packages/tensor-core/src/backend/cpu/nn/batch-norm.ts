// Batch normalization over dim 1 of contiguous [N, C, inner] views, forward and backward, in
// float64 accumulation (as ATen's CPU kernel accumulates float32 in double). Moved from
// @torchlet/nn-layers, same arithmetic.
import type { BatchNormGradViews } from '../../kernels/nn.js';
import type { StridedView } from '../../interface.js';

/** invStd[c] = 1 / sqrt(variance[c] + eps), in doubles. */
function inverseStd(variance: StridedView, eps: number): Float64Array {
  const c = variance.shape[0];
  const out = new Float64Array(c);
  for (let ch = 0; ch < c; ch++) out[ch] = 1 / Math.sqrt(variance.data[variance.offset + ch] + eps);
  return out;
}

/** Per-channel mean = sum(x) / m and biased variance = sum((x - mean)^2) / m, m = n * inner. */
export function batchNormMoments(x: StridedView, mean: StridedView, variance: StridedView): void {
  const [n, c, inner] = x.shape;
  const m = n * inner;
  const xd = x.data;
  for (let ch = 0; ch < c; ch++) {
    let sum = 0;
    for (let b = 0; b < n; b++) {
      const base = x.offset + (b * c + ch) * inner;
      for (let i = 0; i < inner; i++) sum += xd[base + i];
    }
    const mu = sum / m;
    let sq = 0;
    for (let b = 0; b < n; b++) {
      const base = x.offset + (b * c + ch) * inner;
      for (let i = 0; i < inner; i++) {
        const d = xd[base + i] - mu;
        sq += d * d;
      }
    }
    mean.data[mean.offset + ch] = mu;
    variance.data[variance.offset + ch] = sq / m;
  }
}

/** y = (x - mean[c]) * invStd[c] * weight[c] + bias[c] */
export function batchNorm(
  x: StridedView,
  mean: StridedView,
  variance: StridedView,
  eps: number,
  weight: StridedView | null,
  bias: StridedView | null,
  out: StridedView,
): void {
  const [n, c, inner] = x.shape;
  const invStd = inverseStd(variance, eps);
  const xd = x.data;
  const od = out.data;
  for (let ch = 0; ch < c; ch++) {
    const scale = invStd[ch] * (weight ? weight.data[weight.offset + ch] : 1);
    const mu = mean.data[mean.offset + ch];
    const shift = bias ? bias.data[bias.offset + ch] : 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * inner;
      const xBase = x.offset + base;
      const oBase = out.offset + base;
      for (let i = 0; i < inner; i++) od[oBase + i] = (xd[xBase + i] - mu) * scale + shift;
    }
  }
}

/**
 * Gradients with xhat = (x - mean) * invStd, g = dy * weight:
 * batch statistics: dx = invStd * (g - mean(g) - xhat * mean(g * xhat)); fixed statistics: dx = invStd * g;
 * dweight = sum(dy * xhat), dbias = sum(dy).
 */
export function batchNormBackward(
  x: StridedView,
  gradOutput: StridedView,
  mean: StridedView,
  variance: StridedView,
  eps: number,
  weight: StridedView | null,
  batchStats: boolean,
  grads: BatchNormGradViews,
): void {
  const [n, c, inner] = x.shape;
  const m = n * inner;
  const invStd = inverseStd(variance, eps);
  const xd = x.data;
  const gy = gradOutput.data;
  const { input: gradInput, weight: gradWeight, bias: gradBias } = grads;
  for (let ch = 0; ch < c; ch++) {
    const mu = mean.data[mean.offset + ch];
    const is = invStd[ch];
    let sumDy = 0;
    let sumDyXhat = 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * inner;
      for (let i = 0; i < inner; i++) {
        const dy = gy[gradOutput.offset + base + i];
        sumDy += dy;
        sumDyXhat += dy * (xd[x.offset + base + i] - mu) * is;
      }
    }
    if (gradWeight) gradWeight.data[gradWeight.offset + ch] = sumDyXhat;
    if (gradBias) gradBias.data[gradBias.offset + ch] = sumDy;
    if (!gradInput) continue;
    const gx = gradInput.data;
    const w = weight ? weight.data[weight.offset + ch] : 1;
    const meanDy = sumDy / m;
    const meanDyXhat = sumDyXhat / m;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * inner;
      for (let i = 0; i < inner; i++) {
        const dy = gy[gradOutput.offset + base + i];
        if (batchStats) {
          const xhat = (xd[x.offset + base + i] - mu) * is;
          gx[gradInput.offset + base + i] = w * is * (dy - meanDy - xhat * meanDyXhat);
        } else {
          gx[gradInput.offset + base + i] = w * is * dy;
        }
      }
    }
  }
}
