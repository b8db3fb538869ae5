// Every differentiable op against central finite differences in float64 (gradcheck), including
// broadcasting and non-contiguous inputs.
import { describe, expect, it } from 'vitest';

import * as ag from './ag.js';
import { gradcheck, type GradcheckOptions, type Tensor } from './ag.js';
import { rnd } from './helpers.js';

interface Case {
  name: string;
  inputs: () => Tensor[];
  fn: (...xs: Tensor[]) => Tensor | Tensor[];
  options?: GradcheckOptions;
}

const pos = (shape: number[], seed?: number) => rnd(shape, { lo: 0.5, hi: 2, seed });
/** A non-contiguous [r, c] input: the transpose of a contiguous [c, r] leaf. */
const transposed = (r: number, c: number, seed?: number) => rnd([c, r], { seed, requiresGrad: false }).t();
const ncLeaf = (r: number, c: number, seed?: number) => transposed(r, c, seed).requiresGrad_(true);
const idx = (data: number[], shape: number[]) => ag.tensor(data, { shape, dtype: 'int64' });

const elementwise: Case[] = [
  { name: 'add', inputs: () => [rnd([2, 3]), rnd([2, 3], { seed: 2 })], fn: (a, b) => a.add(b) },
  { name: 'add broadcast + alpha', inputs: () => [rnd([2, 3]), rnd([3], { seed: 2 })], fn: (a, b) => a.add(b, { alpha: -2.5 }) },
  { name: 'add scalar', inputs: () => [rnd([4])], fn: (a) => a.add(3).add(ag.scalarTensor(2, 'float64')) },
  { name: 'sub broadcast + alpha', inputs: () => [rnd([3, 1]), rnd([1, 4], { seed: 3 })], fn: (a, b) => a.sub(b, { alpha: 0.5 }) },
  { name: 'sub scalar first', inputs: () => [rnd([3])], fn: (a) => ag.sub(2, a) },
  { name: 'mul broadcast', inputs: () => [rnd([2, 1, 3]), rnd([4, 1], { seed: 4 })], fn: (a, b) => a.mul(b) },
  { name: 'mul self', inputs: () => [rnd([5])], fn: (a) => a.mul(a) },
  { name: 'mul non-contiguous', inputs: () => [ncLeaf(3, 4), rnd([3, 4], { seed: 9 })], fn: (a, b) => a.mul(b) },
  { name: 'div', inputs: () => [rnd([2, 3]), pos([3], 6)], fn: (a, b) => a.div(b) },
  { name: 'div scalar numerator', inputs: () => [pos([4])], fn: (a) => ag.div(2, a) },
  { name: 'pow scalar', inputs: () => [pos([4])], fn: (a) => a.pow(2.5) },
  { name: 'pow negative integer', inputs: () => [rnd([4], { lo: 0.5, hi: 1.5 })], fn: (a) => a.pow(-2) },
  { name: 'pow zero exponent', inputs: () => [rnd([3])], fn: (a) => a.pow(0) },
  { name: 'pow tensor', inputs: () => [pos([2, 3]), rnd([3], { seed: 8 })], fn: (a, b) => a.pow(b) },
  { name: 'pow scalar base', inputs: () => [rnd([4])], fn: (b) => ag.pow(1.7, b) },
  { name: 'maximum', inputs: () => [rnd([3, 4]), rnd([4], { seed: 11 })], fn: (a, b) => a.maximum(b) },
  { name: 'minimum', inputs: () => [rnd([3, 4]), rnd([3, 1], { seed: 12 })], fn: (a, b) => a.minimum(b) },
  { name: 'neg', inputs: () => [rnd([3])], fn: (a) => a.neg() },
  { name: 'exp', inputs: () => [rnd([2, 3])], fn: (a) => a.exp() },
  { name: 'log', inputs: () => [pos([2, 3])], fn: (a) => a.log() },
  { name: 'log1p', inputs: () => [rnd([5], { lo: -0.5, hi: 2 })], fn: (a) => a.log1p() },
  { name: 'expm1', inputs: () => [rnd([5])], fn: (a) => a.expm1() },
  { name: 'sqrt', inputs: () => [pos([5])], fn: (a) => a.sqrt() },
  { name: 'rsqrt', inputs: () => [pos([5])], fn: (a) => a.rsqrt() },
  { name: 'abs', inputs: () => [rnd([6])], fn: (a) => a.abs() },
  { name: 'sign', inputs: () => [rnd([4])], fn: (a) => a.sign().mul(a) },
  { name: 'clamp both', inputs: () => [rnd([8], { lo: -2, hi: 2 })], fn: (a) => a.clamp(-0.5, 0.7) },
  { name: 'clamp min', inputs: () => [rnd([8], { lo: -2, hi: 2 })], fn: (a) => a.clamp(0.1) },
  { name: 'clamp max', inputs: () => [rnd([8], { lo: -2, hi: 2 })], fn: (a) => a.clamp(undefined, 0.3) },
  { name: 'sigmoid', inputs: () => [rnd([2, 3], { lo: -4, hi: 4 })], fn: (a) => a.sigmoid() },
  { name: 'tanh', inputs: () => [rnd([2, 3], { lo: -2, hi: 2 })], fn: (a) => a.tanh() },
  { name: 'erf', inputs: () => [rnd([2, 3], { lo: -2, hi: 2 })], fn: (a) => a.erf() },
  { name: 'relu', inputs: () => [rnd([8])], fn: (a) => a.relu() },
  { name: 'softplus', inputs: () => [rnd([6], { lo: -3, hi: 3 })], fn: (a) => a.softplus() },
  { name: 'softplus beta threshold', inputs: () => [rnd([8], { lo: -3, hi: 3 })], fn: (a) => a.softplus(2, 1.5) },
  {
    name: 'where broadcast',
    inputs: () => [rnd([2, 3]), rnd([3], { seed: 5 })],
    fn: (a, b) => ag.where(ag.tensor([true, false, true]), a, b),
  },
  { name: 'where scalar other', inputs: () => [rnd([2, 3])], fn: (a) => a.where(a.gt(0), 0.5) },
];

