// Reading fixtures written by generator/common.py and comparing torchlet's results with them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tensor, type DType, type Tensor } from '@torchlet/tensor-core';

export type EncodedNumber = number | 'nan' | 'inf' | '-inf';

export interface EncodedTensor {
  dtype: DType;
  shape: number[];
  data: EncodedNumber[];
}

export interface FixtureCase {
  id: string;
  dtype: DType;
  rtol: number;
  atol: number;
  tolerance_reason?: string;
}

export interface Fixture<C extends FixtureCase> {
  generator: string;
  torch_version: string;
  seed: number;
  cases: C[];
}

const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Load fixtures/<pkg>/<name>.json. */
export function loadFixture<C extends FixtureCase>(pkg: string, name: string): Fixture<C> {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, pkg, `${name}.json`), 'utf8')) as Fixture<C>;
}

export function decodeNumber(x: EncodedNumber): number {
  if (x === 'nan') return Number.NaN;
  if (x === 'inf') return Number.POSITIVE_INFINITY;
  if (x === '-inf') return Number.NEGATIVE_INFINITY;
  return x;
}

/** An encoded tensor as a tensor-core tensor of the same dtype and shape. */
export function decode(e: EncodedTensor): Tensor {
  return tensor(e.data.map(decodeNumber), { dtype: e.dtype, shape: e.shape });
}

export interface Tolerance {
  rtol: number;
  atol: number;
}

/**
 * Mismatches between `actual` and `expected` as readable lines (empty when they agree):
 * same shape, same dtype, NaN where PyTorch has NaN, equal infinities, and
 * |a - e| <= atol + rtol * |e| elsewhere.
 */
export function compareTensor(actual: Tensor, expected: EncodedTensor, tol: Tolerance): string[] {
  const problems: string[] = [];
  if (actual.dtype !== expected.dtype) problems.push(`dtype ${actual.dtype}, expected ${expected.dtype}`);
  if (actual.shape.join(',') !== expected.shape.join(',')) {
    problems.push(`shape [${actual.shape.join(', ')}], expected [${expected.shape.join(', ')}]`);
    return problems;
  }
  const got = actual.toTypedArray();
  let reported = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const e = decodeNumber(expected.data[i]);
    const a = got[i];
    const ok = Number.isNaN(e)
      ? Number.isNaN(a)
      : !Number.isFinite(e)
        ? a === e
        : Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e);
    if (!ok && reported++ < 5) problems.push(`element ${i}: got ${a}, expected ${e}`);
  }
  if (reported > 5) problems.push(`... ${reported - 5} more elements differ`);
  return problems;
}
