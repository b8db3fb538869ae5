// Test helpers: parameters (leaves that require grad), deterministic inputs, float64 comparisons.
import { expect } from 'vitest';
import { tensor, type Tensor } from '@torchlet/tensor-core';
import type { Param } from '../src/index.js';

/** A parameter as a module holds it: a leaf that requires grad (so step() must update it under noGrad). */
export function param(values: number[], dtype: 'float32' | 'float64' = 'float64'): Param {
  return tensor(values, { dtype, requiresGrad: true });
}

export function setGrad(p: Param, values: number[]): void {
  p.grad = tensor(values, { dtype: p.dtype });
}

/** Deterministic pseudo-random numbers in [-1, 1) (a small LCG), for inputs only. */
export function inputs(seed: number, n: number): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(s / 2 ** 31 - 1);
  }
  return out;
}

export function values(t: Tensor): number[] {
  return Array.from(t.toTypedArray() as Float64Array);
}

/** Elementwise |a - e| <= 1e-12 + 1e-12 |e|. */
export function expectClose(actual: number[], expected: number[], rtol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    expect(Math.abs(a - e) <= rtol + rtol * Math.abs(e), `element ${i}: got ${a}, expected ${e}`).toBe(true);
  });
}
