// GroupNorm, InstanceNorm, Dropout2d, Unflatten, the 1-D and adaptive max pools, Upsample and the new
// init functions: gradients by finite differences (float64), the module forms with returnIndices,
// and argument errors. PyTorch's own numbers are replayed in conformance/test/nn-layers/layers2.test.ts.
import { describe, expect, it } from 'vitest';
import { gradcheck, gradgradcheck } from '@torchlet/autograd';
import { TorchletError, manualSeed, randn, zeros, type Tensor } from '@torchlet/tensor-core';
import { AdaptiveMaxPool2d, Dropout2d, GroupNorm, InstanceNorm2d, MaxPool1d, Sequential, Unflatten, Upsample, functional as F, init } from '../src/index.js';

const leaf = (shape: number[]): Tensor => randn(shape, { dtype: 'float64' }).requiresGrad_();

describe('gradcheck (float64)', () => {
  it('groupNorm and instanceNorm, with weight and bias', () => {
    manualSeed(3);
    expect(gradcheck((x, w, b) => F.groupNorm(x, 2, { weight: w, bias: b }), [leaf([2, 4, 3]), leaf([4]), leaf([4])])).toBe(true);
    expect(gradcheck((x, w, b) => F.instanceNorm(x, { weight: w, bias: b }), [leaf([2, 3, 4]), leaf([3]), leaf([3])])).toBe(true);
    expect(gradgradcheck((x) => F.groupNorm(x, 1), [leaf([2, 2, 3])])).toBe(true);
  });

  it('interpolate, nearest and bilinear, twice', () => {
    manualSeed(4);
    const bilinear = (x: Tensor): Tensor => F.interpolate(x, { size: [4, 5], mode: 'bilinear', alignCorners: false });
    expect(gradcheck(bilinear, [leaf([1, 2, 3, 3])])).toBe(true);
    expect(gradgradcheck(bilinear, [leaf([1, 2, 3, 3])])).toBe(true);
    expect(gradcheck((x) => F.interpolate(x, { scaleFactor: 1.5 }), [leaf([1, 1, 3, 2])])).toBe(true);
  });

  it('adaptiveMaxPool2d and maxPool1d (distinct values)', () => {
    manualSeed(5);
    expect(gradcheck((x) => F.adaptiveMaxPool2d(x, [2, 3]), [leaf([1, 2, 5, 4])])).toBe(true);
    expect(gradcheck((x) => F.maxPool1d(x, 3, { stride: 2, padding: 1 }), [leaf([2, 2, 7])])).toBe(true);
  });
});

describe('module forms', () => {
  it('returnIndices gives [output, int64 indices]', () => {
    const x = randn([1, 2, 6]);
    const [out, idx] = new MaxPool1d(2, { returnIndices: true }).forward(x);
    expect(out.shape).toEqual([1, 2, 3]);
    expect(idx.dtype).toBe('int64');
    expect(new MaxPool1d(2).forward(x).shape).toEqual([1, 2, 3]);
    const [aOut, aIdx] = new AdaptiveMaxPool2d([2, 2], { returnIndices: true }).forward(randn([1, 3, 4, 4]));
    expect(aOut.shape).toEqual([1, 3, 2, 2]);
    expect(aIdx.shape).toEqual([1, 3, 2, 2]);
  });

  it('compose in a Sequential', () => {
    const m = new Sequential(new GroupNorm(2, 4), new Upsample({ scaleFactor: 2, mode: 'bilinear' }), new InstanceNorm2d(4), new Dropout2d(0.2));
    m.eval();
    expect(m.forward(randn([2, 4, 3, 3])).shape).toEqual([2, 4, 6, 6]);
    expect(new Unflatten(1, [2, -1]).forward(zeros([3, 8])).shape).toEqual([3, 2, 4]);
  });

  it('InstanceNorm keeps running statistics only when tracking', () => {
    const m = new InstanceNorm2d(3, { trackRunningStats: true });
    expect(Object.keys(m.stateDict())).toEqual(['running_mean', 'running_var', 'num_batches_tracked']);
    m.forward(randn([2, 3, 4, 4]).add(5));
    expect(m.runningMean?.toTypedArray()[0]).toBeGreaterThan(0.3);
    expect(Object.keys(new InstanceNorm2d(3).stateDict())).toEqual([]);
  });
});

describe('errors', () => {
  it('bad arguments throw TorchletErrors', () => {
    expect(() => new GroupNorm(3, 4)).toThrow(TorchletError);
    expect(() => F.interpolate(zeros([1, 1, 2, 2]), { size: 3, mode: 'bicubic' as never })).toThrow(TorchletError);
    expect(() => F.dropout2d(zeros([3]))).toThrow(TorchletError);
    expect(() => init.orthogonal_(zeros([4]))).toThrow(TorchletError);
  });
});

describe('init', () => {
  it('orthogonal_ gives orthonormal rows or columns; truncNormal_ stays in [a, b]', () => {
    manualSeed(9);
    const w = init.orthogonal_(zeros([3, 7], { dtype: 'float64' }));
    const gram = w.matmul(w.t()).toTypedArray();
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(gram[i * 3 + j]).toBeCloseTo(i === j ? 1 : 0, 12);
    const t = init.truncNormal_(zeros([1000]), { mean: 0.5, std: 2, a: -1, b: 1 }).toTypedArray();
    expect(Math.min(...t)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...t)).toBeLessThanOrEqual(1);
  });
});
