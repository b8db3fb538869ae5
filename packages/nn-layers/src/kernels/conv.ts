// conv2d on contiguous NCHW typed arrays: im2col for the whole batch, then one batched GEMM per
// group on tensor-core's matmul (so the current backend's kernels run it: WebAssembly SIMD for
// float32, accumulating in float32 as PyTorch's CPU convolution does; doubles for float64), with the
// explicit backward (col2im). The kernels call tensor-core's own op table (`coreOps`): they work on
// fresh arrays that are never part of the graph.
import { Tensor, type DType } from '@torchlet/tensor-core';
import { coreOps } from '@torchlet/tensor-core/internal';
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

/**
 * The output columns [lo, hi) whose input column ow*stride - pad + offset lies inside [0, size):
 * only those read (or, for col2im, write) x; the others are zero padding.
 */
function validRange(outSize: number, size: number, stride: number, pad: number, offset: number): [number, number] {
  const lo = Math.max(0, Math.ceil((pad - offset) / stride));
  const hi = Math.min(outSize, Math.max(lo, Math.ceil((size + pad - offset) / stride)));
  return [lo, hi];
}

/**
 * cols[(c*kH + i)*kW + j, oh*outW + ow] = x[c, oh*sH - pT + i*dH, ow*sW - pL + j*dW], writing only
 * the positions inside x: `cols` must arrive zero-filled (the padding stays 0).
 */
function im2col(g: Conv2dGeometry, x: FloatArray, xOffset: number, cStart: number, cCount: number, cols: FloatArray, colsOffset: number): void {
  const { inH, inW, kH, kW, strideH, strideW, padTop, padLeft, dilationH, dilationW, outH, outW } = g;
  const spatial = outH * outW;
  let row = 0;
  for (let c = 0; c < cCount; c++) {
    const plane = xOffset + (cStart + c) * inH * inW;
    for (let i = 0; i < kH; i++) {
      const [ohLo, ohHi] = validRange(outH, inH, strideH, padTop, i * dilationH);
      for (let j = 0; j < kW; j++, row++) {
        const shift = j * dilationW - padLeft;
        const [owLo, owHi] = validRange(outW, inW, strideW, padLeft, j * dilationW);
        const base = colsOffset + row * spatial;
        for (let oh = ohLo; oh < ohHi; oh++) {
          let src = plane + (oh * strideH - padTop + i * dilationH) * inW + owLo * strideW + shift;
          const end = base + oh * outW + owHi;
          for (let dst = base + oh * outW + owLo; dst < end; dst++, src += strideW) cols[dst] = x[src];
        }
      }
    }
  }
}

/** x[c, ih, iw] += cols[...] (the adjoint of im2col: positions in the padding are skipped). */
function col2im(g: Conv2dGeometry, cols: FloatArray, colsOffset: number, gx: Float64Array, xOffset: number, cStart: number, cCount: number): void {
  const { inH, inW, kH, kW, strideH, strideW, padTop, padLeft, dilationH, dilationW, outH, outW } = g;
  const spatial = outH * outW;
  let row = 0;
  for (let c = 0; c < cCount; c++) {
    const plane = xOffset + (cStart + c) * inH * inW;
    for (let i = 0; i < kH; i++) {
      const [ohLo, ohHi] = validRange(outH, inH, strideH, padTop, i * dilationH);
      for (let j = 0; j < kW; j++, row++) {
        const shift = j * dilationW - padLeft;
        const [owLo, owHi] = validRange(outW, inW, strideW, padLeft, j * dilationW);
        const base = colsOffset + row * spatial;
        for (let oh = ohLo; oh < ohHi; oh++) {
          let dst = plane + (oh * strideH - padTop + i * dilationH) * inW + owLo * strideW + shift;
          const end = base + oh * outW + owHi;
          for (let src = base + oh * outW + owLo; src < end; src++, dst += strideW) gx[dst] += cols[src];
        }
      }
    }
  }
}

