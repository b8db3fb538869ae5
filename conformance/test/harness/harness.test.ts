// Self-tests of the replay machinery, independent of torchlet's ops: the raw view builder against
// the index-arithmetic reference, and compareTensor's sensitivity.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareTensor, decode, readElements, type EncodedTensor } from '../../src/fixtures.js';
import { rawView } from '../../src/tensor-core/views.js';
import type { ViewStep } from '../../src/tensor-core/case.js';
import { coreTensor, filledArb, shapeArb, stepsArb, type RawStep } from '../../src/properties/arbitraries.js';
import * as ref from '../../src/properties/reference.js';

/** The raw step as a fixture view step plus the reference's version of it. */
function toFixtureStep(r: ref.Ref, s: RawStep): [ViewStep, ref.Ref] | null {
  const n = r.shape.length;
  if (n === 0) return null;
  switch (s.kind) {
    case 'transpose':
      return [['transpose', s.a % n, s.b % n], ref.transpose(r, s.a % n, s.b % n)];
    case 'permute': {
      const perm = Array.from({ length: n }, (_, i) => (i + s.a) % n);
      return [['permute', perm], ref.permute(r, perm)];
    }
    case 'slice': {
      const d = s.a % n;
      const start = s.b % r.shape[d];
      const step = 1 + (s.c % 2);
      return [['slice', d - n, start - r.shape[d], null, step], ref.slice(r, d, start, r.shape[d], step)];
    }
    case 'expand': {
      const shape = [2, ...r.shape.map((v) => (v === 1 ? 3 : -1))];
      const full = [2, ...r.shape.map((v) => (v === 1 ? 3 : v))];
      return [['expand', shape], ref.expand(r, full)];
    }
  }
}

describe('replay harness', () => {
  it('rawView builds the same views as the index-arithmetic reference', () => {
    fc.assert(
      fc.property(filledArb(shapeArb(1, 4, 4)), stepsArb, ({ shape, data }, steps) => {
        let x = coreTensor(shape, data);
        let r = ref.fromFlat(shape, data);
        for (const s of steps) {
          const st = toFixtureStep(r, s);
          if (!st) continue;
          x = rawView(x, st[0]);
          r = st[1];
        }
        expect([...x.shape]).toEqual(r.shape);
        expect(readElements(x)).toEqual(ref.materialize(r));
      }),
      { numRuns: 100 },
    );
  });

  it('select and narrow views read the selected elements', () => {
    fc.assert(
      fc.property(filledArb(shapeArb(2, 3, 4)), fc.nat(), fc.nat(), ({ shape, data }, a, b) => {
        const d = a % shape.length;
        const i = b % shape[d];
        const base = ref.fromFlat(shape, data);
        const sel = rawView(coreTensor(shape, data), ['select', d, i]);
        const want = ref.materialize({
          shape: shape.filter((_, k) => k !== d),
          at: (idx) => base.at([...idx.slice(0, d), i, ...idx.slice(d)]),
        });
        expect(readElements(sel)).toEqual(want);
        const nar = rawView(coreTensor(shape, data), ['narrow', d, i, shape[d] - i]);
        expect(readElements(nar)).toEqual(ref.materialize(ref.slice(base, d, i, shape[d], 1)));
      }),
      { numRuns: 50 },
    );
  });

  it('compareTensor reports shape, dtype, value, NaN and infinity mismatches', () => {
    fc.assert(
      fc.property(filledArb(shapeArb(1, 3, 3)), fc.nat(), ({ shape, data }, k) => {
        const enc: EncodedTensor = { dtype: 'float64', shape, data };
        const tol = { rtol: 1e-10, atol: 1e-12 };
        expect(compareTensor(decode(enc), enc, tol)).toEqual([]);
        const i = k % data.length;
        const moved = { ...enc, data: data.map((v, j) => (j === i ? v + 1 : v)) };
        expect(compareTensor(decode(moved), enc, tol).length).toBe(1);
        const nan = { ...enc, data: data.map((v, j) => (j === i ? ('nan' as const) : v)) };
        expect(compareTensor(decode(enc), nan, tol).length).toBe(1);
        expect(compareTensor(decode(nan), nan, tol)).toEqual([]);
        const inf = { ...enc, data: data.map((v, j) => (j === i ? ('-inf' as const) : v)) };
        expect(compareTensor(decode(enc), inf, tol).length).toBe(1);
        expect(compareTensor(decode({ ...enc, dtype: 'float32' }), enc, { rtol: 1, atol: 1 })[0]).toMatch(/dtype/);
        expect(compareTensor(decode({ ...enc, shape: [...shape, 1] }), enc, tol)[0]).toMatch(/shape/);
        expect(compareTensor(undefined, enc, tol)[0]).toMatch(/expected a tensor/);
      }),
      { numRuns: 30 },
    );
  });
});
