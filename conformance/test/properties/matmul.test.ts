// matmul with 1-D operands and broadcast batch dims against a triple loop.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coreTensor, firstMismatch, valuesArb } from '../../src/properties/arbitraries.js';
import * as ref from '../../src/properties/reference.js';

const dimsArb = fc.record({
  m: fc.integer({ min: 1, max: 4 }),
  k: fc.integer({ min: 1, max: 5 }),
  n: fc.integer({ min: 1, max: 4 }),
  batch: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
  onesA: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
  onesB: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
  dropA: fc.nat(2),
  dropB: fc.nat(2),
  vecA: fc.boolean(),
  vecB: fc.boolean(),
});

const caseArb = dimsArb.chain((d) => {
  const batchA = d.batch.slice(d.dropA).map((v, i) => (d.onesA[i] ? 1 : v));
  const batchB = d.batch.slice(d.dropB).map((v, i) => (d.onesB[i] ? 1 : v));
  const sa = d.vecA ? [d.k] : [...batchA, d.m, d.k];
  const sb = d.vecB ? [d.k] : [...batchB, d.k, d.n];
  return fc.tuple(fc.constant(sa), fc.constant(sb), valuesArb(ref.numel(sa)), valuesArb(ref.numel(sb)));
});

describe('matmul', () => {
  it('matches the triple loop, with broadcast batch dims and 1-D operands', () => {
    fc.assert(
      fc.property(caseArb, ([sa, sb, da, db]) => {
        const want = ref.matmul(ref.fromFlat(sa, da), ref.fromFlat(sb, db));
        const got = coreTensor(sa, da).matmul(coreTensor(sb, db));
        expect(got.shape).toEqual(want.shape);
        expect(firstMismatch(got.toTypedArray(), ref.materialize(want), 1e-12, 1e-12)).toBeNull();
      }),
      { numRuns: 80 },
    );
  });

  it('of transposed operands equals matmul of their contiguous copies', () => {
    fc.assert(
      fc.property(caseArb, ([sa, sb, da, db]) => {
        if (sa.length < 2 || sb.length < 2) return;
        const a = coreTensor(sa, da);
        const b = coreTensor(sb, db);
        const at = a.transpose(-1, -2).contiguous().transpose(-1, -2);
        const want = ref.materialize(ref.matmul(ref.fromFlat(sa, da), ref.fromFlat(sb, db)));
        expect(firstMismatch(at.matmul(b).toTypedArray(), want, 1e-12, 1e-12)).toBeNull();
      }),
      { numRuns: 40 },
    );
  });
});
