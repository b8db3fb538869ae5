// The nn kernels (backend/kernels/nn.ts) and the ops over them (ops/nn), against references this
// file derives itself: convolution and its gradients by explicit loops over the definition, pooling by
// brute force over each window, batch norm by its formula and finite differences, embedding by
// indexing, GELU and erf against erf's Taylor series, finite differences and known identities.
// Every op runs on each available backend; the kernels are also called directly on the reference.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { Tensor, availableBackends, erf, cpuBackend, getBackend, setBackend, useBackend, type DType, type StridedView } from '@torchlet/tensor-core';
import type { NnKernels } from '../src/backend/kernels/nn.js';
import { wasmBackend } from '../src/backend/wasm/index.js';
import {
  adaptiveAvgPool2dBackward,
  adaptiveAvgPool2dForward,
  avgPool2dBackward,
  avgPool2dForward,
  batchNormBackward,
  batchNormForward,
  batchNormMoments,
  conv2dBackward,
  conv2dForward,
  embeddingBackward,
  embeddingForward,

  geluBackward,
  geluForward,
  maxPool2dBackward,
  maxPool2dForward,
  type AvgPool2dParams,
  type Conv2dParams,
  type MaxPool2dParams,
} from '../src/internal.js';
import { expectClose, mk, randomInts, randomValues, read, strided, unravel } from './compute-helpers.js';

// every size takes the wasm kernels where the wasm backend runs (by default tiny tensors stay on the reference)
process.env.TORCHLET_WASM_THRESHOLDS = '0';

const initial = getBackend();
afterAll(() => {
  setBackend(initial);
});

/** float64 results agree to rounding; float32 results within float32 accumulation error (the wasm matmul sums in float32). */
const TOL: Record<'float32' | 'float64', [number, number]> = { float64: [1e-12, 1e-12], float32: [1e-5, 1e-5] };
const FLOATS = ['float64', 'float32'] as const;

const sum = (a: readonly number[]): number => a.reduce((s, v) => s + v, 0);
const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, v, i) => s + v * b[i], 0);

// ---- references -------------------------------------------------------------------------------

/** erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)), summed until the terms vanish (|x| <= 3). */
function erfSeries(x: number): number {
  let term = x;
  let s = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    s += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * s;
}

/**
 * erfc(z) for z >= 1.5 by its continued fraction (no cancellation where erf is near +-1):
 * erfc(z) = exp(-z^2) / sqrt(pi) / (z + (1/2) / (z + 1 / (z + (3/2) / (z + 2 / (z + ...))))), evaluated from the tail.
 */
function erfcFraction(z: number): number {
  let tail = z;
  for (let k = 400; k >= 1; k--) tail = z + k / 2 / tail;
  return Math.exp(-z * z) / Math.sqrt(Math.PI) / tail;
}

/** The standard normal CDF Phi(x) = (1 + erf(x / sqrt 2)) / 2: the series near 0, the continued fraction in the tails. */
function normalCdf(x: number): number {
  const z = x / Math.SQRT2;
  if (z <= -1.5) return 0.5 * erfcFraction(-z);
  if (z >= 1.5) return 1 - 0.5 * erfcFraction(z);
  return 0.5 * (1 + erfSeries(z));
}

/** How many windows of extent `span` fit in `padded` positions with step `stride`. */
function windows(padded: number, span: number, stride: number): number {
  let count = 0;
  while (count * stride + span <= padded) count++;
  return count;
}

interface ConvCase {
  name: string;
  x: [number, number, number, number];
  o: number;
  k: [number, number];
  p: Conv2dParams;
  bias: boolean;
}

/** The convolution's output size, by counting windows in the padded input. */
function convOut(c: ConvCase): [number, number] {
  const { p } = c;
  return [
    windows(c.x[2] + p.padTop + p.padBottom, p.dilationH * (c.k[0] - 1) + 1, p.strideH),
    windows(c.x[3] + p.padLeft + p.padRight, p.dilationW * (c.k[1] - 1) + 1, p.strideW),
  ];
}

/**
 * Visit every product of the convolution's definition:
 * out[n, o, oh, ow] = b[o] + sum_{c, i, j} w[o, c, i, j] x[n, g*cg + c, oh*sH - pT + i*dH, ow*sW - pL + j*dW]
 * (positions outside x contribute nothing), with flat indices into x, w and out.
 */
function forEachConvTerm(c: ConvCase, visit: (xi: number, wi: number, oi: number) => void): void {
  const [N, C, H, W] = c.x;
  const [kH, kW] = c.k;
  const { p } = c;
  const [outH, outW] = convOut(c);
  const cg = C / p.groups;
  const ocg = c.o / p.groups;
  for (let n = 0; n < N; n++)
    for (let o = 0; o < c.o; o++)
      for (let oh = 0; oh < outH; oh++)
        for (let ow = 0; ow < outW; ow++)
          for (let ci = 0; ci < cg; ci++)
            for (let i = 0; i < kH; i++)
              for (let j = 0; j < kW; j++) {
                const h = oh * p.strideH - p.padTop + i * p.dilationH;
                const w = ow * p.strideW - p.padLeft + j * p.dilationW;
                if (h < 0 || h >= H || w < 0 || w >= W) continue;
                const ch = Math.floor(o / ocg) * cg + ci;
                visit(((n * C + ch) * H + h) * W + w, ((o * cg + ci) * kH + i) * kW + j, ((n * c.o + o) * outH + oh) * outW + ow);
              }
}

