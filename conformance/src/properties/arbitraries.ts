// fast-check generators for the property tests: shapes, data, view recipes, broadcastable pairs.
import fc from 'fast-check';
import { Tensor } from '@torchlet/tensor-core';
import { storageOf } from '../fixtures.js';
import * as ref from './reference.js';

export const shapeArb = (minDims = 0, maxDims = 4, maxSize = 4): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 1, max: maxSize }), { minLength: minDims, maxLength: maxDims });

export const valuesArb = (n: number, min = -10, max = 10): fc.Arbitrary<number[]> =>
  fc.array(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n });

/** A shape and row-major data for it. */
export const filledArb = (shape: fc.Arbitrary<number[]>, min = -10, max = 10) =>
  shape.chain((s) => valuesArb(ref.numel(s), min, max).map((data) => ({ shape: s, data })));

/** A contiguous float64 tensor-core tensor (built with the constructor, like the fixtures). */
export function coreTensor(shape: number[], data: readonly number[]): Tensor {
  return new Tensor(storageOf('float64', data), shape, 'float64');
}

/** One raw view step; interpreted modulo the current shape by `applyStep`. */
export type RawStep = { kind: 'transpose' | 'permute' | 'slice' | 'expand'; a: number; b: number; c: number };

export const stepsArb: fc.Arbitrary<RawStep[]> = fc.array(
  fc.record({
    kind: fc.constantFrom('transpose', 'permute', 'slice', 'expand'),
    a: fc.nat(23),
    b: fc.nat(23),
    c: fc.nat(23),
  }),
  { maxLength: 4 },
);

/** Apply a step to both the torchlet tensor (view methods) and the reference (index maps). */
export function applyStep(x: Tensor, r: ref.Ref, s: RawStep): [Tensor, ref.Ref] {
  const n = r.shape.length;
  if (n === 0) return [x, r];
  switch (s.kind) {
    case 'transpose': {
      const d0 = s.a % n;
      const d1 = s.b % n;
      return [x.transpose(d0, d1), ref.transpose(r, d0, d1)];
    }
    case 'permute': {
      let perm = Array.from({ length: n }, (_, i) => (i + s.a) % n);
      if (s.b % 2) perm = perm.reverse();
      return [x.permute(perm), ref.permute(r, perm)];
    }
    case 'slice': {
      const d = s.a % n;
      const size = r.shape[d];
      const start = s.b % size;
      const step = 1 + (s.c % 2);
      return [x.slice(d, start, size, step), ref.slice(r, d, start, size, step)];
    }
    case 'expand': {
      const lead = s.b % 3 === 0 ? [2] : [];
      const shape = [...lead, ...r.shape.map((v) => (v === 1 ? 1 + (s.c % 3) : v))];
      return [x.expand(shape), ref.expand(r, shape)];
    }
  }
}

/** Two shapes that broadcast together: each drops some leading dims and sets some dims to 1. */
export const broadcastPairArb = shapeArb(0, 4, 3).chain((out) =>
  fc.tuple(
    fc.nat(out.length), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
    fc.nat(out.length), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
  ).map(([dropA, onesA, dropB, onesB]) => {
    const a = out.slice(dropA).map((v, i) => (onesA[i + dropA] ? 1 : v));
    const b = out.slice(dropB).map((v, i) => (onesB[i + dropB] ? 1 : v));
    return [a, b] as const;
  }),
);

/** Relative closeness for float64 results computed in a different order. */
export function closeTo(a: number, e: number, rtol = 1e-12, atol = 1e-12): boolean {
  if (Number.isNaN(e)) return Number.isNaN(a);
  if (!Number.isFinite(e)) return a === e;
  return Math.abs(a - e) <= atol + rtol * Math.abs(e);
}

/** The first mismatch between torchlet's elements and the reference's, or null. */
export function firstMismatch(got: ArrayLike<number>, want: number[], rtol = 1e-12, atol = 1e-12): string | null {
  if (got.length !== want.length) return `length ${got.length}, expected ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    if (!closeTo(got[i], want[i], rtol, atol)) return `element ${i}: got ${got[i]}, expected ${want[i]}`;
  }
  return null;
}

/**
 * `n` values spread uniformly over (min, max) from a seeded PRNG (mulberry32). Unlike fc.double,
 * which favours 0, bounds and repeats, these avoid ties and kinks (|x| at 0, clamp bounds), which
 * is what a finite-difference gradcheck needs.
 */
export const smoothValuesArb = (n: number, min: number, max: number): fc.Arbitrary<number[]> =>
  fc.integer().map((seed) => {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return Array.from({ length: n }, () => min + (max - min) * (0.001 + 0.998 * next()));
  });