/** The im2col columns of group `grp` for the whole batch: [N, K, S] in x's array type (zero-filled first). */
function batchColumns(g: Conv2dGeometry, x: FloatArray, grp: number, cg: number, K: number, S: number): FloatArray {
  const cols = x instanceof Float32Array ? new Float32Array(g.batch * K * S) : new Float64Array(g.batch * K * S);
  for (let n = 0; n < g.batch; n++) im2col(g, x, n * g.inChannels * g.inH * g.inW, grp * cg, cg, cols, n * K * S);
  return cols;
}

/** A core tensor over `data` (no copy), with explicit strides and offset. */
function view(data: FloatArray, dtype: DType, shape: number[], strides: number[], offset = 0): Tensor {
  return new Tensor(data, shape, dtype, strides, offset);
}

/** out[N, OC, OH, OW] = weight[OC, C/groups, kH, kW] (*) x[N, C, H, W] + bias */
export function conv2dForward(g: Conv2dGeometry, x: FloatArray, weight: FloatArray, bias: FloatArray | null, out: FloatArray): void {
  const dtype: DType = x instanceof Float32Array ? 'float32' : 'float64';
  const cg = g.inChannels / g.groups;
  const ocg = g.outChannels / g.groups;
  const K = cg * g.kH * g.kW;
  const S = g.outH * g.outW;
  for (let grp = 0; grp < g.groups; grp++) {
    const cols = view(batchColumns(g, x, grp, cg, K, S), dtype, [g.batch, K, S], [K * S, S, 1]);
    // y[n] = W_grp [ocg, K] @ cols[n] [K, S], for every n at once
    // a fresh contiguous result: its storage is read directly (toTypedArray would copy it)
    const y = coreOps.matmul(view(weight, dtype, [ocg, K], [K, 1], grp * ocg * K), cols).data;
    for (let n = 0; n < g.batch; n++) {
      for (let j = 0; j < ocg; j++) {
        const o = grp * ocg + j;
        const b = bias ? bias[o] : 0;
        const src = (n * ocg + j) * S;
        const dst = (n * g.outChannels + o) * S;
        for (let s = 0; s < S; s++) out[dst + s] = y[src + s] + b;
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
  const dtype: DType = x instanceof Float32Array ? 'float32' : 'float64';
  const cg = g.inChannels / g.groups;
  const ocg = g.outChannels / g.groups;
  const K = cg * g.kH * g.kW;
  const S = g.outH * g.outW;
  const OS = g.outChannels * S;
  const gradInput = need.input ? new Float64Array(g.batch * g.inChannels * g.inH * g.inW) : null;
  const gradWeight = need.weight ? new Float64Array(g.outChannels * K) : null;
  const gradBias = need.bias ? new Float64Array(g.outChannels) : null;
  if (gradBias) {
    for (let n = 0; n < g.batch; n++) {
      for (let o = 0; o < g.outChannels; o++) {
        let s0 = 0;
        for (let s = 0, p = n * OS + o * S; s < S; s++, p++) s0 += gy[p];
        gradBias[o] += s0;
      }
    }
  }
  for (let grp = 0; grp < g.groups; grp++) {
    // gy of this group, [N, ocg, S], a view into gy [N, OC, S]
    const gyGroup = view(gy, dtype, [g.batch, ocg, S], [OS, S, 1], grp * ocg * S);
    if (gradWeight) {
      // dW[o, k] = sum_n sum_s gy[n, o, s] cols[n, k, s]: per n gy[n] @ cols[n]^T, summed over n
      const cols = batchColumns(g, x, grp, cg, K, S);
      const colsT = view(cols, dtype, [g.batch, S, K], [K * S, 1, S]);
      const dw = coreOps.sum(coreOps.matmul(gyGroup, colsT), 0).data;
      gradWeight.set(dw, grp * ocg * K);
    }
    if (gradInput) {
      // dcols[n] = W_grp^T [K, ocg] @ gy[n] [ocg, S], then col2im
      const dcols = coreOps.matmul(view(weight, dtype, [K, ocg], [1, K], grp * ocg * K), gyGroup).data as FloatArray;
      for (let n = 0; n < g.batch; n++) col2im(g, dcols, n * K * S, gradInput, n * g.inChannels * g.inH * g.inW, grp * cg, cg);
    }
  }
  return { gradInput, gradWeight, gradBias };
}
