// Layer behaviour that PyTorch fixtures do not pin down: argument errors, defaults, inits'
// ranges (from their formulas) and cumulative BatchNorm averages. (erf against its series moved
// with the kernel to tensor-core's test/nn-kernels.test.ts.)
import { describe, expect, it } from 'vitest';
import { manualSeed, ones, randn, tensor, zeros, type Tensor } from '@torchlet/tensor-core';
import {
  AdaptiveAvgPool2d,
  AvgPool2d,
  BatchNorm1d,
  BatchNorm2d,
  Conv1d,
  Conv2d,
  Dropout,
  Embedding,
  Flatten,
  GELU,
  Identity,
  LayerNorm,
  Linear,
  MaxPool2d,
  Softmax,
  functional as F,
  init,
} from '../src/index.js';

const t = (shape: number[]): Tensor => randn(shape);

describe('argument errors name the argument, expected and actual', () => {
  it('Linear', () => {
    expect(() => new Linear(3, 2).forward(t([4, 5]))).toThrow(/input of size \[4, 5\], weight of size \[2, 3\]/);
    expect(() => new Linear(-1, 2)).toThrow(/in_features/);
    expect(() => new Linear(2, 2).forward(zeros([1, 2], { dtype: 'float64' }))).toThrow(/dtype/);
  });
  it('Conv2d / Conv1d', () => {
    expect(() => new Conv2d(3, 4, 3).forward(t([2, 5, 6, 6]))).toThrow(/expected input\[2, 5, 6, 6\] to have 3 channels, but got 5 channels instead/);
    expect(() => new Conv2d(3, 4, 3).forward(t([6, 6]))).toThrow(/Expected 3D \(unbatched\) or 4D \(batched\) input/);
    expect(() => new Conv2d(3, 4, 5).forward(t([1, 3, 3, 3]))).toThrow(/Kernel size can't be greater than actual input size/);
    expect(() => new Conv2d(3, 4, 3, { groups: 2 })).toThrow(/divisible by groups/);
    expect(() => new Conv2d(3, 4, 3, { padding: 'same', stride: 2 })).toThrow(/strided/);
    expect(() => new Conv1d(2, 2, 3).forward(t([1, 2, 2]))).toThrow(/Kernel size/);
  });
  it('pooling', () => {
    expect(() => new MaxPool2d(2, { padding: 2 }).forward(t([1, 1, 4, 4]))).toThrow(/pad should be smaller than or equal to half of kernel size/);
    expect(() => new AvgPool2d(5).forward(t([1, 1, 3, 3]))).toThrow(/Output size is too small/);
    expect(() => new AdaptiveAvgPool2d(2).forward(t([4, 4]))).toThrow(/3D or 4D/);
  });
  it('normalization, dropout, embedding, gelu', () => {
    expect(() => new BatchNorm2d(3).forward(t([2, 3, 4]))).toThrow(/expected 4D input \(got 3D input\)/);
    expect(() => new BatchNorm1d(3).forward(t([2, 4]))).toThrow(/should contain 4 elements not 3/);
    expect(() => new BatchNorm1d(3).forward(t([1, 3]))).toThrow(/Expected more than 1 value per channel when training/);
    expect(() => new LayerNorm(5).forward(t([3, 4]))).toThrow(/expected input with shape \[\*, 5\]/);
    expect(() => new Dropout(1.5)).toThrow(/between 0 and 1, but got 1.5/);
    expect(() => new Embedding(3, 2).forward(tensor([3]))).toThrow(/index out of range/);
    expect(() => new Embedding(3, 2).forward(t([2]))).toThrow(/int64, int32/);
    expect(() => new Embedding(3, 2, { paddingIdx: 3 })).toThrow(/padding_idx/);
    expect(() => new GELU({ approximate: 'erf' as 'none' })).toThrow(/none or tanh/);
  });
});

describe('defaults and inits', () => {
  it('Linear and Conv weights lie in U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (kaiming-uniform, a = sqrt(5))', () => {
    manualSeed(0);
    for (const [m, fanIn] of [[new Linear(20, 30), 20], [new Conv2d(3, 8, [3, 2]), 18]] as const) {
      const bound = 1 / Math.sqrt(fanIn);
      for (const p of m.parameters()) for (const v of p.toTypedArray()) expect(Math.abs(v)).toBeLessThanOrEqual(bound);
    }
  });
  it('Embedding is N(0, 1) with a zero padding row; norms start at identity', () => {
    manualSeed(0);
    const e = new Embedding(50, 40, { paddingIdx: -1 });
    expect(e.paddingIdx).toBe(49);
    expect(Array.from(e.weight.select(0, 49).toTypedArray()).every((v) => v === 0)).toBe(true);
    const values = Array.from(e.weight.narrow(0, 0, 49).toTypedArray());
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(6 / Math.sqrt(values.length));
    expect(Math.abs(variance - 1)).toBeLessThan(0.15);
    const bn = new BatchNorm2d(2);
    expect(Array.from(bn.weight?.toTypedArray() ?? [])).toEqual([1, 1]);
    expect(Array.from(bn.runningVar?.toTypedArray() ?? [])).toEqual([1, 1]);
    expect(bn.numBatchesTracked?.item()).toBe(0);
  });
  it('calculateGain and fans reject what PyTorch rejects', () => {
    expect(() => init.calculateGain('swish' as 'relu')).toThrow(/unsupported nonlinearity/);
    expect(() => init.calculateFanInAndFanOut(zeros([3]))).toThrow(/fewer than 2 dimensions/);
    expect(() => init.kaimingUniform_(zeros([2, 2]), { mode: 'fan_avg' as 'fan_in' })).toThrow(/Mode fan_avg not supported/);
    const empty = zeros([0, 3]);
    expect(init.kaimingNormal_(empty)).toBe(empty);
  });
});

describe('behaviour', () => {
  it('BatchNorm with momentum null keeps the cumulative average of the batch means', () => {
    const bn = new BatchNorm1d(1, { momentum: null, affine: false });
    const batches = [[1, 3], [5, 7], [0, 4]];
    batches.forEach((b) => bn.forward(tensor(b.map((v) => [v]), { dtype: 'float32' })));
    const mean = batches.map((b) => (b[0] + b[1]) / 2).reduce((a, c) => a + c, 0) / batches.length;
    const unbiased = batches.map((b) => ((b[0] - b[1]) ** 2) / 2); // two samples: sum of squares / (n - 1)
    // the cumulative average over the three batches, after the initial running_var of 1 is replaced
    const varAvg = unbiased.reduce((a, c) => a + c, 0) / batches.length;
    expect(bn.runningMean?.item()).toBeCloseTo(mean, 6);
    expect(bn.runningVar?.item()).toBeCloseTo(varAvg, 5);
    expect(bn.numBatchesTracked?.item()).toBe(3);
  });
  it('BatchNorm without running stats uses batch statistics in eval too', () => {
    const bn = new BatchNorm1d(2, { trackRunningStats: false }).eval();
    const rows = [[1, 10], [3, 30]];
    const y = bn.forward(tensor(rows, { dtype: 'float64' }).float());
    // per channel: (x - mean) / sqrt(biased var + eps)
    const expected = rows.flatMap((r) =>
      r.map((v, ch) => {
        const mean = (rows[0][ch] + rows[1][ch]) / 2;
        const variance = ((rows[0][ch] - mean) ** 2 + (rows[1][ch] - mean) ** 2) / 2;
        return (v - mean) / Math.sqrt(variance + 1e-5);
      }),
    );
    Array.from(y.toTypedArray()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    expect(Object.keys(bn.stateDict())).toEqual(['weight', 'bias']);
  });
  it('Dropout passes through in eval and with p = 0; p = 1 zeroes', () => {
    const x = t([3, 3]);
    expect(new Dropout(0.3).eval().forward(x)).toBe(x);
    expect(new Dropout(0).forward(x)).toBe(x);
    expect(Array.from(new Dropout(1).forward(x).toTypedArray()).every((v) => v === 0)).toBe(true);
  });
  it('Flatten, Identity, Softmax', () => {
    expect(new Flatten().forward(t([2, 3, 4])).shape).toEqual([2, 12]);
    const x = t([2]);
    expect(new Identity().forward(x)).toBe(x);
    const s = new Softmax(1).forward(ones([2, 4]));
    expect(Array.from(s.toTypedArray())).toEqual(new Array(8).fill(0.25));
  });
  it('linear on a batch of rows with a bias is one fused addmm node, as in PyTorch', () => {
    expect(new Linear(3, 2).forward(t([4, 3])).gradFn?.name).toBe('AddmmBackward0');
    expect(new Linear(3, 2, { bias: false }).forward(t([4, 3])).gradFn?.name).toBe('MmBackward0');
  });
  it('kernel layers record one node (`${kernel}Backward`) with edges to what requires grad', () => {
    const y = new Conv2d(1, 2, 3).forward(t([1, 1, 4, 4]));
    expect(y.gradFn?.name).toBe('ConvolutionBackward');
    expect(y.gradFn?.nextFunctions.map((f) => f?.name ?? null)).toEqual([null, 'AccumulateGrad', 'AccumulateGrad']);
    const x = t([1, 1, 4, 4]);
    expect(new MaxPool2d(2).eval().forward(x).requiresGrad).toBe(false);
  });
  it('maxPool2dWithIndices returns PyTorch-style flat indices', () => {
    const x = tensor([[[[1, 5], [7, 2]]]], { dtype: 'float32' });
    const { output, indices } = F.maxPool2dWithIndices(x, 2);
    expect(output.item()).toBe(7);
    expect(indices.dtype).toBe('int64');
    expect(indices.shape).toEqual([1, 1, 1, 1]);
    expect(indices.toArray()).toEqual([[[[2]]]]);
  });
});

describe('kernel-based layers keep what their backward reads (PyTorch saved tensors)', () => {
  it.each([
    ['conv2d', (x: Tensor, w: Tensor) => F.conv2d(x, w.view(2, 3, 1, 1)), 'ConvolutionBackward'],
    ['gelu', (x: Tensor) => F.gelu(x), 'GeluBackward'],
    ['maxPool2d', (x: Tensor) => F.maxPool2d(x, 2), 'MaxPool2DWithIndicesBackward'],
    ['avgPool2d', (x: Tensor) => F.avgPool2d(x, 2), 'AvgPool2DBackward'],
  ])('%s: backward after an in-place change of the input throws', (_name, f, node) => {
    const x = randn([1, 3, 4, 4]).requiresGrad_().mul(1); // a non-leaf: in-place changes are allowed
    const w = randn([6]).requiresGrad_();
    const y = f(x, w);
    x.add_(1);
    expect(() => y.sum().backward()).toThrow(new RegExp(`modified by an inplace operation.*saved by ${node}`));
  });
  it('batchNorm in eval mode uses the running statistics of the forward', () => {
    const bn = new BatchNorm1d(2).eval();
    const x = randn([4, 2]).requiresGrad_();
    const y = bn.forward(x);
    const before = (y.gradFn as NonNullable<typeof y.gradFn>).name;
    (bn.runningVar as Tensor).fill_(4);
    y.sum().backward();
    expect(before).toBe('NativeBatchNormBackward');
    // d/dx of sum((x - 0) / sqrt(1 + eps)) is 1 / sqrt(1 + eps), from the statistics at forward time
    expect(x.grad?.toArray()).toEqual(Array.from({ length: 4 }, () => [1, 1].map(() => Math.fround(1 / Math.sqrt(1 + 1e-5)))));
  });
});