const reductions: Case[] = [
  { name: 'sum', inputs: () => [rnd([2, 3])], fn: (a) => a.sum() },
  { name: 'sum dim', inputs: () => [rnd([2, 3, 4])], fn: (a) => a.sum(1) },
  { name: 'sum dims keepdim', inputs: () => [rnd([2, 3, 4])], fn: (a) => a.sum([0, -1], true) },
  { name: 'sum non-contiguous', inputs: () => [ncLeaf(3, 4)], fn: (a) => a.sum(0) },
  { name: 'mean', inputs: () => [rnd([2, 3])], fn: (a) => a.mean() },
  { name: 'mean dim', inputs: () => [rnd([2, 3, 4])], fn: (a) => a.mean(-1) },
  { name: 'mean dims keepdim', inputs: () => [rnd([2, 3, 4])], fn: (a) => a.mean([0, 2], true) },
  { name: 'prod', inputs: () => [rnd([2, 3], { lo: 0.5, hi: 1.5 })], fn: (a) => a.prod() },
  { name: 'prod dim', inputs: () => [rnd([3, 4])], fn: (a) => a.prod(1) },
  { name: 'prod dim keepdim', inputs: () => [rnd([3, 4])], fn: (a) => a.prod(0, true) },
  { name: 'prod with one zero', inputs: () => [ag.tensor([[2, 0, 3], [1, 4, 5]], { dtype: 'float64', requiresGrad: true })], fn: (a) => a.prod(1) },
  { name: 'max all', inputs: () => [rnd([3, 4])], fn: (a) => a.max() },
  { name: 'min all', inputs: () => [rnd([3, 4])], fn: (a) => a.min() },
  { name: 'max dim', inputs: () => [rnd([3, 4])], fn: (a) => a.max(1).values },
  { name: 'min dim keepdim', inputs: () => [rnd([3, 4])], fn: (a) => a.min(0, true).values },
  { name: 'var', inputs: () => [rnd([3, 4])], fn: (a) => a.var() },
  { name: 'var dim', inputs: () => [rnd([3, 4])], fn: (a) => a.var(1) },
  { name: 'var dims correction 0 keepdim', inputs: () => [rnd([2, 3, 4])], fn: (a) => a.var([0, 2], { correction: 0, keepdim: true }) },
  { name: 'std', inputs: () => [rnd([3, 4])], fn: (a) => a.std() },
  { name: 'std dim', inputs: () => [rnd([3, 4])], fn: (a) => a.std(0) },
  { name: 'logsumexp', inputs: () => [rnd([3, 4], { lo: -3, hi: 3 })], fn: (a) => a.logsumexp(1) },
  { name: 'logsumexp dims keepdim', inputs: () => [rnd([2, 3, 4])], fn: (a) => a.logsumexp([0, 1], true) },
];

