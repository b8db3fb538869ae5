// Reading fixtures written by generator/common.py and comparing torchlet's results with them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tensor, type DType, type DataArray } from '@torchlet/tensor-core';
import { deferDeviceComparison, fixtureDevice } from './device.js';
import { isWebGPUGap, usesFloat64 } from './device-gaps.js';

export { fixtureDevice } from './device.js';

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

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Load fixtures/<pkg>/<name>.json (throws naming the file and `pnpm fixtures` when it is missing). */
export function loadFixture<C extends FixtureCase>(pkg: string, name: string): Fixture<C> {
  const path = join(FIXTURES_DIR, pkg, `${name}.json`);
  if (!existsSync(path)) {
    throw new Error(`fixture ${pkg}/${name}.json is missing: run \`pnpm fixtures\` in conformance/`);
  }
  const fixture = JSON.parse(readFileSync(path, 'utf8')) as Fixture<C>;
  // on a device without float64 (webgpu) only the cases that never touch float64 replay there, less
  // the gaps device-gaps.ts lists (with their reasons)
  if (fixtureDevice() !== 'cpu') {
    return { ...fixture, cases: fixture.cases.filter((c) => !usesFloat64(c) && !isWebGPUGap(`${pkg}/${name}`, c.id)) };
  }
  return fixture;
}

export function decodeNumber(x: EncodedNumber): number {
  if (x === 'nan') return Number.NaN;
  if (x === 'inf') return Number.POSITIVE_INFINITY;
  if (x === '-inf') return Number.NEGATIVE_INFINITY;
  return x;
}

/** A fresh typed array of `dtype`'s storage type (see tensor-core's dtype.ts) holding `values`. */
export function storageOf(dtype: DType, values: readonly number[]): DataArray {
  switch (dtype) {
    case 'float32':
      return Float32Array.from(values);
    case 'float64':
    case 'int64':
      return Float64Array.from(values);
    case 'int32':
      return Int32Array.from(values);
    case 'bool':
      return Uint8Array.from(values);
  }
}

/**
 * An encoded tensor as a contiguous tensor-core tensor of the same dtype and shape, on the device
 * under test (TORCHLET_DEVICE; the CPU by default). Built with the low-level constructor, so decoding
 * works even while `tensor()` is missing or broken.
 */
export function decode(e: EncodedTensor): Tensor {
  return decodeOnCpu(e).to(fixtureDevice());
}

/** `decode` on the CPU whatever the device under test (for values the harness itself reads). */
export function decodeOnCpu(e: EncodedTensor): Tensor {
  return new Tensor(storageOf(e.dtype, e.data.map(decodeNumber)), e.shape, e.dtype);
}

/** The elements of a (possibly strided) tensor in row-major order, read straight from its storage. */
export function readElements(t: Pick<Tensor, 'data' | 'shape' | 'strides' | 'offset'>): number[] {
  const { data, shape, strides, offset } = t;
  let n = 1;
  for (const s of shape) n *= s;
  const out = new Array<number>(n);
  if (n === 0) return out;
  const idx = new Array<number>(shape.length).fill(0);
  let pos = offset;
  for (let i = 0; i < n; i++) {
    out[i] = data[pos];
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d]++;
      pos += strides[d];
      if (idx[d] < shape[d]) break;
      pos -= strides[d] * shape[d];
      idx[d] = 0;
    }
  }
  return out;
}

export interface Tolerance {
  rtol: number;
  atol: number;
}

function isTensorLike(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && 'data' in x && 'shape' in x && 'strides' in x && 'dtype' in x;
}

/**
 * Mismatches between `actual` and `expected` as readable lines (empty when they agree):
 * same shape, same dtype, NaN where PyTorch has NaN, equal infinities, and
 * |a - e| <= atol + rtol * |e| elsewhere (exact for integer and bool dtypes).
 */
export function compareTensor(actual: unknown, expected: EncodedTensor, tol: Tolerance): string[] {
  if (!isTensorLike(actual)) return [`expected a tensor, got ${describeValue(actual)}`];
  if (actual instanceof Tensor && actual.device !== 'cpu') {
    // read back asynchronously: the values are taken now, compared after the test body (device.ts)
    deferDeviceComparison(actual, (onCpu) => compareTensor(onCpu, expected, tol));
    return [];
  }
  const problems: string[] = [];
  if (actual.dtype !== expected.dtype) problems.push(`dtype ${actual.dtype}, expected ${expected.dtype}`);
  if (actual.shape.join(',') !== expected.shape.join(',')) {
    problems.push(`shape [${actual.shape.join(', ')}], expected [${expected.shape.join(', ')}]`);
    return problems;
  }
  const exact = expected.dtype !== 'float32' && expected.dtype !== 'float64';
  const got = readElements(actual);
  let reported = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const e = decodeNumber(expected.data[i]);
    const a = got[i];
    const ok = Number.isNaN(e)
      ? Number.isNaN(a)
      : !Number.isFinite(e) || exact
        ? a === e
        : Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e);
    if (!ok && reported++ < 5) problems.push(`element ${i}: got ${a}, expected ${e}`);
  }
  if (reported > 5) problems.push(`... ${reported - 5} more elements differ`);
  return problems;
}

export function describeValue(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (isTensorLike(x)) return `a ${x.dtype} tensor of shape [${x.shape.join(', ')}]`;
  if (typeof x === 'object') return `an object with keys ${Object.keys(x).join(', ')}`;
  return `${typeof x} ${String(x)}`;
}