function refConv(c: ConvCase, x: number[], w: number[], b: number[] | null): number[] {
  const [outH, outW] = convOut(c);
  const out = new Array<number>(c.x[0] * c.o * outH * outW).fill(0);
  forEachConvTerm(c, (xi, wi, oi) => (out[oi] += w[wi] * x[xi]));
  if (b) out.forEach((_, oi) => (out[oi] += b[Math.floor(oi / (outH * outW)) % c.o]));
  return out;
}

/** The gradients of refConv's sum(out * gy): the product rule applied to each term. */
function refConvGrads(c: ConvCase, x: number[], w: number[], gy: number[]): { gx: number[]; gw: number[]; gb: number[] } {
  const gx = new Array<number>(x.length).fill(0);
  const gw = new Array<number>(w.length).fill(0);
  forEachConvTerm(c, (xi, wi, oi) => {
    gx[xi] += w[wi] * gy[oi];
    gw[wi] += x[xi] * gy[oi];
  });
  const [outH, outW] = convOut(c);
  const gb = new Array<number>(c.o).fill(0);
  gy.forEach((g, oi) => (gb[Math.floor(oi / (outH * outW)) % c.o] += g));
  return { gx, gw, gb };
}

/** PyTorch's pooling output size (docs of MaxPool2d): ceil or floor of (in + 2p - d(k-1) - 1)/s + 1, the last window starting inside input or left padding. */
function poolOut(size: number, k: number, pad: number, stride: number, dilation: number, ceil: boolean): number {
  const q = (size + 2 * pad - dilation * (k - 1) - 1) / stride;
  let out = (ceil ? Math.ceil(q) : Math.floor(q)) + 1;
  if (ceil && (out - 1) * stride >= size + pad) out--;
  return out;
}

/** Brute-force max pooling over [P, H, W] as ATen's CPU kernel: the last NaN, else the first maximum, of the positions inside the input. */
function refMaxPool(x: number[], [P, H, W]: number[], g: MaxPool2dParams): { out: number[]; idx: number[]; shape: number[] } {
  const outH = poolOut(H, g.kH, g.padH, g.strideH, g.dilationH, g.ceilMode);
  const outW = poolOut(W, g.kW, g.padW, g.strideW, g.dilationW, g.ceilMode);
  const out: number[] = [];
  const idx: number[] = [];
  for (let p = 0; p < P; p++)
    for (let oh = 0; oh < outH; oh++)
      for (let ow = 0; ow < outW; ow++) {
        let best = Number.NEGATIVE_INFINITY;
        let at = -1;
        for (let i = 0; i < g.kH; i++)
          for (let j = 0; j < g.kW; j++) {
            const h = oh * g.strideH - g.padH + i * g.dilationH;
            const w = ow * g.strideW - g.padW + j * g.dilationW;
            if (h < 0 || h >= H || w < 0 || w >= W) continue;
            const v = x[(p * H + h) * W + w];
            if (at < 0 || v > best || Number.isNaN(v)) {
              best = v;
              at = h * W + w;
            }
          }
        out.push(best);
        idx.push(at);
      }
  return { out, idx, shape: [P, outH, outW] };
}

/**
 * Brute-force average pooling: each window [oh*s - p, oh*s - p + k) is cut to the padded input
 * [-p, in + p); its sum runs over the positions inside the input; the divisor counts the positions
 * inside the padded input (countIncludePad), or inside the input, unless divisorOverride.
 * Returns, per output, the input positions and the divisor.
 */
function avgWindows([P, H, W]: number[], g: AvgPool2dParams): { cells: Array<{ at: number[]; divisor: number }>; shape: number[] } {
  const outH = poolOut(H, g.kH, g.padH, g.strideH, 1, g.ceilMode);
  const outW = poolOut(W, g.kW, g.padW, g.strideW, 1, g.ceilMode);
  const cells: Array<{ at: number[]; divisor: number }> = [];
  for (let p = 0; p < P; p++)
    for (let oh = 0; oh < outH; oh++)
      for (let ow = 0; ow < outW; ow++) {
        const at: number[] = [];
        let padded = 0;
        for (let i = 0; i < g.kH; i++)
          for (let j = 0; j < g.kW; j++) {
            const h = oh * g.strideH - g.padH + i;
            const w = ow * g.strideW - g.padW + j;
            if (h >= H + g.padH || w >= W + g.padW) continue;
            padded++;
            if (h >= 0 && h < H && w >= 0 && w < W) at.push((p * H + h) * W + w);
          }
        cells.push({ at, divisor: g.divisorOverride ?? (g.countIncludePad ? padded : at.length) });
      }
  return { cells, shape: [P, outH, outW] };
}

