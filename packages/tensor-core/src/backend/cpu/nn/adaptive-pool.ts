// Adaptive average pooling on contiguous [planes, H, W] views, following ATen's
// AdaptiveAvgPoolKernel.cpp. Moved from @torchlet/nn-layers, same arithmetic.
import type { StridedView } from '../../interface.js';
import { accumulateInto } from './accumulate.js';

/** Adaptive windows: [floor(o*in/out), ceil((o+1)*in/out)). */
function adaptiveStart(o: number, outSize: number, inSize: number): number {
  return Math.floor((o * inSize) / outSize);
}
function adaptiveEnd(o: number, outSize: number, inSize: number): number {
  return Math.ceil(((o + 1) * inSize) / outSize);
}

/** out[p, oh, ow] = mean of x[p] over its adaptive window */
export function adaptiveAvgPool2d(x: StridedView, out: StridedView): void {
  const [planes, inH, inW] = x.shape;
  const [, outH, outW] = out.shape;
  const xd = x.data;
  const od = out.data;
  for (let p = 0; p < planes; p++) {
    const xBase = x.offset + p * inH * inW;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = adaptiveStart(oh, outH, inH);
      const h1 = adaptiveEnd(oh, outH, inH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = adaptiveStart(ow, outW, inW);
        const w1 = adaptiveEnd(ow, outW, inW);
        let sum = 0;
        for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) sum += xd[xBase + h * inW + w];
        od[out.offset + (p * outH + oh) * outW + ow] = sum / ((h1 - h0) * (w1 - w0));
      }
    }
  }
}

/** out[window] += gradOutput[o] / (window size) */
export function adaptiveAvgPool2dBackward(gradOutput: StridedView, out: StridedView): void {
  const [planes, outH, outW] = gradOutput.shape;
  const [, inH, inW] = out.shape;
  const gd = gradOutput.data;
  accumulateInto(out, (acc, base) => {
    for (let p = 0; p < planes; p++) {
      const xBase = base + p * inH * inW;
      for (let oh = 0; oh < outH; oh++) {
        const h0 = adaptiveStart(oh, outH, inH);
        const h1 = adaptiveEnd(oh, outH, inH);
        for (let ow = 0; ow < outW; ow++) {
          const w0 = adaptiveStart(ow, outW, inW);
          const w1 = adaptiveEnd(ow, outW, inW);
          const share = gd[gradOutput.offset + (p * outH + oh) * outW + ow] / ((h1 - h0) * (w1 - w0));
          for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) acc[xBase + h * inW + w] += share;
        }
      }
    }
  });
}
