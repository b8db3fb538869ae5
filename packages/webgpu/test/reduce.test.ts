// Reductions, softmax, matmul and indexing on the GPU against the CPU reference, on contiguous,
// transposed and offset views, with 0-element and 0-d edge cases.
import { expect, it } from 'vitest';
import {
  all, any, argmax, argmin, gather, indexSelect, logSoftmax, logsumexp, manualSeed, matmul, randint, randn, scatter, scatterAdd, softmax,
  tensor, zeros, type Tensor,
} from '@torchlet/tensor-core';
import { addmmRow } from '@torchlet/tensor-core/internal';
import { check, describeGpu, expectClose, expectWithinSumBound } from './helpers/gpu.js';
import { sumChunks } from '../src/kernels/reduce.js';

manualSeed(11);

describeGpu('reductions', () => {
  const x = randn([5, 6, 7]);
  it('sum, mean, prod, max, min over dims, keepdim, strided input, all elements', async () => {
    for (const dim of [0, 1, 2, [0, 2], [0, 1, 2]] as const) {
      await check((t) => t.sum(dim as number | number[]), [x]);
      await check((t) => t.permute([2, 0, 1]).sum(dim as number | number[], true), [x]);
      await check((t) => t.mean(dim as number | number[]), [x]);
      if (typeof dim === "number") await check((t) => t.narrow(1, 1, 3).prod(dim), [x.mul(0.5).add(1)]);
    }
    await check((t) => t.sum(), [x]);
    await check((t) => t.max(), [x]);
    await check((t) => t.transpose(0, 2).min(), [x]);
    for (const dim of [0, 1, 2]) {
      for (const k of ['max', 'min'] as const) {
        const onCpu = x[k](dim);
        const onGpu = x.to('webgpu').permute([0, 1, 2])[k](dim);
        await expectClose(onGpu.values, onCpu.values);
        await expectClose(onGpu.indices, onCpu.indices);
      }
    }
  });

  it('long float sums split into chunks and combined (two passes): as accurate as the reference, inf and NaN kept', async () => {
    // a large common offset with cancelling halves: the sum is small against the terms
    const big = randn([300_001]).add(tensor([1e4]));
    await check((t) => t.sum(), [big]);
    // the second half cancels the first but for small deltas: each chunk's sum is large and its
    // rounding errors (kept apart, then added in the second pass) are far larger than 1e-5 of the total
    const a = randn([150_000]).mul(1e4).toTypedArray() as Float32Array;
    const delta = randn([150_000]).mul(1e-2).add(tensor([5e-3])).toTypedArray() as Float32Array;
    const cancelling = new Float32Array(300_000);
    for (let i = 0; i < 150_000; i++) {
      cancelling[i] = a[i];
      cancelling[150_000 + i] = -a[i] + delta[i];
    }
    expect(sumChunks(tensor(cancelling), [0])).toBeGreaterThan(1);
    await check((t) => t.sum(), [tensor(cancelling)]);
    await check((t) => t.mean(), [big]);
    const wide = randn([3, 50_000]);
    await check((t) => t.sum(1), [wide]);
    await check((t) => t.t().sum(0, true), [wide]);
    await check((t) => t.sum([0, 1]), [wide]);
    await check((t) => t.narrow(1, 7, 40_000).mean(1), [wide]);
    const special = randn([20_000]);
    const d = special.data as Float32Array;
    d[19_999] = Number.POSITIVE_INFINITY;
    await check((t) => t.sum(), [special]);
    d[5] = Number.NEGATIVE_INFINITY;
    await check((t) => t.sum(), [special]);
    d[5] = Number.NaN;
    d[19_999] = 1;
    await check((t) => t.sum(), [special]);
  });

  it('NaN wins max / min and argmax; first extreme wins ties; integer and bool sums', async () => {
    const y = tensor([[1, NaN, 3, NaN], [2, 2, -1, -1]]);
    await check((t) => t.max(1).values, [y]);
    await check((t) => t.max(1).indices, [y]);
    await check((t) => argmax(t, 1), [y]);
    await check((t) => argmin(t, 1), [y]);
    await check((t) => argmax(t.t(), 0), [y]);
    const i = randint(-50, 50, [4, 5], { dtype: 'int32' });
    await check((t) => t.sum(1), [i]);
    await check((t) => t.max(0).values, [i]);
    await check((t) => t.gt(0).sum(0), [i]);
  });

  it('all, any, logsumexp (infinities), variance and std with corrections', async () => {
    const b = tensor([[true, false, true], [true, true, true]]);
    await check((t) => all(t, 1), [b]);
    await check((t) => any(t, 0), [b]);
    await check((t) => all(t), [tensor([1.5, NaN, -1])]);
    await check((t) => logsumexp(t, 1), [x.reshape([30, 7]).mul(10)], 1e-5, LOG_ATOL);
    await check((t) => logsumexp(t, 1), [tensor([[-Infinity, -Infinity], [Infinity, 1], [NaN, 1]])]);
    await check((t) => t.var(1), [x]);
    await check((t) => t.var([0, 2], { correction: 0 }), [x]);
    await check((t) => t.transpose(1, 2).std(2, { correction: 2, keepdim: true }), [x]);
  });

  it('edge shapes: 0-element reductions give the identity; 0-d input', async () => {
    await check((t) => t.sum(1), [zeros([3, 0])]);
    await check((t) => t.prod(1), [zeros([3, 0])]);
    await check((t) => logsumexp(t, 1), [zeros([2, 0])]);
    await check((t) => t.sum(0), [zeros([0, 4])]);
    await check((t) => t.sum(), [tensor(3.5)]);
  });
});