/** Adaptive windows [floor(o*in/out), ceil((o+1)*in/out)) as position lists. */
function adaptiveWindows([P, H, W]: number[], outH: number, outW: number): number[][] {
  const cells: number[][] = [];
  for (let p = 0; p < P; p++)
    for (let oh = 0; oh < outH; oh++)
      for (let ow = 0; ow < outW; ow++) {
        const at: number[] = [];
        for (let h = Math.floor((oh * H) / outH); h < Math.ceil(((oh + 1) * H) / outH); h++)
          for (let w = Math.floor((ow * W) / outW); w < Math.ceil(((ow + 1) * W) / outW); w++) at.push((p * H + h) * W + w);
        cells.push(at);
      }
  return cells;
}

/** Batch norm by its formula over [N, C, inner]: (x - mean) / sqrt(var + eps) * w + b, with the batch's (two-pass) or given statistics. */
function refBatchNorm(
  x: number[],
  [N, C, I]: number[],
  stats: { mean: number[]; variance: number[] } | null,
  eps: number,
  w: number[],
  b: number[],
): number[] {
  const at = (n: number, c: number, i: number): number => (n * C + c) * I + i;
  const out = new Array<number>(x.length);
  for (let c = 0; c < C; c++) {
    const vals: number[] = [];
    for (let n = 0; n < N; n++) for (let i = 0; i < I; i++) vals.push(x[at(n, c, i)]);
    const mean = stats ? stats.mean[c] : sum(vals) / vals.length;
    const variance = stats ? stats.variance[c] : sum(vals.map((v) => (v - mean) ** 2)) / vals.length;
    for (let n = 0; n < N; n++)
      for (let i = 0; i < I; i++) out[at(n, c, i)] = ((x[at(n, c, i)] - mean) / Math.sqrt(variance + eps)) * w[c] + b[c];
  }
  return out;
}

/** d/dv_k of f(v) by central differences, for every k. */
function numericGrad(v: number[], f: (v: number[]) => number, h = 1e-6): number[] {
  return v.map((_, k) => {
    const plus = v.slice();
    const minus = v.slice();
    plus[k] += h;
    minus[k] -= h;
    return (f(plus) - f(minus)) / (2 * h);
  });
}

const SQRT2_OVER_PI = Math.sqrt(2 / Math.PI);
const refGelu = (x: number): number => x * normalCdf(x);
const refGeluTanh = (x: number): number => 0.5 * x * (1 + Math.tanh(SQRT2_OVER_PI * (x + 0.044715 * x ** 3)));

// ---- the ops on each backend ------------------------------------------------------------------

const CONV_CASES: ConvCase[] = [
  {
    name: 'stride, asymmetric padding, dilation, 2 groups, bias',
    x: [2, 4, 7, 6],
    o: 6,
    k: [3, 2],
    p: { strideH: 2, strideW: 1, padTop: 1, padBottom: 0, padLeft: 2, padRight: 1, dilationH: 1, dilationW: 2, groups: 2 },
    bias: true,
  },
  {
    name: '3x3, padding 1, no bias',
    x: [1, 3, 5, 5],
    o: 2,
    k: [3, 3],
    p: { strideH: 1, strideW: 1, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1, dilationH: 1, dilationW: 1, groups: 1 },
    bias: false,
  },
  {
    name: 'depthwise, stride 2 leaving input rows unread',
    x: [2, 3, 6, 5],
    o: 3,
    k: [2, 2],
    p: { strideH: 3, strideW: 2, padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationH: 1, dilationW: 1, groups: 3 },
    bias: true,
  },
  {
    name: "'same'-style padding (extra after) with dilation 2",
    x: [1, 2, 6, 1],
    o: 3,
    k: [4, 1],
    p: { strideH: 1, strideW: 1, padTop: 3, padBottom: 3, padLeft: 0, padRight: 0, dilationH: 2, dilationW: 1, groups: 1 },
    bias: true,
  },
];

