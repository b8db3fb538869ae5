// conv2d on contiguous NCHW typed arrays: im2col + GEMM per (batch, group), with the explicit
// backward (col2im). Accumulates in doubles and rounds once when stored.
import type { FloatArray } from './strided.js';

export interface Conv2dGeometry {
  batch: number;
  inChannels: number;
  inH: number;
  inW: number;
  outChannels: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  /** top, bottom, left, right zero padding */
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  dilationH: number;
  dilationW: number;
  groups: number;
  outH: number;
  outW: number;
}

/** out = floor((in + padBefore + padAfter - dilation*(k-1) - 1) / stride) + 1 */
export function convOutSize(size: number, k: number, stride: number, padBefore: number, padAfter: number, dilation: number): number {
  return Math.floor((size + padBefore + padAfter - dilation * (k - 1) - 1) / stride) + 1;
}

/** cols[(c*kH + i)*kW + j, oh*outW + ow] = x[c, oh*sH - pT + i*dH, ow*sW - pL + j*dW] (0 outside). */
function im2col(g: Conv2dGeometry, x: FloatArray, xOffset: number, cStart: number, cCount: number, cols: Float64Array): void {
  const { inH, inW, kH, kW, strideH, strideW, padTop, padLeft, dilationH, dilationW, outH, outW } = g;
  const spatial = outH * outW;
  let row = 0;
  for (let c = 0; c < cCount; c++) {
    const plane = xOffset + (cStart + c) * inH * inW;
    for (let i = 0; i < kH; i++) {
      for (let j = 0; j < kW; j++, row++) {
        const base = row * spatial;
        for (let oh = 0; oh < outH; oh++) {
          const ih = oh * strideH - padTop + i * dilationH;
          const rowBase = base + oh * outW;
          if (ih < 0 || ih >= inH) {
            for (let ow = 0; ow < outW; ow++) cols[rowBase + ow] = 0;
            continue;
          }
          const xRow = plane + ih * inW;
          for (let ow = 0; ow < outW; ow++) {
            const iw = ow * strideW - padLeft + j * dilationW;
            cols[rowBase + ow] = iw >= 0 && iw < inW ? x[xRow + iw] : 0;
          }
        }
      }
    }
  }
}

/** x[c, ih, iw] += cols[...] (the adjoint of im2col). */
function col2im(g: Conv2dGeometry, cols: Float64Array, gx: Float64Array, xOffset: number, cStart: number, cCount: number): void {
  const { inH, inW, kH, kW, strideH, strideW, padTop, padLeft, dilationH, dilationW, outH, outW } = g;
  const spatial = outH * outW;
  let row = 0;
  for (let c = 0; c < cCount; c++) {
    const plane = xOffset + (cStart + c) * inH * inW;
    for (let i = 0; i < kH; i++) {
      for (let j = 0; j < kW; j++, row++) {
        const base = row * spatial;
        for (let oh = 0; oh < outH; oh++) {
          const ih = oh * strideH - padTop + i * dilationH;
          if (ih < 0 || ih >= inH) continue;
          const xRow = plane + ih * inW;
          const rowBase = base + oh * outW;
          for (let ow = 0; ow < outW; ow++) {
            const iw = ow * strideW - padLeft + j * dilationW;
            if (iw >= 0 && iw < inW) gx[xRow + iw] += cols[rowBase + ow];
          }
        }
      }
    }
  }
}

/** acc[j, s] = sum_k w[o0 + j, k] * cols[k, s] for j < count (count <= 4: four output rows share each load of cols). */
function gemmRows(w: FloatArray, K: number, o0: number, count: number, cols: Float64Array, S: number, acc: Float64Array): void {
  acc.fill(0, 0, count * S);
  for (let k = 0; k < K; k++) {
    const c = k * S;
    const w0 = w[o0 * K + k];
    if (count === 4) {
      const w1 = w[(o0 + 1) * K + k];
      const w2 = w[(o0 + 2) * K + k];
      const w3 = w[(o0 + 3) * K + k];
      for (let s = 0; s < S; s++) {
        const v = cols[c + s];
        acc[s] += w0 * v;
        acc[S + s] += w1 * v;
        acc[2 * S + s] += w2 * v;
        acc[3 * S + s] += w3 * v;
      }
    } else {
      for (let j = 0; j < count; j++) {
        const wj = w[(o0 + j) * K + k];
        const base = j * S;
        for (let s = 0; s < S; s++) acc[base + s] += wj * cols[c + s];
      }
    }
  }
}

