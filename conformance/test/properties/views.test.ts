// Random views (transpose/permute/slice/expand chains) of random data read back element by element.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readElements } from '../../src/fixtures.js';
import { applyStep, coreTensor, filledArb, firstMismatch, shapeArb, stepsArb } from '../../src/properties/arbitraries.js';
import * as ref from '../../src/properties/reference.js';

const viewCase = fc.tuple(filledArb(shapeArb(1, 4, 4)), stepsArb);

describe('views of random tensors', () => {
  it('a chain of views reads the elements the index arithmetic says', () => {
    fc.assert(
      fc.property(viewCase, ([{ shape, data }, steps]) => {
        let x = coreTensor(shape, data);
        let r = ref.fromFlat(shape, data);
        for (const s of steps) [x, r] = applyStep(x, r, s);
        const want = ref.materialize(r);
        expect(x.shape).toEqual(r.shape);
        expect(firstMismatch(x.toTypedArray(), want, 0, 0)).toBeNull();
        const c = x.contiguous();
        expect(c.isContiguous()).toBe(true);
        expect(firstMismatch(readElements(c), want, 0, 0)).toBeNull();
        expect(firstMismatch(x.reshape([-1]).toTypedArray(), want, 0, 0)).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it('elementwise ops on a view equal the op on its elements', () => {
    fc.assert(
      fc.property(viewCase, ([{ shape, data }, steps]) => {
        let x = coreTensor(shape, data);
        let r = ref.fromFlat(shape, data);
        for (const s of steps) [x, r] = applyStep(x, r, s);
        const want = ref.materialize(r);
        expect(firstMismatch(x.mul(2).toTypedArray(), want.map((v) => v * 2), 0, 0)).toBeNull();
        expect(firstMismatch(x.tanh().toTypedArray(), want.map(Math.tanh))).toBeNull();
        expect(firstMismatch(x.add(x).toTypedArray(), want.map((v) => v + v), 0, 0)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
});