const views: Case[] = [
  { name: 'view', inputs: () => [rnd([2, 6])], fn: (a) => a.view(3, 4) },
  { name: 'reshape non-contiguous', inputs: () => [ncLeaf(3, 4)], fn: (a) => a.reshape([12]) },
  { name: 'transpose', inputs: () => [rnd([2, 3, 4])], fn: (a) => a.transpose(0, 2) },
  { name: 't', inputs: () => [rnd([2, 3])], fn: (a) => a.t() },
  { name: 'T', inputs: () => [rnd([2, 3, 4])], fn: (a) => a.T },
  { name: 'permute', inputs: () => [rnd([2, 3, 4])], fn: (a) => a.permute(2, 0, 1) },
  { name: 'expand', inputs: () => [rnd([3, 1])], fn: (a) => a.expand(2, 3, 4) },
  { name: 'expandAs', inputs: () => [rnd([4]), rnd([3, 4], { requiresGrad: false })], fn: (a, b) => a.expandAs(b) },
  { name: 'squeeze', inputs: () => [rnd([2, 1, 3, 1])], fn: (a) => a.squeeze() },
  { name: 'squeeze dim', inputs: () => [rnd([2, 1, 3])], fn: (a) => a.squeeze(1) },
  { name: 'unsqueeze', inputs: () => [rnd([2, 3])], fn: (a) => a.unsqueeze(-1) },
  { name: 'flatten', inputs: () => [rnd([2, 3, 4])], fn: (a) => a.flatten(1) },
  { name: 'unflatten', inputs: () => [rnd([2, 6])], fn: (a) => a.unflatten(1, [2, 3]) },
  { name: 'narrow', inputs: () => [rnd([4, 5])], fn: (a) => a.narrow(1, 1, 3) },
  { name: 'narrow negative start', inputs: () => [rnd([4, 5])], fn: (a) => a.narrow(0, -3, 2) },
  { name: 'select', inputs: () => [rnd([3, 4])], fn: (a) => a.select(1, -1) },
  { name: 'slice step', inputs: () => [rnd([7, 2])], fn: (a) => a.slice(0, 1, undefined, 2) },
  { name: 'slice negative bounds', inputs: () => [rnd([6])], fn: (a) => a.slice(0, -4, -1) },
  { name: 'contiguous of transpose', inputs: () => [ncLeaf(3, 4)], fn: (a) => a.contiguous() },
  { name: 'split', inputs: () => [rnd([5, 2])], fn: (a) => a.split(2).map((p, i) => p.mul(i + 1)) },
  { name: 'split sizes', inputs: () => [rnd([2, 6])], fn: (a) => a.split([1, 2, 3], 1) },
  { name: 'chunk', inputs: () => [rnd([7])], fn: (a) => a.chunk(3) },
  { name: 'unbind', inputs: () => [rnd([3, 2])], fn: (a) => a.unbind(1) },
  { name: 'cat', inputs: () => [rnd([2, 3]), rnd([1, 3], { seed: 3 })], fn: (a, b) => ag.cat([a, b, a]) },
  { name: 'cat dim 1', inputs: () => [rnd([2, 3]), rnd([2, 1], { seed: 3 })], fn: (a, b) => ag.cat([a, b], -1) },
  { name: 'stack', inputs: () => [rnd([2, 3]), rnd([2, 3], { seed: 3 })], fn: (a, b) => ag.stack([a, b], 1) },
  { name: 'clone', inputs: () => [rnd([3])], fn: (a) => a.clone() },
  {
    name: 'float64 -> float32 -> float64 (float32 rounding: eps 1e-3)',
    inputs: () => [rnd([3])],
    fn: (a) => a.float().double().mul(a),
    options: { eps: 1e-3, atol: 1e-4, rtol: 1e-3 },
  },
];

