// Reductions over random dim subsets (with and without keepdim) against plain loops.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Tensor } from '@torchlet/tensor-core';
import { coreTensor, filledArb, firstMismatch, shapeArb } from '../../src/properties/arbitraries.js';
import * as ref from '../../src/properties/reference.js';

const caseArb = filledArb(shapeArb(1, 4, 4)).chain((t) =>
  fc.tuple(
    fc.constant(t),
    fc.subarray(t.shape.map((_, i) => i), { minLength: 1 }),
    fc.boolean(),
    fc.boolean(),
  ),
);

const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
const mean = (v: number[]) => sum(v) / v.length;
const variance = (c: number) => (v: number[]) => {
  const m = mean(v);
  return sum(v.map((x) => (x - m) ** 2)) / (v.length - c);
};
const lse = (v: number[]) => {
  const m = Math.max(...v);
  return m + Math.log(sum(v.map((x) => Math.exp(x - m))));
};

const MULTI: [string, (x: Tensor, dims: number[], keep: boolean) => Tensor, (v: number[]) => number][] = [
  ['sum', (x, d, k) => x.sum(d, k), sum],
  ['mean', (x, d, k) => x.mean(d, k), mean],
  ['var (correction 0)', (x, d, k) => x.var(d, { correction: 0, keepdim: k }), variance(0)],
  ['std (correction 1)', (x, d, k) => x.std(d, { correction: 1, keepdim: k }), (v) => Math.sqrt(variance(1)(v))],
  ['logsumexp', (x, d, k) => x.logsumexp(d, k), lse],
];

const ONE: [string, (x: Tensor, dim: number, keep: boolean) => Tensor, (v: number[]) => number][] = [
  ['prod', (x, d, k) => x.prod(d, k), (v) => v.reduce((a, b) => a * b, 1)],
  ['max values', (x, d, k) => x.max(d, k).values, (v) => Math.max(...v)],
  ['min values', (x, d, k) => x.min(d, k).values, (v) => Math.min(...v)],
  ['argmax', (x, d, k) => x.argmax(d, k), (v) => v.indexOf(Math.max(...v))],
];

describe('reductions over several dims', () => {
  it.each(MULTI)('%s', (_name, op, f) => {
    fc.assert(
      fc.property(caseArb, ([{ shape, data }, dims, keepdim, transposed]) => {
        let x = coreTensor(shape, data);
        let r = ref.fromFlat(shape, data);
        if (transposed && shape.length >= 2) {
          x = x.transpose(0, shape.length - 1);
          r = ref.transpose(r, 0, shape.length - 1);
        }
        const want = ref.reduce(r, dims, keepdim, f);
        const got = op(x, dims, keepdim);
        expect(got.shape).toEqual(want.shape);
        expect(firstMismatch(got.toTypedArray(), ref.materialize(want), 1e-10, 1e-12)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
});

describe('reductions over one dim', () => {
  it.each(ONE)('%s', (_name, op, f) => {
    fc.assert(
      fc.property(caseArb, ([{ shape, data }, dims, keepdim]) => {
        const dim = dims[0];
        const want = ref.reduce(ref.fromFlat(shape, data), [dim], keepdim, f);
        const got = op(coreTensor(shape, data), dim, keepdim);
        expect(got.shape).toEqual(want.shape);
        expect(firstMismatch(got.toTypedArray(), ref.materialize(want), 1e-12, 1e-300)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
});
