// 2-D pooling on contiguous [planes, H, W] typed arrays (planes = N * C), following ATen's CPU
// kernels (MaxPoolKernel.cpp, AvgPoolKernel.cpp, AdaptiveAvgPoolKernel.cpp).
import type { FloatArray } from './strided.js';

export interface PoolGeometry {
  planes: number;
  inH: number;
  inW: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  padH: number;
  padW: number;
  dilationH: number;
  dilationW: number;
  outH: number;
  outW: number;
}

/** ATen's pooling_output_shape: floor or ceil of (in + 2p - d(k-1) - 1)/s + 1, and a last window must start inside the input or left padding. */
export function poolOutSize(size: number, k: number, pad: number, stride: number, dilation: number, ceilMode: boolean): number {
  const span = size + 2 * pad - dilation * (k - 1) - 1 + (ceilMode ? stride - 1 : 0);
  let out = Math.floor(span / stride) + 1;
  if (ceilMode && (out - 1) * stride >= size + pad) out--;
  return out;
}

/** Max over each window; `indices` gets the flat h*W + w of the max (NaN wins, first max wins ties). */
export function maxPool2dForward(g: PoolGeometry, x: FloatArray, out: FloatArray, indices: Float64Array): void {
  const { planes, inH, inW, kH, kW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } = g;
  for (let p = 0; p < planes; p++) {
    const xBase = p * inH * inW;
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
            const v = x[xBase + index];
            if (v > maxVal || v !== v) {
              maxVal = v;
              maxIndex = index;
            }
          }
        }
        out[oBase + oh * outW + ow] = maxVal;
        indices[oBase + oh * outW + ow] = maxIndex;
      }
    }
  }
}

/** gx[plane, indices[o]] += gy[o] */
export function maxPool2dBackward(g: PoolGeometry, gy: FloatArray, indices: Float64Array): Float64Array {
  const gx = new Float64Array(g.planes * g.inH * g.inW);
  const outPlane = g.outH * g.outW;
  const inPlane = g.inH * g.inW;
  for (let p = 0; p < g.planes; p++) {
    for (let o = 0; o < outPlane; o++) gx[p * inPlane + indices[p * outPlane + o]] += gy[p * outPlane + o];
  }
  return gx;
}

export interface AvgPoolOptions {
  countIncludePad: boolean;
  divisorOverride: number | undefined;
}

/** Visit every window: (plane offset in x, output index, h0, h1, w0, w1, divisor). */
function forEachAvgWindow(
  g: PoolGeometry,
  options: AvgPoolOptions,
  visit: (xBase: number, o: number, h0: number, h1: number, w0: number, w1: number, divide: number) => void,
): void {
  const { planes, inH, inW, kH, kW, strideH, strideW, padH, padW, outH, outW } = g;
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
        const divide =
          options.divisorOverride ?? (options.countIncludePad ? poolSize : (h1 - h0) * (w1 - w0));
        visit(xBase, oBase + oh * outW + ow, h0, h1, w0, w1, divide);
      }
    }
  }
}

/** out = sum(window) / divisor; an empty window (all padding) gives 0. */
export function avgPool2dForward(g: PoolGeometry, options: AvgPoolOptions, x: FloatArray, out: FloatArray): void {
  forEachAvgWindow(g, options, (xBase, o, h0, h1, w0, w1, divide) => {
    if (h0 >= h1 || w0 >= w1) {
      out[o] = 0;
      return;
    }
    let sum = 0;
    for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) sum += x[xBase + h * g.inW + w];
    out[o] = sum / divide;
  });
}

/** gx[window] += gy[o] / divisor */
export function avgPool2dBackward(g: PoolGeometry, options: AvgPoolOptions, gy: FloatArray): Float64Array {
  const gx = new Float64Array(g.planes * g.inH * g.inW);
  forEachAvgWindow(g, options, (xBase, o, h0, h1, w0, w1, divide) => {
    if (h0 >= h1 || w0 >= w1) return;
    const share = gy[o] / divide;
    for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) gx[xBase + h * g.inW + w] += share;
  });
  return gx;
}

/** Adaptive windows: [floor(o*in/out), ceil((o+1)*in/out)). */
export function adaptiveStart(o: number, outSize: number, inSize: number): number {
  return Math.floor((o * inSize) / outSize);
}
export function adaptiveEnd(o: number, outSize: number, inSize: number): number {
  return Math.ceil(((o + 1) * inSize) / outSize);
}

export function adaptiveAvgPool2dForward(planes: number, inH: number, inW: number, outH: number, outW: number, x: FloatArray, out: FloatArray): void {
  for (let p = 0; p < planes; p++) {
    const xBase = p * inH * inW;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = adaptiveStart(oh, outH, inH);
      const h1 = adaptiveEnd(oh, outH, inH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = adaptiveStart(ow, outW, inW);
        const w1 = adaptiveEnd(ow, outW, inW);
        let sum = 0;
        for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) sum += x[xBase + h * inW + w];
        out[(p * outH + oh) * outW + ow] = sum / ((h1 - h0) * (w1 - w0));
      }
    }
  }
}

export function adaptiveAvgPool2dBackward(planes: number, inH: number, inW: number, outH: number, outW: number, gy: FloatArray): Float64Array {
  const gx = new Float64Array(planes * inH * inW);
  for (let p = 0; p < planes; p++) {
    const xBase = p * inH * inW;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = adaptiveStart(oh, outH, inH);
      const h1 = adaptiveEnd(oh, outH, inH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = adaptiveStart(ow, outW, inW);
        const w1 = adaptiveEnd(ow, outW, inW);
        const share = gy[(p * outH + oh) * outW + ow] / ((h1 - h0) * (w1 - w0));
        for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) gx[xBase + h * inW + w] += share;
      }
    }
  }
  return gx;
}