// log-softmax and logsumexp take log(sum of exps); where the sum is near 1 its float32 rounding
// (2^-24 absolute, with the exps summed in float32) is a large relative error of a result near 0
// (the reference sums in doubles): the absolute term LOG_ATOL stands for it.
const LOG_ATOL = 1e-6;

describeGpu('softmax', () => {
  it('softmax and log-softmax along every dim, strided, with -inf and large logits', async () => {
    const x = randn([4, 5, 6]).mul(4);
    for (const dim of [0, 1, 2]) {
      await check((t) => softmax(t, dim), [x]);
      await check((t) => logSoftmax(t.transpose(0, 2), dim), [x], 1e-5, LOG_ATOL);
    }
    const y = tensor([[1e4, -1e4, 0], [-Infinity, 0, 1], [-Infinity, -Infinity, 2]]);
    await check((t) => softmax(t, 1), [y]);
    await check((t) => logSoftmax(t, 1), [y], 1e-5, LOG_ATOL);
    await check((t) => softmax(t, 0), [zeros([0, 3])]);
  });
});

describeGpu('matmul', () => {
  // float32 sums in k order: within the bound of such sums of the CPU's double ones (the same
  // product of |a| and |b| bounds every element's terms; K: the longest dim, at least the inner one)
  const checkMm = async (fn: (a: Tensor, b: Tensor) => Tensor, a: Tensor, b: Tensor) => {
    const terms = Math.max(1, ...a.shape, ...b.shape);
    await expectWithinSumBound(fn(a.to('webgpu'), b.to('webgpu')), fn(a, b), fn(a.abs(), b.abs()), terms);
  };
  it('2-D, transposed operands, tile edges, batched and broadcast batches, K = 0', async () => {
    for (const [m, k, n] of [[1, 1, 1], [3, 5, 2], [17, 33, 16], [40, 70, 19]]) {
      await checkMm((a, b) => matmul(a, b), randn([m, k]), randn([k, n]));
      await checkMm((a, b) => matmul(a.t(), b.t()), randn([k, m]), randn([n, k]));
    }
    await checkMm((a, b) => matmul(a, b), randn([3, 4, 5, 6]), randn([3, 4, 6, 2]));
    await checkMm((a, b) => matmul(a, b), randn([3, 1, 5, 6]), randn([4, 6, 7]));
    await checkMm((a, b) => matmul(a, b.narrow(1, 1, 3)), randn([2, 5, 6]), randn([6, 5]));
    await checkMm((a, b) => matmul(a, b), randn([7]), randn([7, 3]));
    await checkMm((a, b) => matmul(a, b), zeros([3, 0]), zeros([0, 4]));
    await checkMm((a, b) => matmul(a, b), zeros([0, 5]), randn([5, 4]));
  });
  it('several 64 x 64 register-tiled blocks with ragged edges, k past one staged tile', async () => {
    for (const [m, k, n] of [[130, 70, 67], [64, 16, 64], [65, 17, 129]]) {
      await checkMm((a, b) => matmul(a, b), randn([m, k]), randn([k, n]));
      await checkMm((a, b) => matmul(a.t(), b), randn([k, m]), randn([k, n]));
    }
    await checkMm((a, b) => matmul(a, b.transpose(1, 2)), randn([2, 70, 33]), randn([2, 66, 33]));
  });
  it('matmulAddRow (the linear layer): the product rounded, then the bias row', async () => {
    const bias = randn([9]);
    // b as given, and b transposed (read through its strides on the GPU)
    const cases: [Tensor, Tensor, (b: Tensor) => Tensor][] = [
      [randn([12, 20]), randn([20, 9]), (b) => b],
      [randn([5, 20]), randn([9, 20]), (b) => b.t()],
    ];
    for (const [a, b, layout] of cases) {
      const onGpu = addmmRow(a.to('webgpu'), layout(b.to('webgpu')), bias.to('webgpu'));
      // the bound: the product's terms and the bias, all in absolute value (21 terms)
      await expectWithinSumBound(onGpu, addmmRow(a, layout(b), bias), addmmRow(a.abs(), layout(b.abs()), bias.abs()), 21);
    }
  });
});

