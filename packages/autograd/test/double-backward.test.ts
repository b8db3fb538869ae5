// Double backward (createGraph): second derivatives checked against formulas derived here and
// against finite differences of the first derivative (gradgradcheck).
import { describe, expect, it } from 'vitest';
import * as ag from './ag.js';
import { gradgradcheck, type Tensor } from './ag.js';
import { expectClose, flat, rnd } from './helpers.js';

describe('createGraph: grad of grad', () => {
  it('d2/dx2 sum(x^3) = 6x', () => {
    const x = rnd([4]);
    const [g] = ag.grad(x.pow(3).sum(), x, { createGraph: true });
    expect(g.requiresGrad).toBe(true);
    expectClose(flat(g), flat(x).map((v) => 3 * v * v));
    const [gg] = ag.grad(g.sum(), x);
    expectClose(flat(gg), flat(x).map((v) => 6 * v));
  });

  it('backward(createGraph) leaves a differentiable .grad', () => {
    const x = rnd([3]);
    x.exp().mul(x).sum().backward(undefined, { createGraph: true });
    // d/dx (x e^x) = (1 + x) e^x ; d2 = (2 + x) e^x
    expectClose(flat(x.grad!), flat(x).map((v) => (1 + v) * Math.exp(v)));
    const g = x.grad!;
    x.grad = null;
    g.sum().backward();
    expectClose(flat(x.grad!), flat(x).map((v) => (2 + v) * Math.exp(v)));
  });

  it('mixed partials of sum(a * b^2): d/db (d/da) = 2b', () => {
    const a = rnd([3]);
    const b = rnd([3], { seed: 5 });
    const [ga] = ag.grad(a.mul(b.pow(2)).sum(), a, { createGraph: true });
    const [gb] = ag.grad(ga.sum(), b);
    expectClose(flat(gb), flat(b).map((v) => 2 * v));
  });

  it('Hessian-vector product of a quadratic form through matmul: H v = (A + A^T) v', () => {
    const A = rnd([3, 3], { requiresGrad: false });
    const x = rnd([3], { seed: 11 });
    const v = rnd([3], { seed: 12, requiresGrad: false });
    const [g] = ag.grad(x.matmul(A.matmul(x)), x, { createGraph: true });
    const [hv] = ag.grad(g.mul(v).sum(), x);
    const a = flat(A);
    const vv = flat(v);
    const expected = [0, 1, 2].map((i) => [0, 1, 2].reduce((s, j) => s + (a[i * 3 + j] + a[j * 3 + i]) * vv[j], 0));
    expectClose(flat(hv), expected);
  });

  it('second derivative of tanh matches a finite difference of the analytic first derivative', () => {
    const x = rnd([5], { lo: -2, hi: 2 });
    const [g] = ag.grad(x.tanh().sum(), x, { createGraph: true });
    const [gg] = ag.grad(g.sum(), x);
    const d1 = (t: number) => 1 - Math.tanh(t) ** 2;
    const h = 1e-5;
    expectClose(flat(gg), flat(x).map((t) => (d1(t + h) - d1(t - h)) / (2 * h)), 1e-8);
  });
});

interface Case {
  name: string;
  inputs: () => Tensor[];
  fn: (...xs: Tensor[]) => Tensor;
}

const pos = (shape: number[], seed?: number) => rnd(shape, { lo: 0.5, hi: 2, seed });
const idx = (data: number[], shape: number[]) => ag.tensor(data, { shape, dtype: 'int64' });

