// Elementwise kernels on the GPU against the CPU reference: every unary op, binary ops with alpha
// and scalars, ternary, clamp, where, softplus, relu's backward; contiguous, transposed, broadcast
// (stride 0), offset views; 0-element and 0-d tensors; int32, int64 and bool.
import { expect, it } from 'vitest';
import {
  abs, add, clamp, erf, exp, expm1, full, isfinite, isinf, isnan, log, log1p, logicalNot, manualSeed, maximum, minimum, neg, pow, rand, randint,
  randn, relu, rsqrt, sigmoid, sign, softplus, sqrt, sub, tanh, tensor, where, zeros, type Tensor,
} from '@torchlet/tensor-core';
import { thresholdBackward } from '@torchlet/tensor-core/internal';
import { check, describeGpu } from './helpers/gpu.js';

manualSeed(7);
const special = tensor([0, -0, 1, -1, 0.5, -2.5, 1e-7, -3e-6, 20, -20, 88, -100, Infinity, -Infinity, NaN]);
const layouts = (f: (x: Tensor) => Tensor): Array<(x: Tensor) => Tensor> => [
  f,
  (x) => f(x.t()), // transposed
  (x) => f(x.narrow(1, 1, 3)), // offset, strided rows
  (x) => f(x.narrow(0, 2, 1).expand([4, 6])), // broadcast, stride 0
];

describeGpu('unary kernels', () => {
  const unaries: Record<string, (x: Tensor) => Tensor> = { exp, log, log1p, expm1, sqrt, rsqrt, sigmoid, tanh, erf, neg, abs, sign, relu };
  for (const [name, f] of Object.entries(unaries)) {
    it(`${name}: random, special values, strided, broadcast, 0-element, 0-d`, async () => {
      const positive = ['log', 'sqrt', 'rsqrt'].includes(name);
      const x = positive ? rand([6, 6]).add(0.01) : randn([6, 6]).mul(3);
      for (const g of layouts(f)) await check(g, [x]);
      await check(f, [special]);
      await check(f, [zeros([0, 3])]);
      await check(f, [tensor(positive ? 2.5 : -1.5)]);
    });
  }

  it('isnan, isinf, isfinite, logicalNot on floats, ints and bools', async () => {
    for (const f of [isnan, isinf, isfinite, logicalNot]) {
      await check(f, [special]);
      await check(f, [randint(-2, 3, [5], { dtype: 'int32' })]);
    }
    await check(logicalNot, [tensor([true, false, true])]);
  });

  it('copy converts dtypes as a C cast (strided input)', async () => {
    const x = tensor([[1.7, -2.7, 0], [1e10, -1e10, 3.5]]);
    await check((t) => t.t().to('int32'), [x]);
    await check((t) => t.to('bool'), [tensor([0, -0, 0.5, NaN, -3])]);
    await check((t) => t.to('float32'), [tensor([1, 0, 1], { dtype: 'bool' })]);
    await check((t) => t.to('int64').t(), [randint(-50, 50, [3, 4], { dtype: 'int32' })]);
    await check((t) => t.t().contiguous(), [randn([5, 7])]);
  });
});

describeGpu('binary kernels', () => {
  const a = randn([4, 6]);
  const b = randn([4, 6]);
  it('add, sub (alpha), mul, div, maximum, minimum on every layout', async () => {
    const fs: Array<(x: Tensor, y: Tensor) => Tensor> = [
      (x, y) => add(x, y),
      (x, y) => add(x, y, { alpha: 2.5 }),
      (x, y) => sub(x, y, { alpha: -0.5 }),
      (x, y) => x.mul(y),
      (x, y) => x.div(y),
      (x, y) => maximum(x, y),
      (x, y) => minimum(x, y),
    ];
    for (const f of fs) {
      await check(f, [a, b]);
      await check((x, y) => f(x.t(), y.t()), [a, b]);
      await check((x, y) => f(x.narrow(1, 2, 3), y.narrow(0, 1, 1).narrow(1, 0, 3)), [a, b]); // broadcast row
      await check((x, y) => f(x, y.narrow(1, 0, 1)), [a, b]); // broadcast column
      await check(f, [special, special.neg()]);
      await check(f, [zeros([0]), zeros([0])]);
      await check(f, [tensor(2.5), tensor(-3.5)]);
    }
  });

  it('comparisons and logical ops give bools; NaN compares false', async () => {
    const x = tensor([1, 2, NaN, -1, 0, 3]);
    const y = tensor([1, 3, NaN, -2, -0, NaN]);
    for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr', 'logicalXor'] as const) {
      await check((p, q) => p[op](q), [x, y]);
      await check((p, q) => p[op](q), [randint(-2, 2, [3, 3], { dtype: 'int32' }), randint(-2, 2, [3], { dtype: 'int32' })]);
    }
  });

  it('pow: tensor exponents (negative bases, zeros, infinities) and PyTorch special scalar exponents', async () => {
    const base = tensor([2, -2, 0.5, -0.5, 0, -0, 1, -1, Infinity, -Infinity, NaN, 3]);
    const expo = tensor([3, 3, -2, 2, -1, 3, NaN, Infinity, -2, 3, 0, 0.5]);
    await check((x, y) => pow(x, y), [base, expo]);
    for (const s of [2, 3, 0.5, -0.5, -1, -2, 1.7, 0]) await check((x) => pow(x, s), [rand([3, 4]).add(0.1)]);
    await check((x) => pow(2, x), [randn([5])]);
  });

  it('integer arithmetic wraps like int32; integer pow as powi; bool arithmetic', async () => {
    const i = randint(-1000, 1000, [4, 5], { dtype: 'int32' });
    const j = randint(-1000, 1000, [4, 5], { dtype: 'int32' });
    await check((x, y) => x.add(y).mul(y).sub(x), [i, j]);
    await check((x, y) => x.mul(3).add(y, { alpha: 2 }), [i, j]);
    await check((x, y) => pow(x, y), [randint(-3, 4, [10], { dtype: 'int32' }), randint(-2, 5, [10], { dtype: 'int32' })]);
    await check((x, y) => x.add(y), [randint(-100, 100, [6]), randint(-100, 100, [6])]); // int64 stored as int32
    await check((x, y) => x.add(y), [tensor([true, false, false]), tensor([true, true, false])]);
    await check((x) => x.div(7), [i]);
  });
});