describe.each(availableBackends())('nn ops on the %s backend', (backend) => {
  beforeEach(() => {
    useBackend(backend);
  });

  describe('conv2dForward / conv2dBackward', () => {
    for (const dtype of FLOATS) {
      it.each(CONV_CASES)(`${dtype}: $name`, (c) => {
        const [N, C] = c.x;
        const wShape = [c.o, C / c.p.groups, ...c.k];
        const x = mk(randomValues(c.x.reduce((a, b) => a * b), 11), [...c.x], dtype);
        const w = mk(randomValues(wShape.reduce((a, b) => a * b), 12), wShape, dtype);
        const b = c.bias ? mk(randomValues(c.o, 13), [c.o], dtype) : null;
        const [outH, outW] = convOut(c);
        const out = conv2dForward(x, w, b, c.p);
        expect(out.shape).toEqual([N, c.o, outH, outW]);
        expect(out.dtype).toBe(dtype);
        const [rtol, atol] = TOL[dtype];
        expectClose(read(out), refConv(c, read(x), read(w), b ? read(b) : null), rtol, atol);

        const gy = mk(randomValues(out.numel(), 14), [...out.shape], dtype);
        const ref = refConvGrads(c, read(x), read(w), read(gy));
        const all = conv2dBackward(x, w, gy, c.p, { input: true, weight: true, bias: true });
        expect(all.gradInput?.shape).toEqual(x.shape);
        expect(all.gradWeight?.shape).toEqual(w.shape);
        expectClose(read(all.gradInput as Tensor), ref.gx, rtol, atol);
        expectClose(read(all.gradWeight as Tensor), ref.gw, rtol, atol);
        expectClose(read(all.gradBias as Tensor), ref.gb, rtol, atol);
        const some = conv2dBackward(x, w, gy, c.p, { input: false, weight: true, bias: false });
        expect(some.gradInput).toBeNull();
        expect(some.gradBias).toBeNull();
        expectClose(read(some.gradWeight as Tensor), ref.gw, rtol, atol);
      });
    }

    it('reads non-contiguous operands by their logical values', () => {
      const c = CONV_CASES[0];
      const [N, C, H, W] = c.x;
      const values = randomValues(N * C * H * W, 21);
      // the storage holds [N, H, W, C]; the view permutes it back to [N, C, H, W]
      const store = new Array<number>(values.length);
      values.forEach((v, k) => {
        const [n, ch, h, w] = unravel(k, c.x);
        store[((n * H + h) * W + w) * C + ch] = v;
      });
      const x = strided(store, [N, C, H, W], [H * W * C, 1, W * C, C], 0, 'float64');
      const wShape = [c.o, C / c.p.groups, ...c.k];
      const w = mk(randomValues(wShape.reduce((a, b) => a * b), 22), wShape, 'float64');
      const b = mk(randomValues(c.o, 23), [c.o], 'float64');
      expectClose(read(conv2dForward(x, w, b, c.p)), refConv(c, values, read(w), read(b)), 1e-12, 1e-12);
    });

    it('rejects operands that do not fit', () => {
      const p = CONV_CASES[1].p;
      const x = mk(randomValues(75, 1), [1, 3, 5, 5], 'float64');
      expect(() => conv2dForward(x, mk(randomValues(36, 2), [2, 2, 3, 3], 'float64'), null, p)).toThrow(/argument 'input' expected 2 channels/);
      expect(() => conv2dForward(x, mk(randomValues(54, 2), [2, 3, 3, 3], 'float32'), null, p)).toThrow(/argument 'weight' expected dtype float64/);
      expect(() => conv2dForward(x, mk(randomValues(54, 2), [2, 3, 3, 3], 'float64'), mk([1], [1], 'float64'), p)).toThrow(/argument 'bias' expected shape \[2\]/);
    });
  });

  describe('maxPool2dForward / maxPool2dBackward', () => {
    const CASES: Array<[string, number[], MaxPool2dParams]> = [
      ['3x2, stride 2, padding, dilation', [2, 3, 7, 8], { kH: 3, kW: 2, strideH: 2, strideW: 2, padH: 1, padW: 1, dilationH: 1, dilationW: 2, ceilMode: false }],
      ['ceil mode', [1, 2, 6, 7], { kH: 2, kW: 3, strideH: 2, strideW: 2, padH: 1, padW: 0, dilationH: 1, dilationW: 1, ceilMode: true }],
      ['one plane [H, W], dilation 2 both ways', [9, 9], { kH: 3, kW: 3, strideH: 1, strideW: 3, padH: 0, padW: 1, dilationH: 2, dilationW: 2, ceilMode: true }],
    ];
    for (const dtype of FLOATS) {
      it.each(CASES)(`${dtype}: %s`, (_, shape, g) => {
        const values = randomValues(shape.reduce((a, b) => a * b), 31);
        const x = mk(values, shape, dtype);
        const planes = [shape.slice(0, -2).reduce((a, b) => a * b, 1), ...shape.slice(-2)];
        const ref = refMaxPool(read(x), planes, g);
        const { output, indices } = maxPool2dForward(x, g);
        expect(output.shape).toEqual([...shape.slice(0, -2), ...ref.shape.slice(1)]);
        expect(indices.dtype).toBe('int64');
        expect(read(output)).toEqual(ref.out);
        expect(read(indices)).toEqual(ref.idx);
        // the gradient of sum(out * gy): gy flows to each window's maximum
        const gy = mk(randomValues(output.numel(), 32), [...output.shape], dtype);
        const gx = new Array<number>(values.length).fill(0);
        const inPlane = planes[1] * planes[2];
        read(gy).forEach((g, o) => (gx[Math.floor(o / (ref.shape[1] * ref.shape[2])) * inPlane + ref.idx[o]] += g));
        const got = maxPool2dBackward(gy, indices, shape);
        expect(got.shape).toEqual(shape);
        expectClose(read(got), gx, TOL[dtype][0], 0);
      });
    }

    it('propagates NaN and takes the first of equal maxima', () => {
      const x = mk([1, 5, 5, 2, Number.NaN, 3, 0, 4, 4], [1, 3, 3], 'float64');
      const { output, indices } = maxPool2dForward(x, { kH: 2, kW: 2, strideH: 1, strideW: 1, padH: 0, padW: 0, dilationH: 1, dilationW: 1, ceilMode: false });
      const ref = refMaxPool(read(x), [1, 3, 3], { kH: 2, kW: 2, strideH: 1, strideW: 1, padH: 0, padW: 0, dilationH: 1, dilationW: 1, ceilMode: false });
      expectClose(read(output), ref.out);
      expect(read(indices)).toEqual(ref.idx);
      expect(read(output).filter(Number.isNaN)).toHaveLength(4);
    });
  });

  describe('avgPool2dForward / avgPool2dBackward', () => {
    const base = { kH: 3, kW: 2, strideH: 2, strideW: 1, padH: 1, padW: 1, ceilMode: false, countIncludePad: true, divisorOverride: null };
    const CASES: Array<[string, number[], AvgPool2dParams]> = [
      ['padding counted', [2, 2, 6, 5], base],
      ['padding not counted', [2, 2, 6, 5], { ...base, countIncludePad: false }],
      ['ceil mode: windows past the padded input', [1, 3, 6, 6], { ...base, kH: 2, kW: 3, strideH: 3, strideW: 2, padH: 1, padW: 0, ceilMode: true }],
      ['ceil mode, padding not counted', [1, 3, 6, 6], { ...base, kH: 2, kW: 3, strideH: 3, strideW: 2, padH: 1, padW: 0, ceilMode: true, countIncludePad: false }],
      ['divisor override', [3, 5, 4], { ...base, divisorOverride: 4 }],
    ];
    for (const dtype of FLOATS) {
      it.each(CASES)(`${dtype}: %s`, (_, shape, g) => {
        const x = mk(randomValues(shape.reduce((a, b) => a * b), 41), shape, dtype);
        const planes = [shape.slice(0, -2).reduce((a, b) => a * b, 1), ...shape.slice(-2)];
        const { cells, shape: outPlanes } = avgWindows(planes, g);
        const xv = read(x);
        const output = avgPool2dForward(x, g);
        expect(output.shape).toEqual([...shape.slice(0, -2), ...outPlanes.slice(1)]);
        expectClose(read(output), cells.map((c) => (c.at.length === 0 ? 0 : sum(c.at.map((k) => xv[k])) / c.divisor)), TOL[dtype][0], 1e-15);
        const gy = mk(randomValues(output.numel(), 42), [...output.shape], dtype);
        const gx = new Array<number>(xv.length).fill(0);
        read(gy).forEach((gv, o) => cells[o].at.forEach((k) => (gx[k] += gv / cells[o].divisor)));
        expectClose(read(avgPool2dBackward(gy, shape, g)), gx, TOL[dtype][0], 1e-15);
      });
    }
  });

  describe('adaptiveAvgPool2dForward / adaptiveAvgPool2dBackward', () => {
    const CASES: Array<[number[], number, number]> = [
      [[2, 3, 7, 5], 3, 2],
      [[1, 2, 4, 4], 4, 4],
      [[3, 5, 6], 1, 1],
      [[1, 1, 3, 5], 5, 7],
    ];
    for (const dtype of FLOATS) {
      it.each(CASES)(`${dtype}: %j -> %i x %i`, (shape, outH, outW) => {
        const x = mk(randomValues(shape.reduce((a, b) => a * b), 51), shape, dtype);
        const xv = read(x);
        const planes = [shape.slice(0, -2).reduce((a, b) => a * b, 1), ...shape.slice(-2)];
        const cells = adaptiveWindows(planes, outH, outW);
        const output = adaptiveAvgPool2dForward(x, outH, outW);
        expect(output.shape).toEqual([...shape.slice(0, -2), outH, outW]);
        expectClose(read(output), cells.map((at) => sum(at.map((k) => xv[k])) / at.length), TOL[dtype][0], 1e-15);
        const gy = mk(randomValues(output.numel(), 52), [...output.shape], dtype);
        const gx = new Array<number>(xv.length).fill(0);
        read(gy).forEach((gv, o) => cells[o].forEach((k) => (gx[k] += gv / cells[o].length)));
        expectClose(read(adaptiveAvgPool2dBackward(gy, shape)), gx, TOL[dtype][0], 1e-15);
      });
    }
  });

  describe('batchNormMoments / batchNormForward / batchNormBackward', () => {
    const shape = [3, 2, 2, 3];
    const [N, C] = shape;
    const I = 6;
    const eps = 1e-5;
    const xv = randomValues(N * C * I, 61, -2, 3);
    const wv = randomValues(C, 62, 0.5, 1.5);
    const bv = randomValues(C, 63);
    const gyv = randomValues(N * C * I, 64);

    it('moments: per-channel mean and biased variance, float64', () => {
      const { mean, variance } = batchNormMoments(mk(xv, shape, 'float32'));
      expect(mean.dtype).toBe('float64');
      expect(variance.dtype).toBe('float64');
      const x32 = Array.from(Float32Array.from(xv));
      const perChannel = (c: number): number[] => x32.filter((_, k) => Math.floor(k / I) % C === c);
      const m = [0, 1].map((c) => sum(perChannel(c)) / (N * I));
      expectClose(read(mean), m, 1e-14, 1e-15);
      expectClose(read(variance), [0, 1].map((c) => sum(perChannel(c).map((v) => (v - m[c]) ** 2)) / (N * I)), 1e-13, 1e-15);
    });

    for (const batchStats of [true, false]) {
      it(`forward and the gradient of sum(y * gy) (${batchStats ? 'batch' : 'fixed'} statistics, float64)`, () => {
        const x = mk(xv, shape, 'float64');
        const w = mk(wv, [C], 'float64');
        const b = mk(bv, [C], 'float64');
        const fixed = { mean: [0.3, -0.2], variance: [1.7, 0.6] };
        const stats = batchStats ? batchNormMoments(x) : { mean: mk(fixed.mean, [C], 'float64'), variance: mk(fixed.variance, [C], 'float32') };
        const given = batchStats ? null : { mean: fixed.mean, variance: read(stats.variance) };
        const y = batchNormForward(x, stats.mean, stats.variance, eps, w, b);
        expectClose(read(y), refBatchNorm(xv, [N, C, I], given, eps, wv, bv), 1e-12, 1e-12);
        const loss = (xs: number[], ws: number[], bs: number[]): number => dot(refBatchNorm(xs, [N, C, I], given, eps, ws, bs), gyv);
        const r = batchNormBackward(x, mk(gyv, shape, 'float64'), stats.mean, stats.variance, eps, w, batchStats, { input: true, weight: true, bias: true });
        expect(r.gradInput?.shape).toEqual(shape);
        expectClose(read(r.gradInput as Tensor), numericGrad(xv, (v) => loss(v, wv, bv)), 1e-6, 1e-7);
        expectClose(read(r.gradWeight as Tensor), numericGrad(wv, (v) => loss(xv, v, bv)), 1e-6, 1e-7);
        expectClose(read(r.gradBias as Tensor), numericGrad(bv, (v) => loss(xv, wv, v)), 1e-6, 1e-7);
      });
    }

    it('without weight and bias, float32 rounds the float64 result once', () => {
      const x = mk(xv, shape, 'float32');
      const { mean, variance } = batchNormMoments(x);
      const y = batchNormForward(x, mean, variance, eps, null, null);
      const x64 = Array.from(Float32Array.from(xv));
      expectClose(read(y), refBatchNorm(x64, [N, C, I], null, eps, [1, 1], [0, 0]).map(Math.fround), 1.2e-7, 1e-7);
      const r = batchNormBackward(x, mk(gyv, shape, 'float32'), mean, variance, eps, null, true, { input: false, weight: true, bias: false });
      expect(r.gradInput).toBeNull();
      expect(r.gradBias).toBeNull();
      expect(r.gradWeight?.dtype).toBe('float32');
    });
  });

  describe('embeddingForward / embeddingBackward', () => {
    for (const dtype of FLOATS) {
      it(`${dtype}: rows picked by int64 and int32 indices; gradients summed into rows, padding row skipped`, () => {
        const rows = 5;
        const dim = 3;
        const w = mk(randomValues(rows * dim, 71), [rows, dim], dtype);
        const wv = read(w);
        const idx = [4, 0, 2, 2, 1, 4];
        for (const idt of ['int64', 'int32'] as const) {
          const indices = mk(idx, [2, 3], idt);
          const out = embeddingForward(w, indices);
          expect(out.shape).toEqual([2, 3, dim]);
          expect(read(out)).toEqual(idx.flatMap((r) => wv.slice(r * dim, r * dim + dim)));
          const gy = mk(randomValues(idx.length * dim, 72), [2, 3, dim], dtype);
          const gyv = read(gy);
          for (const pad of [null, 2]) {
            const gw = new Array<number>(rows * dim).fill(0);
            idx.forEach((r, i) => {
              if (r !== pad) for (let j = 0; j < dim; j++) gw[r * dim + j] += gyv[i * dim + j];
            });
            const got = embeddingBackward(gy, indices, rows, pad);
            expect(got.shape).toEqual([rows, dim]);
            expectClose(read(got), gw.map((v) => (dtype === 'float32' ? Math.fround(v) : v)), 0, 0);
          }
        }
      });
    }

    it('rejects indices out of range', () => {
      const w = mk(randomValues(6, 1), [3, 2], 'float32');
      expect(() => embeddingForward(w, mk([0, 3], [2], 'int64'))).toThrow(/index out of range in self \(index 3, 3 rows\)/);
      expect(() => embeddingForward(w, mk([-1], [1], 'int64'))).toThrow(/index out of range/);
    });
  });

  describe('geluForward / geluBackward', () => {
    const xs = randomValues(200, 81, -4, 4);
    it("'none' is x * Phi(x) (Phi from erf's series and erfc's continued fraction); its backward matches finite differences", () => {
      const x = mk(xs, [10, 20], 'float64');
      expectClose(read(geluForward(x, 'none')), xs.map(refGelu), 1e-13, 1e-14);
      const gy = randomValues(200, 82);
      const got = geluBackward(x, mk(gy, [10, 20], 'float64'), 'none');
      expectClose(read(got), xs.map((v, i) => gy[i] * ((refGelu(v + 1e-6) - refGelu(v - 1e-6)) / 2e-6)), 1e-7, 1e-8);
    });
    it("'tanh' is 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))); its backward matches finite differences", () => {
      const x = mk(xs, [200], 'float64');
      expectClose(read(geluForward(x, 'tanh')), xs.map(refGeluTanh), 1e-14, 1e-15);
      const gy = randomValues(200, 83);
      const got = geluBackward(x, mk(gy, [200], 'float64'), 'tanh');
      expectClose(read(got), xs.map((v, i) => gy[i] * ((refGeluTanh(v + 1e-6) - refGeluTanh(v - 1e-6)) / 2e-6)), 1e-7, 1e-8);
    });
    it('float32 rounds the double result once, for a non-contiguous input too', () => {
      const x = mk(xs, [10, 20], 'float32').t();
      const logical = read(x);
      expectClose(read(geluForward(x, 'none')), logical.map((v) => Math.fround(refGelu(v))), 1.2e-7, 1e-12);
    });
  });

  describe('erf', () => {
    it('matches its Taylor series on [-2, 2] and is odd', () => {
      const xs: number[] = [];
      for (let x = -2; x <= 2; x += 0.0137) xs.push(x);
      const got = read(erf(mk(xs, [xs.length], 'float64')));
      const neg = read(erf(mk(xs.map((x) => -x), [xs.length], 'float64')));
      xs.forEach((x, i) => {
        expect(Math.abs(got[i] - erfSeries(x))).toBeLessThanOrEqual(4e-16 + 1e-14 * Math.abs(erfSeries(x)));
        expect(neg[i]).toBe(-got[i]);
      });
    });
    it('has derivative 2/sqrt(pi) exp(-x^2) and the right limits', () => {
      const h = 1e-5;
      const xs: number[] = [];
      for (let x = -5; x <= 5; x += 0.173) xs.push(x);
      const plus = read(erf(mk(xs.map((x) => x + h), [xs.length], 'float64')));
      const minus = read(erf(mk(xs.map((x) => x - h), [xs.length], 'float64')));
      xs.forEach((x, i) => {
        const numeric = (plus[i] - minus[i]) / (2 * h);
        expect(Math.abs(numeric - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x))).toBeLessThan(1e-9);
      });
      const edges = read(erf(mk([Infinity, -Infinity, Number.NaN, 0], [4], 'float64')));
      expect(edges[0]).toBe(1);
      expect(edges[1]).toBe(-1);
      expect(Number.isNaN(edges[2])).toBe(true);
      expect(edges[3]).toBe(0);
    });
    it('float32 rounds the double result; integers give float32', () => {
      const xs = randomValues(64, 91, -3, 3);
      const x = mk(xs, [64], 'float32');
      const got = erf(x);
      expect(got.dtype).toBe('float32');
      expectClose(read(got), read(x).map((v) => Math.fround(erfSeries(v))), 1.2e-7, 1e-12);
      const ints = erf(mk([0, 1, -2], [3], 'int64'));
      expect(ints.dtype).toBe('float32');
      expectClose(read(ints), [0, Math.fround(erfSeries(1)), Math.fround(erfSeries(-2))], 1.2e-7, 0);
    });
  });
});