const cases: Case[] = [
  { name: 'mul / div broadcast', inputs: () => [rnd([2, 3]), pos([3], 2)], fn: (a, b) => a.mul(b).div(b.add(a.pow(2))) },
  { name: 'exp log sqrt', inputs: () => [pos([4])], fn: (a) => a.exp().add(a.log()).mul(a.sqrt()) },
  { name: 'pow tensor', inputs: () => [pos([3]), rnd([3], { seed: 3 })], fn: (a, b) => a.pow(b) },
  { name: 'pow scalar, rsqrt, log1p, expm1', inputs: () => [pos([3])], fn: (a) => a.pow(3).add(a.rsqrt()).add(a.log1p()).mul(a.expm1()) },
  { name: 'sigmoid tanh softplus', inputs: () => [rnd([5], { lo: -2, hi: 2 })], fn: (a) => a.sigmoid().mul(a.tanh()).add(a.softplus(2)) },
  { name: 'erf', inputs: () => [rnd([5], { lo: -2, hi: 2 })], fn: (a) => a.erf().mul(a) },
  { name: 'abs relu clamp (piecewise linear times x)', inputs: () => [rnd([6])], fn: (a) => a.abs().add(a.relu()).add(a.clamp(-0.3, 0.4)).mul(a) },
  { name: 'maximum minimum', inputs: () => [rnd([4]), rnd([4], { seed: 2 })], fn: (a, b) => a.maximum(b).mul(a.minimum(b)) },
  { name: 'sum mean keepdim', inputs: () => [rnd([2, 3])], fn: (a) => a.sum(1, true).mul(a).mean(0) },
  { name: 'prod', inputs: () => [pos([2, 3])], fn: (a) => a.prod(1) },
  { name: 'var std', inputs: () => [rnd([3, 4])], fn: (a) => a.var(1).add(a.std(0).sum()) },
  { name: 'logsumexp', inputs: () => [rnd([3, 4])], fn: (a) => a.logsumexp(1) },
  { name: 'max dim / max all', inputs: () => [rnd([3, 4])], fn: (a) => a.max(1).values.mul(a.max()) },
  { name: 'views', inputs: () => [rnd([2, 3, 4])], fn: (a) => a.permute(2, 0, 1).reshape(4, 6).t().mul(a.view(6, 4)) },
  { name: 'slices, select, cat, stack', inputs: () => [rnd([4, 3])], fn: (a) => ag.cat([a.narrow(0, 1, 2), a.slice(0, 0, 4, 3)]).mul(ag.stack([a.select(1, 0), a.select(1, 2), a.select(1, 1)], 1).slice(0, 0, 4).pow(2)) },
  { name: 'expand squeeze unsqueeze', inputs: () => [rnd([3, 1])], fn: (a) => a.expand(3, 2).mul(a.squeeze().unsqueeze(0).t()) },
  { name: 'matmul', inputs: () => [rnd([2, 3]), rnd([3, 2], { seed: 2 })], fn: (a, b) => a.matmul(b).pow(2) },
  { name: 'bmm / mm', inputs: () => [rnd([2, 2, 3]), rnd([2, 3, 2], { seed: 2 })], fn: (a, b) => a.bmm(b).tanh().sum(0).mm(a.select(0, 1)) },
  { name: 'softmax', inputs: () => [rnd([2, 4])], fn: (a) => a.softmax(1).mul(a) },
  { name: 'logSoftmax + gather (cross entropy)', inputs: () => [rnd([3, 4])], fn: (a) => a.logSoftmax(1).gather(1, idx([0, 3, 1], [3, 1])).mean() },
  { name: 'indexSelect scatterAdd maskedFill', inputs: () => [rnd([3, 2])], fn: (a) => a.indexSelect(0, idx([2, 0], [2])).pow(2).scatterAdd(0, idx([1, 0, 1, 1], [2, 2]), a.narrow(0, 0, 2).exp()).maskedFill(ag.tensor([true, false]), 0) },
  { name: 'where', inputs: () => [rnd([4]), rnd([4], { seed: 3 })], fn: (a, b) => ag.where(a.gt(0), a.mul(b), b.pow(2)) },
];

describe('gradgradcheck', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(gradgradcheck(c.fn, c.inputs())).toBe(true);
    });
  }
});
