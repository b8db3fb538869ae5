// Elementwise kernels with no tensor-core primitive: GELU (exact and tanh) and its derivative.
import { erf } from './erf.js';
import type { FloatArray } from './strided.js';

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327; // 1 / sqrt(2 pi)
const K_BETA = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5; // sqrt(2 / pi), as ATen's M_SQRT2 * M_2_SQRTPI * 0.5
const K_KAPPA = 0.044715;

export type GeluApproximate = 'none' | 'tanh';

/** y = x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)); tanh: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) */
export function geluForward(x: FloatArray, out: FloatArray, approximate: GeluApproximate): void {
  const n = x.length;
  if (approximate === 'tanh') {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      const inner = K_BETA * (v + K_KAPPA * v * v * v);
      out[i] = 0.5 * v * (1 + Math.tanh(inner));
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = x[i];
    out[i] = v * 0.5 * (1 + erf(v * SQRT1_2));
  }
}

/** dy/dx = Phi(x) + x phi(x); tanh: 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2) */
export function geluBackward(x: FloatArray, gy: FloatArray, out: FloatArray, approximate: GeluApproximate): void {
  const n = x.length;
  if (approximate === 'tanh') {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      const xSq = v * v;
      const t = Math.tanh(K_BETA * (v + K_KAPPA * xSq * v));
      const left = 0.5 * v;
      const right = 1 + t;
      const dLeft = 0.5 * right;
      const dRight = left * (1 - t * t) * K_BETA * (1 + 3 * K_KAPPA * xSq);
      out[i] = gy[i] * (dLeft + dRight);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const cdf = 0.5 * (1 + erf(v * SQRT1_2));
    const pdf = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
    out[i] = gy[i] * (cdf + v * pdf);
  }
}