// ---- the kernels themselves -------------------------------------------------------------------

/** Every kernel of the family: a compile error here when one is added to NnKernels and not listed. */
const NN_KERNELS: Record<keyof NnKernels, true> = {
  im2col: true,
  col2im: true,
  maxPool2d: true,
  maxPool2dBackward: true,
  avgPool2d: true,
  avgPool2dBackward: true,
  adaptiveAvgPool2d: true,
  adaptiveAvgPool2dBackward: true,
  adaptiveMaxPool2d: true,
  adaptiveMaxPool2dBackward: true,
  batchNormMoments: true,
  batchNorm: true,
  batchNormBackward: true,
  embedding: true,
  embeddingBackward: true,
  gelu: true,
  geluBackward: true,
};

/** A contiguous view of `shape` over a fresh array of `dtype` filled with `fill`. */
function outView(shape: number[], dtype: DType, fill: number): StridedView {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = dtype === 'float32' ? new Float32Array(n).fill(fill) : new Float64Array(n).fill(fill);
  return { dtype, data, shape, strides: shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1)), offset: 0 };
}

describe('the nn kernels', () => {
  it('the reference backend has them all, and the wasm backend inherits them', () => {
    for (const name of Object.keys(NN_KERNELS) as Array<keyof NnKernels>) {
      expect(typeof cpuBackend[name], name).toBe('function');
      expect(wasmBackend[name], name).toBe(cpuBackend[name]);
    }
  });

  it('ops reach the current backend kernel by kernel (a partial backend replaces one)', () => {
    const calls: string[] = [];
    const previous = setBackend({
      name: 'spy',
      gelu: (x, approximate, out) => {
        calls.push(`gelu ${approximate}`);
        cpuBackend.gelu(x, approximate, out);
      },
    });
    try {
      const x = mk([-1, 0, 2], [3], 'float64');
      expectClose(read(geluForward(x, 'tanh')), [-1, 0, 2].map(refGeluTanh), 1e-14, 1e-15);
      expect(calls).toEqual(['gelu tanh']);
      // the other kernels are the previous backend's
      expect(getBackend().im2col).toBe(previous.im2col);
    } finally {
      setBackend(previous);
    }
  });

  it("'erf' falls back from the wasm backend's unary to the reference, bit for bit", () => {
    const values = Float32Array.from(randomValues(5000, 3, -4, 4));
    const x: StridedView = { dtype: 'float32', data: values, shape: [5000], strides: [1], offset: 0 };
    const a = outView([5000], 'float32', 0);
    const b = outView([5000], 'float32', 0);
    cpuBackend.unary('erf', x, a);
    wasmBackend.unary('erf', x, b);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });

  it('im2col reads a channel slice of a larger tensor; col2im is its adjoint (<im2col x, c> = <x, col2im c>)', () => {
    // x: channels 1..2 of a [2, 4, 5, 4] tensor
    const full = randomValues(2 * 4 * 5 * 4, 5);
    const x: StridedView = { dtype: 'float64', data: Float64Array.from(full), shape: [2, 2, 5, 4], strides: [80, 20, 4, 1], offset: 20 };
    const g = { kH: 2, kW: 3, strideH: 2, strideW: 1, padTop: 1, padLeft: 1, dilationH: 2, dilationW: 1, outH: 3, outW: 4 };
    const cols = outView([2, 2 * 2 * 3, 12], 'float64', Number.NaN);
    cpuBackend.im2col(x, g, cols);
    // the definition, entry by entry
    const xAt = (n: number, c: number, h: number, w: number): number => (h < 0 || h >= 5 || w < 0 || w >= 4 ? 0 : full[20 + n * 80 + c * 20 + h * 4 + w]);
    const expected: number[] = [];
    for (let n = 0; n < 2; n++)
      for (let c = 0; c < 2; c++)
        for (let i = 0; i < 2; i++)
          for (let j = 0; j < 3; j++)
            for (let oh = 0; oh < 3; oh++)
              for (let ow = 0; ow < 4; ow++) expected.push(xAt(n, c, oh * 2 - 1 + i * 2, ow - 1 + j));
    expect(Array.from(cols.data)).toEqual(expected);
    // col2im into a channel slice of a NaN-filled tensor: every element of the slice is written, the rest untouched
    const cv = randomValues(cols.data.length, 6);
    const c: StridedView = { ...cols, data: Float64Array.from(cv) };
    const big = outView([2, 4, 5, 4], 'float64', Number.NaN);
    const slice: StridedView = { ...big, shape: [2, 2, 5, 4], offset: 20 };
    cpuBackend.col2im(c, g, slice);
    const back = read(new Tensor(big.data, slice.shape, 'float64', slice.strides, slice.offset));
    expect(back.some(Number.isNaN)).toBe(false);
    expect(Array.from(big.data.subarray(0, 20)).every(Number.isNaN)).toBe(true);
    const xs = read(new Tensor(x.data, x.shape, 'float64', x.strides, x.offset));
    expect(dot(back, xs)).toBeCloseTo(dot(cv, expected), 12);
  });

  it('write every element of their outputs (never rely on a zero-filled output)', () => {
    const P = 3;
    const x = outView([P, 4, 5], 'float64', 0);
    (x.data as Float64Array).set(randomValues(60, 7));
    const gy = outView([P, 2, 2], 'float64', 0);
    (gy.data as Float64Array).set(randomValues(12, 8));
    const idx = outView([P, 2, 2], 'int64' as DType, 0);
    (idx.data as Float64Array).set(randomInts(12, 9, 0, 20));
    const pool = { kH: 2, kW: 3, strideH: 2, strideW: 2, padH: 1, padW: 1, countIncludePad: false, divisorOverride: null };
    const bnX = outView([2, 3, 4], 'float64', 0);
    (bnX.data as Float64Array).set(randomValues(24, 10));
    const ch = (values: number[]): StridedView => ({ dtype: 'float64', data: Float64Array.from(values), shape: [3], strides: [1], offset: 0 });
    const runs: Array<[string, number[], (out: StridedView) => void]> = [
      ['maxPool2dBackward', [P, 4, 5], (out) => cpuBackend.maxPool2dBackward(gy, idx, out)],
      ['avgPool2d', [P, 2, 2], (out) => cpuBackend.avgPool2d(x, pool, out)],
      ['avgPool2dBackward', [P, 4, 5], (out) => cpuBackend.avgPool2dBackward(gy, pool, out)],
      ['adaptiveAvgPool2d', [P, 2, 2], (out) => cpuBackend.adaptiveAvgPool2d(x, out)],
      ['adaptiveAvgPool2dBackward', [P, 4, 5], (out) => cpuBackend.adaptiveAvgPool2dBackward(gy, out)],
      ['embeddingBackward', [20, 2], (out) => cpuBackend.embeddingBackward({ ...gy, shape: [6, 2], strides: [2, 1] }, { ...idx, shape: [6], strides: [1] }, 3, out)],
      ['batchNorm', [2, 3, 4], (out) => cpuBackend.batchNorm(bnX, ch([0, 1, 2]), ch([1, 2, 3]), 1e-5, null, null, out)],
      ['batchNormBackward', [2, 3, 4], (out) => cpuBackend.batchNormBackward(bnX, bnX, ch([0, 1, 2]), ch([1, 2, 3]), 1e-5, null, true, { input: out, weight: null, bias: null })],
      ['gelu', [P, 4, 5], (out) => cpuBackend.gelu(x, 'none', out)],
    ];
    for (const [name, shape, run] of runs) {
      for (const dtype of FLOATS) {
        const zeroed = outView(shape, dtype, 0);
        const poisoned = outView(shape, dtype, Number.NaN);
        run(zeroed);
        run(poisoned);
        expect(Array.from(poisoned.data), `${name} ${dtype}`).toEqual(Array.from(zeroed.data));
      }
    }
  });
});
