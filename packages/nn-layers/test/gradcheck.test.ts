// Finite-difference gradient checks (float64) of every layer with a hand-written or composed backward.
import { describe, expect, it } from 'vitest';
import { gradcheck } from '@torchlet/autograd';
import { manualSeed, randn, tensor, type Tensor } from '@torchlet/tensor-core';
import { functional as F } from '../src/index.js';

const leaf = (shape: number[], scale = 1): Tensor => randn(shape, { dtype: 'float64' }).mul(scale).requiresGrad_();

describe('gradcheck (float64)', () => {
  it.each([
    ['plain', {}],
    ['stride 2, padding 1', { stride: 2, padding: 1 }],
    ['dilation 2, asymmetric stride', { dilation: 2, stride: [1, 2] }],
    ['groups 2', { groups: 2, padding: [1, 0] }],
    ["padding 'same'", { padding: 'same' as const }],
  ])('conv2d %s', (_name, options) => {
    manualSeed(1);
    const groups = (options as { groups?: number }).groups ?? 1;
    const x = leaf([2, 4, 5, 6]);
    const w = leaf([3 * groups, 4 / groups, 3, 2]);
    const b = leaf([3 * groups]);
    expect(gradcheck((xx, ww, bb) => F.conv2d(xx, ww, bb, options), [x, w, b])).toBe(true);
  });

  it('conv1d with stride, padding, dilation, groups and no bias', () => {
    manualSeed(2);
    const x = leaf([2, 4, 9]);
    const w = leaf([6, 2, 3]);
    expect(gradcheck((xx, ww) => F.conv1d(xx, ww, null, { stride: 2, padding: 2, dilation: 2, groups: 2 }), [x, w])).toBe(true);
  });

  it('conv2d on an unbatched input', () => {
    manualSeed(3);
    expect(gradcheck((xx, ww) => F.conv2d(xx, ww), [leaf([2, 4, 4]), leaf([3, 2, 2, 2])])).toBe(true);
  });

  it.each([
    ['kernel 2', 2, {}],
    ['kernel 3 stride 2 padding 1', 3, { stride: 2, padding: 1 }],
    ['dilation and ceil mode', [2, 3], { stride: 2, dilation: 2, ceilMode: true }],
  ] as const)('maxPool2d %s', (_name, k, options) => {
    manualSeed(4);
    expect(gradcheck((x) => F.maxPool2d(x, k, options), [leaf([2, 2, 7, 8])])).toBe(true);
  });

  it.each([
    ['count pad', 3, { stride: 2, padding: 1 }],
    ['no count pad, ceil', 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }],
    ['divisor override', [2, 3], { stride: [1, 2], divisorOverride: 5 }],
  ] as const)('avgPool2d %s', (_name, k, options) => {
    manualSeed(5);
    expect(gradcheck((x) => F.avgPool2d(x, k, options), [leaf([1, 2, 7, 7])])).toBe(true);
  });

  it('adaptiveAvgPool2d with overlapping windows', () => {
    manualSeed(6);
    expect(gradcheck((x) => F.adaptiveAvgPool2d(x, [3, null]), [leaf([2, 2, 7, 5])])).toBe(true);
    expect(gradcheck((x) => F.adaptiveAvgPool2d(x, 4), [leaf([1, 2, 5, 6])])).toBe(true);
  });

  it('batchNorm in training mode (batch statistics) and eval mode', () => {
    manualSeed(7);
    const x = leaf([4, 3, 2, 2]);
    const w = leaf([3]);
    const b = leaf([3]);
    expect(gradcheck((xx, ww, bb) => F.batchNorm(xx, null, null, { weight: ww, bias: bb, training: true }), [x, w, b])).toBe(true);
    const rm = randn([3], { dtype: 'float64' });
    const rv = randn([3], { dtype: 'float64' }).abs().add(0.5);
    expect(gradcheck((xx, ww, bb) => F.batchNorm(xx, rm, rv, { weight: ww, bias: bb }), [x, w, b])).toBe(true);
  });

  it('batchNorm without affine parameters on [N, C] and [N, C, L] inputs', () => {
    manualSeed(12);
    expect(gradcheck((x) => F.batchNorm(x, null, null, { training: true }), [leaf([5, 3])])).toBe(true);
    expect(gradcheck((x) => F.batchNorm(x, null, null, { training: true, eps: 1e-3 }), [leaf([3, 2, 4])])).toBe(true);
  });

  it('layerNorm over two dims', () => {
    manualSeed(8);
    expect(gradcheck((x, w, b) => F.layerNorm(x, [3, 4], { weight: w, bias: b }), [leaf([2, 3, 4]), leaf([3, 4]), leaf([3, 4])])).toBe(true);
  });

  it.each(['none', 'tanh'] as const)('gelu %s', (approximate) => {
    manualSeed(9);
    expect(gradcheck((x) => F.gelu(x, approximate), [leaf([3, 5], 3)])).toBe(true);
  });

  it('silu, leakyRelu, linear', () => {
    manualSeed(10);
    expect(gradcheck((x) => F.silu(x), [leaf([4, 3], 2)])).toBe(true);
    expect(gradcheck((x) => F.leakyRelu(x, 0.2), [leaf([4, 3], 2)])).toBe(true);
    expect(gradcheck((x, w, b) => F.linear(x, w, b), [leaf([2, 3, 4]), leaf([5, 4]), leaf([5])])).toBe(true);
  });

  it('embedding (the padding row gets no gradient)', () => {
    manualSeed(11);
    const idx = tensor([[1, 3, 0], [0, 2, 1]], { dtype: 'int64' });
    const w = leaf([4, 3]);
    expect(gradcheck((ww) => F.embedding(idx, ww), [w])).toBe(true);
    const y = F.embedding(idx, w, 0);
    y.sum().backward();
    expect(Array.from(w.grad?.select(0, 0).toTypedArray() ?? [])).toEqual([0, 0, 0]);
    expect(Array.from(w.grad?.select(0, 1).toTypedArray() ?? [])).toEqual([2, 2, 2]);
  });
});