const linalg: Case[] = [
  { name: 'mm', inputs: () => [rnd([2, 3]), rnd([3, 4], { seed: 2 })], fn: (a, b) => a.mm(b) },
  { name: 'mm non-contiguous', inputs: () => [ncLeaf(2, 3), ncLeaf(3, 4, 5)], fn: (a, b) => a.mm(b) },
  { name: 'bmm', inputs: () => [rnd([2, 2, 3]), rnd([2, 3, 2], { seed: 2 })], fn: (a, b) => a.bmm(b) },
  { name: 'matmul 1d.1d', inputs: () => [rnd([4]), rnd([4], { seed: 2 })], fn: (a, b) => a.matmul(b) },
  { name: 'matmul 1d.2d', inputs: () => [rnd([3]), rnd([3, 2], { seed: 2 })], fn: (a, b) => a.matmul(b) },
  { name: 'matmul 2d.1d', inputs: () => [rnd([2, 3]), rnd([3], { seed: 2 })], fn: (a, b) => a.matmul(b) },
  { name: 'matmul batched broadcast', inputs: () => [rnd([2, 1, 2, 3]), rnd([3, 3, 2], { seed: 2 })], fn: (a, b) => a.matmul(b) },
  { name: 'matmul 3d.1d', inputs: () => [rnd([2, 2, 3]), rnd([3], { seed: 2 })], fn: (a, b) => a.matmul(b) },
];

const indexing: Case[] = [
  { name: 'gather', inputs: () => [rnd([3, 4])], fn: (a) => a.gather(1, idx([0, 3, 3, 1, 2, 0], [3, 2])) },
  { name: 'scatter', inputs: () => [rnd([3, 4]), rnd([2, 4], { seed: 3 })], fn: (a, s) => a.scatter(0, idx([0, 1, 2, 0, 2, 0, 1, 1], [2, 4]), s) },
  { name: 'scatter src larger than index', inputs: () => [rnd([3, 4]), rnd([3, 4], { seed: 3 })], fn: (a, s) => a.scatter(1, idx([3, 0, 1, 2], [2, 2]), s) },
  { name: 'scatter scalar', inputs: () => [rnd([3, 4])], fn: (a) => a.scatter(1, idx([0, 1, 2], [3, 1]), 0.5) },
  { name: 'scatterAdd', inputs: () => [rnd([3, 4]), rnd([3, 2], { seed: 3 })], fn: (a, s) => a.scatterAdd(1, idx([0, 0, 1, 3, 2, 2], [3, 2]), s) },
  { name: 'indexSelect', inputs: () => [rnd([4, 3])], fn: (a) => a.indexSelect(0, idx([3, 0, 3], [3])) },
  { name: 'indexSelect dim 1', inputs: () => [rnd([2, 4])], fn: (a) => a.indexSelect(1, idx([1, 1, 2], [3])) },
  { name: 'maskedFill', inputs: () => [rnd([2, 3])], fn: (a) => a.maskedFill(ag.tensor([false, true, false]), -2) },
];

const softmaxCases: Case[] = [
  { name: 'softmax', inputs: () => [rnd([3, 4], { lo: -3, hi: 3 })], fn: (a) => a.softmax(1) },
  { name: 'softmax dim 0', inputs: () => [rnd([3, 4])], fn: (a) => a.softmax(0) },
  { name: 'logSoftmax', inputs: () => [rnd([3, 4], { lo: -3, hi: 3 })], fn: (a) => a.logSoftmax(-1) },
  { name: 'logSoftmax non-contiguous', inputs: () => [ncLeaf(3, 4)], fn: (a) => a.logSoftmax(0) },
];

