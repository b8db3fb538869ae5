// Test helpers for the compute ops. Everything here is independent of the code under test: tensors
// are built with `new Tensor(storage, shape, dtype, strides, offset)` and read back by walking
// shape/strides directly.
import { afterAll, beforeAll, expect } from 'vitest';
import { Tensor, cpuBackend, setBackend, type Backend, type DType, type DataArray } from '@torchlet/tensor-core';

/**
 * Run the calling test file on the reference CPU backend (the automatic default may be another
 * one, e.g. wasm), restoring the previous backend afterwards.
 */
export function onCpuBackend(): void {
  let previous: Backend | undefined;
  beforeAll(() => {
    previous = setBackend(cpuBackend);
  });
  afterAll(() => {
    if (previous !== undefined) setBackend(previous);
  });
}

export function storage(dtype: DType, values: ArrayLike<number>): DataArray {
  switch (dtype) {
    case 'float32':
      return Float32Array.from(values);
    case 'float64':
    case 'int64':
      return Float64Array.from(values);
    case 'int32':
      return Int32Array.from(values);
    case 'bool':
      return Uint8Array.from(values, (v) => (v !== 0 ? 1 : 0));
  }
}

/** A contiguous tensor holding `values` (row-major) with `shape`. */
export function mk(values: ArrayLike<number>, shape: number[], dtype: DType = 'float32'): Tensor {
  return new Tensor(storage(dtype, values), shape, dtype);
}

/** A view over `store` with explicit strides and offset. */
export function strided(store: ArrayLike<number>, shape: number[], strides: number[], offset = 0, dtype: DType = 'float32'): Tensor {
  return new Tensor(storage(dtype, store), shape, dtype, strides, offset);
}

/**
 * A non-contiguous [rows, cols] view whose logical row-major values are `values`: the storage holds
 * the transpose (strides [1, rows]).
 */
export function transposed(values: ArrayLike<number>, rows: number, cols: number, dtype: DType = 'float32'): Tensor {
  const store = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) store[j * rows + i] = values[i * cols + j];
  return strided(store, [rows, cols], [1, rows], 0, dtype);
}

/**
 * A non-contiguous view (every other element along the last dim, offset 1) whose logical
 * row-major values are `values`; the gaps hold a poison value.
 */
export function gappy(values: ArrayLike<number>, shape: number[], dtype: DType = 'float32', poison = 777): Tensor {
  const n = values.length;
  const store = new Array<number>(2 * n + 2).fill(poison);
  for (let i = 0; i < n; i++) store[1 + 2 * i] = values[i];
  const strides = new Array<number>(shape.length);
  let acc = 2;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = acc;
    acc *= shape[d];
  }
  return strided(store, shape, strides, 1, dtype);
}

/** Logical row-major values of any view, by an odometer over shape/strides. */
export function read(t: Tensor): number[] {
  const n = t.shape.reduce((a, b) => a * b, 1);
  const out: number[] = [];
  const idx = new Array<number>(t.shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let p = t.offset;
    for (let d = 0; d < idx.length; d++) p += idx[d] * t.strides[d];
    out.push(t.data[p]);
    for (let d = idx.length - 1; d >= 0; d--) {
      if (++idx[d] < t.shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** Row-major multi-index of flat position k in shape. */
export function unravel(k: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = k % shape[d];
    k = Math.floor(k / shape[d]);
  }
  return idx;
}

/** Flat row-major position of a multi-index. */
export function ravel(idx: readonly number[], shape: readonly number[]): number {
  let k = 0;
  for (let d = 0; d < shape.length; d++) k = k * shape[d] + idx[d];
  return k;
}

/** Value of a (row-major) array of `shape` at the out-index `idx` of a broadcast result. */
export function bcastAt(values: readonly number[], shape: readonly number[], idx: readonly number[]): number {
  const lead = idx.length - shape.length;
  const own = shape.map((s, d) => (s === 1 ? 0 : idx[d + lead]));
  return values[ravel(own, shape)];
}

/** Deterministic pseudo-random values in [lo, hi) (a 32-bit LCG). */
export function randomValues(n: number, seed = 1, lo = -1, hi = 1): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(lo + ((hi - lo) * s) / 4294967296);
  }
  return out;
}

/** Deterministic pseudo-random integers in [lo, hi). */
export function randomInts(n: number, seed: number, lo: number, hi: number): number[] {
  return randomValues(n, seed, 0, 1).map((u) => lo + Math.floor(u * (hi - lo)));
}

/** Element-wise closeness with NaN == NaN and exact infinities. */
export function expectClose(actual: readonly number[], expected: readonly number[], rtol = 1e-6, atol = 0): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e)) {
      expect(a, `index ${i}`).toBeNaN();
    } else if (!Number.isFinite(e)) {
      expect(a, `index ${i}`).toBe(e);
    } else if (Math.abs(a - e) > atol + rtol * Math.abs(e)) {
      expect(a, `index ${i}`).toBe(e);
    }
  }
}

/** Exact element-wise equality with NaN == NaN (Object.is except that +0 equals -0). */
export function expectEqual(actual: readonly number[], expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    if (Number.isNaN(expected[i])) expect(actual[i], `index ${i}`).toBeNaN();
    else if (expected[i] === 0) expect(actual[i] === 0, `index ${i}: ${actual[i]} is not 0`).toBe(true);
    else expect(actual[i], `index ${i}`).toBe(expected[i]);
  }
}

/** Round as the dtype stores. */
export function roundTo(dtype: DType, v: number): number {
  if (dtype === 'float32') return Math.fround(v);
  if (dtype === 'int32') return v | 0;
  if (dtype === 'bool') return v !== 0 ? 1 : 0;
  return v;
}

/** n float32 values uniform in [-scale, scale) from a linear congruential stream (wasm kernel tests). */
export function lcgFloat32(n: number, seed: number, scale = 1): Float32Array {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    a[i] = ((s / 2 ** 32) * 2 - 1) * scale;
  }
  return a;
}