describeGpu('other elementwise kernels', () => {
  it('ternary: addcmul, addcdiv, lerp (in place too)', async () => {
    const [x, a, b] = [randn([3, 4]), randn([3, 4]), rand([4]).add(0.5)];
    await check((p, q, r) => p.clone().addcmul_(q, r, 0.5), [x, a, b]);
    await check((p, q, r) => p.clone().addcdiv_(q, r, -2), [x, a, b]);
    await check((p, q, r) => p.clone().lerp_(q, r.sub(0.7)), [x, a, b]);
    await check((p, q) => p.clone().lerp_(q, 0.3), [x, a]);
  });

  it('clamp (one or both bounds, ints), where (broadcast), softplus, fill, relu backward', async () => {
    const x = randn([5, 4]).mul(3);
    await check((t) => clamp(t, -1, 2), [x]);
    await check((t) => clamp(t.t(), 0.5), [x]);
    await check((t) => clamp(t, undefined, 0), [special]);
    await check((t) => clamp(t, -3, 3), [randint(-10, 10, [8], { dtype: 'int32' })]);
    await check((c, p, q) => where(c, p, q), [x.gt(0), x, tensor(-1)]);
    await check((c, p, q) => where(c.narrow(1, 0, 1), p, q.t()), [x.gt(0), x, randn([4, 5])]);
    await check((t) => softplus(t, 2, 5), [x]);
    await check((t) => softplus(t), [special]);
    await check((t) => t.add(full([3, 2], 1.5, { device: t.device })), [randn([3, 2])]);
    await check((t) => t.clone().fill_(4).t(), [x]);
    await check((t) => t.clone().narrow(1, 1, 2).fill_(-2), [x]);
    await check((g, t) => thresholdBackward(g, t, 0), [randn([4, 4]), x.narrow(0, 0, 4)]);
  });

  it('in-place ops on strided destinations', async () => {
    const x = randn([4, 6]);
    await check((t) => {
      const c = t.clone();
      c.t().narrow(0, 1, 2).mul_(3).add_(1);
      return c;
    }, [x]);
    await check((t, u) => t.clone().add_(u.t(), { alpha: 2 }), [randn([3, 3]), randn([3, 3])]);
  });
});

describeGpu('contiguous fast paths', () => {
  // the elementwise kernels skip index arithmetic for contiguous operands (vec4 lanes where the
  // count and offsets are multiples of 4, one element per invocation otherwise): bit for bit the
  // strided kernel's results, which a transposed copy of the same values still takes
  const bits = async (t: Tensor): Promise<number[]> => Array.from(new Uint32Array(new Float32Array(await t.toTypedArrayAsync()).buffer));
  const strided = (t: Tensor): Tensor => t.t().contiguous().t();
  it('vec4, flat, offset and broadcast-element operands give the strided kernel bits', async () => {
    for (const [r, c] of [[32, 33], [31, 33]]) {
      const x0 = randn([r, c]).mul(4);
      const y0 = randn([r, c]);
      const x = x0.to('webgpu');
      const y = y0.to('webgpu');
      const s = tensor(0.75).to('webgpu');
      const ops: Array<(p: Tensor, q: Tensor, k: Tensor) => Tensor> = [
        (p) => exp(p),
        (p) => sigmoid(p),
        (p, q) => add(p, q, { alpha: 2.5 }),
        (p, q, k) => p.mul(q).sub(k),
        (p, q, k) => where(p.gt(q), p, k),
        (p) => p.pow(2).clamp(-1, 3),
      ];
      for (const f of ops) {
        const want = await bits(f(strided(x), strided(y), s));
        expect(await bits(f(x, y, s))).toEqual(want);
        await check((p, q, k) => f(p, q, k), [x0, y0, tensor(0.75)], 1e-5, 1e-6); // atol: p * q - 0.75 cancels
      }
      const n = r * c;
      for (const start of [1, 4]) {
        const fx = x.flatten().narrow(0, start, n - start - 4);
        const fy = y.flatten().narrow(0, 4, n - start - 4);
        const got = await bits(add(fx, fy));
        const want = await bits(add(fx.unsqueeze(1).t().contiguous().t(), fy.unsqueeze(1)).flatten());
        expect(got).toEqual(want);
      }
      const inPlace = x.clone();
      inPlace.add_(y, { alpha: -1 });
      expect(await bits(inPlace)).toEqual(await bits(strided(x).sub(strided(y))));
    }
  });
});
