// Test helpers: seeded random tensors and closeness checks. Expected values in these tests come
// from mathematics the test derives (identities, compositions); PyTorch's numbers live in
// conformance/fixtures/losses.
import { manualSeed, rand, randint, randn, tensor, type Tensor } from '@torchlet/tensor-core';
import { expect } from 'vitest';

export { manualSeed };

export function randnLeaf(shape: number[], dtype: 'float32' | 'float64' = 'float64', scale = 1): Tensor {
  return randn(shape, { dtype }).mul(scale).requiresGrad_();
}

export function randLeaf(shape: number[], dtype: 'float32' | 'float64' = 'float64', shift = 0): Tensor {
  return rand(shape, { dtype }).add(shift).requiresGrad_();
}

export function classes(shape: number[], c: number): Tensor {
  return randint(0, c, shape);
}

export function long(values: number[], shape?: number[]): Tensor {
  return tensor(values, { dtype: 'int64', shape: shape ?? [values.length] });
}

export function float(values: number[], shape?: number[], dtype: 'float32' | 'float64' = 'float64'): Tensor {
  return tensor(values, { dtype, shape: shape ?? [values.length] });
}

export function values(t: Tensor): number[] {
  return Array.from(t.toTypedArray(), Number);
}

/** |a - b| <= atol + rtol |b| elementwise (NaN only equal to NaN), with matching shapes. */
export function expectClose(actual: Tensor, expected: Tensor, rtol = 1e-12, atol = 1e-14): void {
  expect([...actual.shape]).toEqual([...expected.shape]);
  const a = values(actual);
  const b = values(expected);
  const bad: string[] = [];
  a.forEach((x, i) => {
    const y = b[i];
    const ok = Number.isNaN(y) ? Number.isNaN(x) : !Number.isFinite(y) ? x === y : Math.abs(x - y) <= atol + rtol * Math.abs(y);
    if (!ok && bad.length < 5) bad.push(`element ${i}: ${x} vs ${y}`);
  });
  expect(bad, bad.join('\n')).toEqual([]);
}

/** Gradients of `f` at fresh leaves of `inputs` (same values). */
export function gradsOf(f: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], upstream?: Tensor): { out: Tensor; grads: Tensor[] } {
  const leaves = inputs.map((x) => x.detach().clone().requiresGrad_(x.requiresGrad));
  const out = f(...leaves);
  out.backward(upstream);
  return { out, grads: leaves.filter((l) => l.requiresGrad).map((l) => l.grad as Tensor) };
}
