// autograd's gradcheck (finite differences vs backward) on random float64 inputs for a selection of ops.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gradcheck } from '@torchlet/autograd';
import type { Tensor } from '@torchlet/tensor-core';
import { coreTensor, smoothValuesArb } from '../../src/properties/arbitraries.js';
import * as ref from '../../src/properties/reference.js';

type Fn = (...xs: Tensor[]) => Tensor;

/** name, input shapes, value range, function. */
const CASES: [string, number[][], [number, number], Fn][] = [
  ['mul/div with broadcasting', [[2, 3], [3]], [0.5, 2], (a, b) => a.mul(b).add(a.div(b.add(1)))],
  ['sub alpha and pow', [[3, 2], [2, 3]], [0.5, 2], (a, b) => a.sub(b.t(), { alpha: 2 }).pow(2)],
  ['tanh sigmoid exp', [[4]], [-2, 2], (a) => a.tanh().sigmoid().mul(a.exp())],
  ['log sqrt rsqrt', [[2, 2]], [0.5, 3], (a) => a.log().add(a.sqrt()).mul(a.rsqrt())],
  ['softplus log1p expm1', [[3]], [-2, 2], (a) => a.softplus(2).add(a.abs().log1p()).add(a.expm1())],
  ['softmax dim 1', [[2, 4]], [-3, 3], (a) => a.softmax(1)],
  ['logSoftmax dim 0', [[3, 2]], [-3, 3], (a) => a.logSoftmax(0)],
  ['logsumexp dims', [[2, 3, 2]], [-3, 3], (a) => a.logsumexp([0, 2])],
  ['var correction 0', [[3, 4]], [-2, 2], (a) => a.var(1, { correction: 0 })],
  ['std dims keepdim', [[2, 3, 2]], [-2, 2], (a) => a.std([0, 2], { keepdim: true })],
  ['mean and sum over dims', [[2, 3]], [-2, 2], (a) => a.mean(0).add(a.sum(1).sum())],
  ['prod', [[2, 3]], [0.5, 1.5], (a) => a.prod(1)],
  ['max along dim', [[3, 4]], [-5, 5], (a) => a.max(1).values],
  ['matmul batched', [[2, 2, 3], [3, 2]], [-1, 1], (a, b) => a.matmul(b)],
  ['matmul vector', [[3], [2, 3, 2]], [-1, 1], (a, b) => a.matmul(b)],
  ['views', [[2, 3, 4]], [-1, 1], (a) => a.permute([2, 0, 1]).slice(0, 1, 4, 2).reshape([-1]).mul(3)],
  ['transpose matmul expand', [[2, 2], [1, 2]], [-1, 1], (a, b) => a.mul(2).transpose(0, 1).matmul(a).add(b).expand([3, 2, 2]).sum(0)],
  ['clamp relu', [[5]], [-2, 2], (a) => a.clamp(-1, 1).add(a.relu())],
];

describe('gradcheck on random float64 inputs', () => {
  it.each(CASES)('%s', (_name, shapes, [lo, hi], fn) => {
    const inputsArb = fc.tuple(...shapes.map((s) => smoothValuesArb(ref.numel(s), lo, hi)));
    fc.assert(
      fc.property(inputsArb, (datas) => {
        const inputs = datas.map((d, i) => coreTensor(shapes[i], d).requiresGrad_());
        expect(gradcheck(fn, inputs, { eps: 1e-6, atol: 1e-5, rtol: 1e-3 })).toBe(true);
      }),
      { numRuns: 15 },
    );
  });
});
