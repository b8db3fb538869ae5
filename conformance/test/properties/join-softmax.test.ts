// cat/split/stack and softmax/logSoftmax on random shapes against plain loops.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cat, stack } from '@torchlet/tensor-core';
import { coreTensor, filledArb, firstMismatch, shapeArb } from '../../src/properties/arbitraries.js';
import * as ref from '../../src/properties/reference.js';

const withDim = filledArb(shapeArb(1, 4, 4), -20, 20).chain((t) => fc.tuple(fc.constant(t), fc.nat(t.shape.length - 1)));

describe('join ops', () => {
  it('split then cat gives back the tensor; each piece is the right slice', () => {
    fc.assert(
      fc.property(withDim, fc.integer({ min: 1, max: 3 }), ([{ shape, data }, dim], size) => {
        const x = coreTensor(shape, data);
        const r = ref.fromFlat(shape, data);
        const pieces = x.split(size, dim);
        expect(pieces.length).toBe(Math.ceil(shape[dim] / size));
        pieces.forEach((p, i) => {
          const want = ref.slice(r, dim, i * size, Math.min((i + 1) * size, shape[dim]), 1);
          expect(firstMismatch(p.toTypedArray(), ref.materialize(want), 0, 0)).toBeNull();
        });
        expect(firstMismatch(cat(pieces, dim).toTypedArray(), data, 0, 0)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it('stack of unbind gives back the tensor', () => {
    fc.assert(
      fc.property(withDim, ([{ shape, data }, dim]) => {
        const x = coreTensor(shape, data);
        const back = stack(x.unbind(dim), dim);
        expect([...back.shape]).toEqual(shape);
        expect(firstMismatch(back.toTypedArray(), data, 0, 0)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
});

describe('softmax', () => {
  it('softmax and logSoftmax along a random dim match the stable formula', () => {
    fc.assert(
      fc.property(withDim, ([{ shape, data }, dim]) => {
        const x = coreTensor(shape, data);
        const r = ref.fromFlat(shape, data);
        const lse = ref.reduce(r, [dim], true, (v) => {
          const m = Math.max(...v);
          return m + Math.log(v.reduce((s, y) => s + Math.exp(y - m), 0));
        });
        const logp = ref.binary(r, lse, (a, b) => a - b);
        expect(firstMismatch(x.logSoftmax(dim).toTypedArray(), ref.materialize(logp), 1e-12, 1e-12)).toBeNull();
        const p = ref.materialize(logp).map(Math.exp);
        expect(firstMismatch(x.softmax(dim).toTypedArray(), p, 1e-12, 1e-15)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
});