const compositions: Case[] = [
  {
    name: 'cross entropy from primitives',
    inputs: () => [rnd([4, 5], { lo: -3, hi: 3 })],
    fn: (x) => x.logSoftmax(1).gather(1, idx([0, 4, 2, 2], [4, 1])).mean().neg(),
  },
  {
    name: 'mlp layer',
    inputs: () => [rnd([4, 3]), rnd([2, 3], { seed: 2 }), rnd([2], { seed: 3 })],
    fn: (x, w, b) => x.matmul(w.t()).add(b).tanh().pow(2).sum(1),
  },
  { name: 'same input on two paths', inputs: () => [rnd([3])], fn: (x) => x.exp().mul(x).add(x.mul(x)) },
];

/** In-place ops on a clone (a non-leaf): recorded and differentiable like the out-of-place ops. */
const inplace: Case[] = [
  { name: 'add_ alpha', inputs: () => [rnd([3, 4]), rnd([4], { seed: 2 })], fn: (a, b) => a.clone().add_(b, { alpha: -1.5 }) },
  { name: 'sub_', inputs: () => [rnd([3, 4]), rnd([3, 1], { seed: 2 })], fn: (a, b) => a.clone().sub_(b) },
  { name: 'mul_ / div_', inputs: () => [rnd([3, 4]), pos([4], 2)], fn: (a, b) => a.clone().mul_(b).div_(b.add(1)) },
  { name: 'pow_ tensor and scalar', inputs: () => [pos([3, 4]), rnd([4], { seed: 2 })], fn: (a, b) => a.clone().pow_(b).pow_(1.5) },
  { name: 'addcmul_ / addcdiv_', inputs: () => [rnd([3, 4]), rnd([3, 4], { seed: 2 }), pos([4], 3)], fn: (a, b, c) => a.clone().addcmul_(b, c, 0.5).addcdiv_(b, c, -2) },
  { name: 'lerp_', inputs: () => [rnd([3, 4]), rnd([3, 4], { seed: 2 }), rnd([3, 4], { seed: 3, lo: 0, hi: 1 })], fn: (a, b, w) => a.clone().lerp_(b, w).lerp_(b, 0.25) },
  { name: 'maximum_', inputs: () => [rnd([5]), rnd([5], { seed: 2 })], fn: (a, b) => a.clone().maximum_(b) },
  { name: 'neg_ sqrt_ exp_ clamp_', inputs: () => [pos([5])], fn: (a) => a.clone().neg_().exp_().sqrt_().clamp_(0.3, 0.6) },
  { name: 'maskedFill_', inputs: () => [rnd([2, 3])], fn: (a) => a.clone().maskedFill_(ag.tensor([true, false, true]), 0.5) },
  { name: 'copy_', inputs: () => [rnd([2, 3]), rnd([3], { seed: 4 })], fn: (a, s) => a.mul(a).copy_(s).mul(a) },
  { name: 'zero_ fill_', inputs: () => [rnd([3])], fn: (a) => a.clone().zero_().add(a.clone().fill_(2).mul(a)) },
];

const families: [string, Case[]][] = [
  ['in-place on a non-leaf', inplace],
  ['elementwise', elementwise],
  ['reductions', reductions],
  ['views and joins', views],
  ['linalg', linalg],
  ['indexing', indexing],
  ['softmax', softmaxCases],
  ['compositions', compositions],
];

for (const [family, cases] of families) {
  describe(`gradcheck: ${family}`, () => {
    for (const c of cases) {
      it(c.name, () => {
        expect(gradcheck(c.fn, c.inputs(), c.options)).toBe(true);
      });
    }
  });
}

describe('gradcheck on a float32 input', () => {
  it('converts to float64 and checks', () => {
    const x = rnd([3], { dtype: 'float32' });
    expect(gradcheck((a) => a.mul(a).exp(), [x])).toBe(true);
  });
});
