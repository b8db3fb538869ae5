// Binary ops with broadcasting (and non-contiguous operands) and unary ops against plain loops.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Tensor } from '@torchlet/tensor-core';
import { broadcastPairArb, coreTensor, firstMismatch, valuesArb } from '../../src/properties/arbitraries.js';
import * as ref from '../../src/properties/reference.js';

/** A tensor of `shape` that is (when asked) a non-contiguous permuted view, and its reference. */
function operand(shape: number[], data: number[], permuted: boolean): [Tensor, ref.Ref] {
  if (!permuted || shape.length < 2) return [coreTensor(shape, data), ref.fromFlat(shape, data)];
  const rev = shape.map((_, i) => shape.length - 1 - i);
  const base = ref.fromFlat(rev.map((d) => shape[d]), data);
  return [coreTensor(base.shape, data).permute(rev), ref.permute(base, rev)];
}

const pairArb = broadcastPairArb.chain(([sa, sb]) =>
  fc.tuple(fc.constant(sa), fc.constant(sb), valuesArb(ref.numel(sa)), valuesArb(ref.numel(sb)), fc.boolean(), fc.boolean()),
);

const BINARY: [string, (a: Tensor, b: Tensor) => Tensor, (x: number, y: number) => number][] = [
  ['add', (a, b) => a.add(b), (x, y) => x + y],
  ['sub alpha', (a, b) => a.sub(b, { alpha: 0.5 }), (x, y) => x - 0.5 * y],
  ['mul', (a, b) => a.mul(b), (x, y) => x * y],
  ['div', (a, b) => a.div(b), (x, y) => x / y],
  ['maximum', (a, b) => a.maximum(b), Math.max],
  ['minimum', (a, b) => a.minimum(b), Math.min],
  ['pow', (a, b) => a.abs().pow(b), (x, y) => Math.abs(x) ** y],
];

describe('broadcasting binary ops', () => {
  it.each(BINARY)('%s', (_name, op, f) => {
    fc.assert(
      fc.property(pairArb, ([sa, sb, da, db, pa, pb]) => {
        const [a, ra] = operand(sa, da, pa);
        const [b, rb] = operand(sb, db, pb);
        const want = ref.binary(ra, rb, f);
        const got = op(a, b);
        expect(got.shape).toEqual(want.shape);
        expect(firstMismatch(got.toTypedArray(), ref.materialize(want))).toBeNull();
      }),
      { numRuns: 50 },
    );
  });
});

const UNARY: [string, (a: Tensor) => Tensor, (x: number) => number][] = [
  ['exp', (a) => a.exp(), Math.exp],
  ['sigmoid', (a) => a.sigmoid(), (x) => 1 / (1 + Math.exp(-x))],
  ['relu', (a) => a.relu(), (x) => (x > 0 ? x : 0)],
  ['sqrt of abs', (a) => a.abs().sqrt(), (x) => Math.sqrt(Math.abs(x))],
  ['clamp', (a) => a.clamp(-1, 2), (x) => Math.min(Math.max(x, -1), 2)],
];

describe('unary ops on permuted views', () => {
  it.each(UNARY)('%s', (_name, op, f) => {
    fc.assert(
      fc.property(pairArb, ([sa, , da]) => {
        const [a, ra] = operand(sa, da, true);
        const want = ref.materialize(ra).map(f);
        expect(firstMismatch(op(a).toTypedArray(), want, 1e-14, 1e-300)).toBeNull();
      }),
      { numRuns: 30 },
    );
  });
});
