// Shared pieces of the fused optimizer kernels.
import type { StridedView } from '../../interface.js';

/** Math.fround: a float32 op's result is the double result rounded once (exact for + - * / sqrt of float32 values). */
export const fround = Math.fround;

/**
 * The L2 term's source when weight decay is off: a stride-0 view of +0 in the param's dtype, used with
 * a weight decay of -0, so that g + wd * s is g + (-0 * +0) = g + -0 = g exactly (for every g: -0 is
 * the additive identity, +0 + -0 = +0 and -0 + -0 = -0). The loops then need no branch (on Node 20 a
 * branch that never runs made the optimized Adam loop about 1.5x slower).
 */
export function zeroSource(like: StridedView): StridedView {
  const data = like.dtype === 'float32' ? new Float32Array(1) : new Float64Array(1);
  return { dtype: like.dtype, data, shape: like.shape, strides: like.shape.map(() => 0), offset: 0 };
}
