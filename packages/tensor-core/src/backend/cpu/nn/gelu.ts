// GELU (exact and tanh) and its derivative on contiguous views. Moved from @torchlet/nn-layers,
// same arithmetic.
import type { GeluKernelApproximate } from '../../kernels/nn.js';
import type { StridedView } from '../../interface.js';
import { numel } from '../../../shape.js';
import { erf } from './erf.js';

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327; // 1 / sqrt(2 pi)
const K_BETA = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5; // sqrt(2 / pi), as ATen's M_SQRT2 * M_2_SQRTPI * 0.5
const K_KAPPA = 0.044715;

/** y = x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)); tanh: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) */
export function gelu(x: StridedView, approximate: GeluKernelApproximate, out: StridedView): void {
  const n = numel(x.shape);
  const xd = x.data;
  const od = out.data;
  const xo = x.offset;
  const oo = out.offset;
  if (approximate === 'tanh') {
    for (let i = 0; i < n; i++) {
      const v = xd[xo + i];
      const inner = K_BETA * (v + K_KAPPA * v * v * v);
      od[oo + i] = 0.5 * v * (1 + Math.tanh(inner));
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = xd[xo + i];
    od[oo + i] = v * 0.5 * (1 + erf(v * SQRT1_2));
  }
}

/** dy/dx = Phi(x) + x phi(x); tanh: 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2) */
export function geluBackward(x: StridedView, gradOutput: StridedView, approximate: GeluKernelApproximate, out: StridedView): void {
  const n = numel(x.shape);
  const xd = x.data;
  const gd = gradOutput.data;
  const od = out.data;
  const xo = x.offset;
  const go = gradOutput.offset;
  const oo = out.offset;
  if (approximate === 'tanh') {
    for (let i = 0; i < n; i++) {
      const v = xd[xo + i];
      const xSq = v * v;
      const t = Math.tanh(K_BETA * (v + K_KAPPA * xSq * v));
      const left = 0.5 * v;
      const right = 1 + t;
      const dLeft = 0.5 * right;
      const dRight = left * (1 - t * t) * K_BETA * (1 + 3 * K_KAPPA * xSq);
      od[oo + i] = gd[go + i] * (dLeft + dRight);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = xd[xo + i];
    const cdf = 0.5 * (1 + erf(v * SQRT1_2));
    const pdf = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
    od[oo + i] = gd[go + i] * (cdf + v * pdf);
  }
}