describeGpu('indexing', () => {
  const x = randn([4, 5, 3]);
  it('gather and indexSelect along every dim, strided sources', async () => {
    await check((t, i) => gather(t, 1, i), [x, randint(0, 5, [4, 2, 3])]);
    await check((t, i) => gather(t.transpose(0, 2), 2, i), [x, randint(0, 4, [3, 5, 6])]);
    await check((t, i) => gather(t, 0, i), [x, randint(0, 4, [2, 5, 3], { dtype: 'int64' })]);
    for (const dim of [0, 1, 2]) await check((t, i) => indexSelect(t, dim, i), [x, tensor([2, 0, 2, 1])]);
    await check((t, i) => indexSelect(t.t(), 0, i), [randn([3, 6]), tensor([5, 0])]);
    await check((t, i) => indexSelect(t, 0, i), [x, tensor([], { dtype: 'int64' })]);
  });
  it('scatter (repeats: the later wins), scatterAdd in index order, scalar sources, bool', async () => {
    const idx = tensor([[0, 1, 0, 2], [2, 2, 2, 0]]);
    const src = randn([2, 4]);
    await check((t, i, s) => scatter(t, 1, i, s), [zeros([2, 3]), idx, src]);
    await check((t, i, s) => scatterAdd(t, 1, i, s), [randn([2, 3]), idx, src]);
    await check((t, i, s) => scatterAdd(t.t(), 1, i, s.t()), [randn([3, 2]), idx, src.t().contiguous()]);
    await check((t, i) => scatter(t, 0, i, 1.5), [zeros([3, 4]), tensor([[0, 2, 1, 0]])]);
    await check((t, i, s) => scatterAdd(t, 1, i, s), [zeros([2, 3], { dtype: 'int32' }), idx, randint(-5, 5, [2, 4], { dtype: 'int32' })]);
    expect(true).toBe(true);
  });
});