/** out[N, OC, OH, OW] = weight[OC, C/groups, kH, kW] (*) x[N, C, H, W] + bias */
export function conv2dForward(g: Conv2dGeometry, x: FloatArray, weight: FloatArray, bias: FloatArray | null, out: FloatArray): void {
  const cg = g.inChannels / g.groups;
  const ocg = g.outChannels / g.groups;
  const K = cg * g.kH * g.kW;
  const spatial = g.outH * g.outW;
  const cols = new Float64Array(K * spatial);
  const acc = new Float64Array(4 * spatial);
  for (let n = 0; n < g.batch; n++) {
    const xOffset = n * g.inChannels * g.inH * g.inW;
    for (let grp = 0; grp < g.groups; grp++) {
      im2col(g, x, xOffset, grp * cg, cg, cols);
      for (let oc = 0; oc < ocg; oc += 4) {
        const count = Math.min(4, ocg - oc);
        const o0 = grp * ocg + oc;
        gemmRows(weight, K, o0, count, cols, spatial, acc);
        for (let j = 0; j < count; j++) {
          const b = bias ? bias[o0 + j] : 0;
          const outBase = (n * g.outChannels + o0 + j) * spatial;
          for (let s = 0; s < spatial; s++) out[outBase + s] = acc[j * spatial + s] + b;
        }
      }
    }
  }
}

export interface Conv2dGrads {
  gradInput: Float64Array | null;
  gradWeight: Float64Array | null;
  gradBias: Float64Array | null;
}

/** The three gradients of conv2dForward for an upstream gradient `gy` [N, OC, OH, OW]. */
export function conv2dBackward(
  g: Conv2dGeometry,
  x: FloatArray,
  weight: FloatArray,
  gy: FloatArray,
  need: { input: boolean; weight: boolean; bias: boolean },
): Conv2dGrads {
  const cg = g.inChannels / g.groups;
  const ocg = g.outChannels / g.groups;
  const K = cg * g.kH * g.kW;
  const S = g.outH * g.outW;
  const cols = new Float64Array(K * S);
  const gradInput = need.input ? new Float64Array(g.batch * g.inChannels * g.inH * g.inW) : null;
  const gradWeight = need.weight ? new Float64Array(g.outChannels * K) : null;
  const gradBias = need.bias ? new Float64Array(g.outChannels) : null;
  // Transposed weights of a group, [K, ocg], so dcols = W^T gy reuses gemmRows.
  const wT = new Float64Array(K * ocg);
  const block = new Float64Array(4 * S);
  for (let n = 0; n < g.batch; n++) {
    const xOffset = n * g.inChannels * g.inH * g.inW;
    for (let grp = 0; grp < g.groups; grp++) {
      const gyGroup = (n * g.outChannels + grp * ocg) * S;
      if (gradBias) {
        for (let oc = 0; oc < ocg; oc++) {
          let s0 = 0;
          for (let s = 0; s < S; s++) s0 += gy[gyGroup + oc * S + s];
          gradBias[grp * ocg + oc] += s0;
        }
      }
      if (gradWeight) {
        // dW[o, k] += sum_s gy[o, s] * cols[k, s]
        im2col(g, x, xOffset, grp * cg, cg, cols);
        for (let k = 0; k < K; k++) {
          const c = k * S;
          for (let oc = 0; oc < ocg; oc++) {
            const gyBase = gyGroup + oc * S;
            let sum = 0;
            for (let s = 0; s < S; s++) sum += gy[gyBase + s] * cols[c + s];
            gradWeight[(grp * ocg + oc) * K + k] += sum;
          }
        }
      }
      if (gradInput) {
        // dcols[k, s] = sum_o W[o, k] * gy[o, s], then col2im
        for (let oc = 0; oc < ocg; oc++) for (let k = 0; k < K; k++) wT[k * ocg + oc] = weight[(grp * ocg + oc) * K + k];
        const gyRows = toF64(gy.subarray(gyGroup, gyGroup + ocg * S));
        for (let k = 0; k < K; k += 4) {
          const count = Math.min(4, K - k);
          gemmRows(wT, ocg, k, count, gyRows, S, block);
          cols.set(block.subarray(0, count * S), k * S);
        }
        col2im(g, cols, gradInput, xOffset, grp * cg, cg);
      }
    }
  }
  return { gradInput, gradWeight, gradBias };
}

function toF64(a: FloatArray): Float64Array {
  return a instanceof Float64Array ? a : Float64Array.from(a);
}
