// Adaptive max pooling on contiguous [planes, H, W] views, following ATen's AdaptiveMaxPoolKernel.cpp.
// Moved from @torchlet/nn-layers, same comparisons and the same order of the gradient's additions.
import type { StridedView } from '../../interface.js';

/** out[p, oh, ow] = max of x[p] over its adaptive window; indices the flat h * W + w of that max. */
export function adaptiveMaxPool2d(x: StridedView, out: StridedView, indices: StridedView): void {
  const [planes, inH, inW] = x.shape;
  const [, outH, outW] = out.shape;
  const xd = x.data;
  const od = out.data;
  const id = indices.data;
  for (let p = 0; p < planes; p++) {
    const xBase = x.offset + p * inH * inW;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = Math.floor((oh * inH) / outH);
      const h1 = Math.ceil(((oh + 1) * inH) / outH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = Math.floor((ow * inW) / outW);
        const w1 = Math.ceil(((ow + 1) * inW) / outW);
        let best = h0 * inW + w0;
        let max = -Infinity;
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            const v = xd[xBase + h * inW + w];
            // a strictly greater value or any NaN takes the place: the first maximum, the last NaN
            if (v > max || Number.isNaN(v)) {
              max = v;
              best = h * inW + w;
            }
          }
        }
        const o = (p * outH + oh) * outW + ow;
        od[out.offset + o] = max;
        id[indices.offset + o] = best;
      }
    }
  }
}

/** gradInput[p, indices[p, o]] += gradOutput[p, o], output by output, rounding each addition to gradInput's dtype. */
export function adaptiveMaxPool2dBackward(gradOutput: StridedView, indices: StridedView, gradInput: StridedView): void {
  const [planes, outH, outW] = gradOutput.shape;
  const [, inH, inW] = gradInput.shape;
  const gd = gradOutput.data;
  const id = indices.data;
  const out = gradInput.data;
  const plane = inH * inW;
  const outs = outH * outW;
  out.fill(0, gradInput.offset, gradInput.offset + planes * plane);
  for (let p = 0; p < planes; p++) {
    const base = gradInput.offset + p * plane;
    for (let o = 0; o < outs; o++) {
      out[base + id[indices.offset + p * outs + o]] += gd[gradOutput.offset + p * outs + o];
    }
  }
}
