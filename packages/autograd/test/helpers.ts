// Test helpers: deterministic float64 inputs that do not depend on the code under test.
import * as core from '@torchlet/tensor-core';
import type { Tensor } from './ag.js';

/** Deterministic values in [lo, hi) from a small LCG. */
export function values(n: number, seed: number, lo = -1, hi = 1): Float64Array {
  const out = new Float64Array(n);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((s >>> 8) / 2 ** 24) * (hi - lo);
  }
  return out;
}

export interface RandomInput {
  seed?: number;
  lo?: number;
  hi?: number;
  requiresGrad?: boolean;
  dtype?: 'float32' | 'float64';
}

/** A float64 leaf (requiresGrad by default) with values in [lo, hi). */
export function rnd(shape: number[], opts: RandomInput = {}): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = values(n, opts.seed ?? n * 7 + shape.length, opts.lo ?? -1, opts.hi ?? 1);
  const t = core.tensor(data, { shape, dtype: 'float64' });
  return (opts.dtype === 'float32' ? t.to('float32') : t).requiresGrad_(opts.requiresGrad ?? true);
}

/** A float64 leaf with the given values. */
export function leaf(data: number[], shape?: number[], requiresGrad = true): Tensor {
  return core.tensor(Float64Array.from(data), { shape: shape ?? [data.length], requiresGrad });
}

/** Elements of a tensor as plain numbers in row-major order. */
export function flat(t: Tensor): number[] {
  return Array.from(t.toTypedArray(), Number);
}

export function expectClose(actual: number[], expected: number[], tol = 1e-12): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (!(Math.abs(a - e) <= tol * (1 + Math.abs(e)))) {
      throw new Error(`element ${i}: got ${a}, expected ${e} (all: ${actual.join(', ')} vs ${expected.join(', ')})`);
    }
  }
}
