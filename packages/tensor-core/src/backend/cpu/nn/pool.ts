// 2-D max and average pooling on contiguous [planes, H, W] views (planes = N * C), following ATen's
// CPU kernels (MaxPoolKernel.cpp, AvgPoolKernel.cpp). Moved from @torchlet/nn-layers, same arithmetic.
import type { AvgPool2dGeometry, MaxPool2dGeometry } from '../../kernels/nn.js';
import type { StridedView } from '../../interface.js';
import { accumulateInto } from './accumulate.js';

/** Max over each window; `indices` gets the flat h*W + w of the max (NaN wins, first max wins ties). */
export function maxPool2d(x: StridedView, g: MaxPool2dGeometry, out: StridedView, indices: StridedView): void {
  const [planes, inH, inW] = x.shape;
  const [, outH, outW] = out.shape;
  const { kH, kW, strideH, strideW, padH, padW, dilationH, dilationW } = g;
  const xd = x.data;
  const od = out.data;
  const id = indices.data;
  for (let p = 0; p < planes; p++) {
    const xBase = x.offset + p * inH * inW;
    const oBase = p * outH * outW;
    for (let oh = 0; oh < outH; oh++) {
      let hStart = oh * strideH - padH;
      const hEnd = Math.min(hStart + (kH - 1) * dilationH + 1, inH);
      while (hStart < 0) hStart += dilationH;
      for (let ow = 0; ow < outW; ow++) {
        let wStart = ow * strideW - padW;
        const wEnd = Math.min(wStart + (kW - 1) * dilationW + 1, inW);
        while (wStart < 0) wStart += dilationW;
        let maxIndex = hStart * inW + wStart;
        let maxVal = -Infinity;
        for (let h = hStart; h < hEnd; h += dilationH) {
          for (let w = wStart; w < wEnd; w += dilationW) {
            const index = h * inW + w;
            const v = xd[xBase + index];
            if (v > maxVal || v !== v) {
              maxVal = v;
              maxIndex = index;
            }
          }
        }
        od[out.offset + oBase + oh * outW + ow] = maxVal;
        id[indices.offset + oBase + oh * outW + ow] = maxIndex;
      }
    }
  }
}

/** out[plane, indices[o]] += gradOutput[o] */
export function maxPool2dBackward(gradOutput: StridedView, indices: StridedView, out: StridedView): void {
  const [planes, outH, outW] = gradOutput.shape;
  const [, inH, inW] = out.shape;
  const outPlane = outH * outW;
  const inPlane = inH * inW;
  const gd = gradOutput.data;
  const id = indices.data;
  accumulateInto(out, (acc, base) => {
    for (let p = 0; p < planes; p++) {
      const o0 = p * outPlane;
      for (let o = 0; o < outPlane; o++) {
        acc[base + p * inPlane + id[indices.offset + o0 + o]] += gd[gradOutput.offset + o0 + o];
      }
    }
  });
}

/** Visit every window: (plane offset, output index, h0, h1, w0, w1, divisor), both offsets from 0. */
function forEachAvgWindow(
  planes: number,
  inH: number,
  inW: number,
  outH: number,
  outW: number,
  g: AvgPool2dGeometry,
  visit: (xBase: number, o: number, h0: number, h1: number, w0: number, w1: number, divide: number) => void,
): void {
  const { kH, kW, strideH, strideW, padH, padW } = g;
  for (let p = 0; p < planes; p++) {
    const xBase = p * inH * inW;
    const oBase = p * outH * outW;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        let h0 = oh * strideH - padH;
        let w0 = ow * strideW - padW;
        let h1 = Math.min(h0 + kH, inH + padH);
        let w1 = Math.min(w0 + kW, inW + padW);
        const poolSize = (h1 - h0) * (w1 - w0);
        h0 = Math.max(h0, 0);
        w0 = Math.max(w0, 0);
        h1 = Math.min(h1, inH);
        w1 = Math.min(w1, inW);
        const divide = g.divisorOverride ?? (g.countIncludePad ? poolSize : (h1 - h0) * (w1 - w0));
        visit(xBase, oBase + oh * outW + ow, h0, h1, w0, w1, divide);
      }
    }
  }
}

/** out = sum(window) / divisor; an empty window (all padding) gives 0. */
export function avgPool2d(x: StridedView, g: AvgPool2dGeometry, out: StridedView): void {
  const [planes, inH, inW] = x.shape;
  const [, outH, outW] = out.shape;
  const xd = x.data;
  const od = out.data;
  forEachAvgWindow(planes, inH, inW, outH, outW, g, (xBase, o, h0, h1, w0, w1, divide) => {
    if (h0 >= h1 || w0 >= w1) {
      od[out.offset + o] = 0;
      return;
    }
    let sum = 0;
    for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) sum += xd[x.offset + xBase + h * inW + w];
    od[out.offset + o] = sum / divide;
  });
}

/** out[window] += gradOutput[o] / divisor */
export function avgPool2dBackward(gradOutput: StridedView, g: AvgPool2dGeometry, out: StridedView): void {
  const [planes, outH, outW] = gradOutput.shape;
  const [, inH, inW] = out.shape;
  const gd = gradOutput.data;
  accumulateInto(out, (acc, base) => {
    forEachAvgWindow(planes, inH, inW, outH, outW, g, (xBase, o, h0, h1, w0, w1, divide) => {
      if (h0 >= h1 || w0 >= w1) return;
      const share = gd[gradOutput.offset + o] / divide;
      for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) acc[base + xBase + h * inW + w] += share;
    });
  });
}
