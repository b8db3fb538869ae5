import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, bmm, matmul, mm, type Tensor } from '@torchlet/tensor-core';
import { expectClose, expectEqual, mk, onCpuBackend, randomInts, randomValues, ravel, read, strided, transposed, unravel } from './compute-helpers.js';

onCpuBackend();

/** Naive triple loop on row-major arrays: C[m, n] = A[m, k] B[k, n], summed in doubles. */
function naive(a: number[], b: number[], m: number, k: number, n: number): number[] {
  const c = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      c[i * n + j] = s;
    }
  }
  return c;
}

describe('mm', () => {
  it.each([
    [3, 4, 5],
    [1, 7, 1],
    [6, 1, 4],
    [1, 9, 300],
    [2, 5, 7],
    [70, 300, 260], // crosses the 128 x 256 packing panels
  ])('[%i, %i] x [%i-rows] matches a naive triple loop (float64)', (m, k, n) => {
    const a = randomValues(m * k, m + k, -1, 1);
    const b = randomValues(k * n, k + n + 1, -1, 1);
    const r = mm(mk(a, [m, k], 'float64'), mk(b, [k, n], 'float64'));
    expect(r.shape).toEqual([m, n]);
    expectClose(read(r), naive(a, b, m, k, n), 1e-12, 1e-13);
  });

  it('float32 accumulates in double and rounds once (agrees with the double loop rounded)', () => {
    const [m, k, n] = [9, 33, 17];
    const a = mk(randomValues(m * k, 1), [m, k]);
    const b = mk(randomValues(k * n, 2), [k, n]);
    const r = mm(a, b);
    expect(r.dtype).toBe('float32');
    expectClose(read(r), naive(read(a), read(b), m, k, n).map(Math.fround), 1.2e-7, 1e-7);
  });

  it('transposed and offset operands', () => {
    const [m, k, n] = [5, 6, 7];
    const av = randomValues(m * k, 3);
    const bv = randomValues(k * n, 4);
    const expected = naive(av, bv, m, k, n);
    expectClose(read(mm(transposed(av, m, k, 'float64'), transposed(bv, k, n, 'float64'))), expected, 1e-13, 1e-14);
    // b as a row-sliced window with an offset and a row stride larger than n
    const padded: number[] = [];
    for (let p = 0; p < k; p++) padded.push(...bv.slice(p * n, p * n + n), 99, 99);
    const bView = strided([42, ...padded], [k, n], [n + 2, 1], 1, 'float64');
    expectClose(read(mm(mk(av, [m, k], 'float64'), bView)), expected, 1e-13, 1e-14);
  });

  it('integer matmul stays exact in int64 and int32', () => {
    const a = randomInts(12, 5, -9, 10);
    const b = randomInts(12, 6, -9, 10);
    const r = mm(mk(a, [3, 4], 'int64'), mk(b, [4, 3], 'int64'));
    expect(r.dtype).toBe('int64');
    expectEqual(read(r), naive(a, b, 3, 4, 3));
    const r32 = mm(mk(a, [3, 4], 'int32'), mk(b, [4, 3], 'int32'));
    expect(r32.dtype).toBe('int32');
    expectEqual(read(r32), naive(a, b, 3, 4, 3));
  });

  it('empty inner dim gives zeros; empty outer dims give empty results', () => {
    expectEqual(read(mm(mk([], [2, 0]), mk([], [0, 3]))), new Array(6).fill(0));
    expect(mm(mk([], [0, 3]), mk(randomValues(6, 1), [3, 2])).shape).toEqual([0, 2]);
  });

  it('errors name both shapes', () => {
    const a = mk(randomValues(6, 1), [2, 3]);
    expect(() => mm(a, mk(randomValues(8, 1), [4, 2]))).toThrow(ShapeError);
    expect(() => mm(a, mk(randomValues(8, 1), [4, 2]))).toThrow(/\[2, 3\].*\[4, 2\]/);
    expect(() => mm(a, mk([1, 2, 3], [3]))).toThrow(/'mat2' expected a 2-D tensor/);
    expect(() => mm(a, mk(randomValues(6, 1), [3, 2], 'float64'))).toThrow(DTypeError);
    expect(() => mm(mk([1], [1, 1], 'bool'), mk([1], [1, 1], 'bool'))).toThrow(/bool/);
  });
});

describe('matmul', () => {
  it('1-D . 1-D is a 0-d dot product', () => {
    const a = randomValues(7, 1);
    const b = randomValues(7, 2);
    const r = matmul(mk(a, [7], 'float64'), mk(b, [7], 'float64'));
    expect(r.shape).toEqual([]);
    expectClose(read(r), [a.reduce((s, v, i) => s + v * b[i], 0)], 1e-14);
    expect(() => matmul(mk(a, [7]), mk(b.slice(0, 4), [4]))).toThrow(/\[7\].*\[4\]/);
  });

  it('1-D x 2-D and 2-D x 1-D drop the added dim', () => {
    const v = randomValues(4, 3);
    const m = randomValues(12, 4);
    const r1 = matmul(mk(v, [4], 'float64'), mk(m, [4, 3], 'float64'));
    expect(r1.shape).toEqual([3]);
    expectClose(read(r1), naive(v, m, 1, 4, 3), 1e-14);
    const r2 = matmul(mk(m, [3, 4], 'float64'), mk(v, [4], 'float64'));
    expect(r2.shape).toEqual([3]);
    expectClose(read(r2), naive(m, v, 3, 4, 1), 1e-14);
  });

  it('batched with broadcast batch dims: [2, 1, 3, 4] x [5, 4, 2] -> [2, 5, 3, 2]', () => {
    const a = randomValues(2 * 3 * 4, 5);
    const b = randomValues(5 * 4 * 2, 6);
    const r = matmul(mk(a, [2, 1, 3, 4], 'float64'), mk(b, [5, 4, 2], 'float64'));
    expect(r.shape).toEqual([2, 5, 3, 2]);
    const expected: number[] = [];
    for (let k = 0; k < 10; k++) {
      const [i, j] = unravel(k, [2, 5]);
      expected.push(...naive(a.slice(i * 12, i * 12 + 12), b.slice(j * 8, j * 8 + 8), 3, 4, 2));
    }
    expectClose(read(r), expected, 1e-14, 1e-15);
  });

  it('1-D with a batch: [4] x [2, 4, 3] -> [2, 3] and [2, 3, 4] x [4] -> [2, 3]', () => {
    const v = randomValues(4, 7);
    const bt = randomValues(24, 8);
    const r1 = matmul(mk(v, [4], 'float64'), mk(bt, [2, 4, 3], 'float64'));
    expect(r1.shape).toEqual([2, 3]);
    expectClose(read(r1), [...naive(v, bt.slice(0, 12), 1, 4, 3), ...naive(v, bt.slice(12), 1, 4, 3)], 1e-14);
    const r2 = matmul(mk(bt, [2, 3, 4], 'float64'), mk(v, [4], 'float64'));
    expect(r2.shape).toEqual([2, 3]);
    expectClose(read(r2), [...naive(bt.slice(0, 12), v, 3, 4, 1), ...naive(bt.slice(12), v, 3, 4, 1)], 1e-14);
  });

  it('batched operands may be non-contiguous', () => {
    // a: [2, 3, 4] stored as [2, 4, 3] (last two dims transposed)
    const a = randomValues(24, 9);
    const store = new Array<number>(24);
    for (let bI = 0; bI < 2; bI++) for (let i = 0; i < 3; i++) for (let p = 0; p < 4; p++) store[bI * 12 + p * 3 + i] = a[ravel([bI, i, p], [2, 3, 4])];
    const at = strided(store, [2, 3, 4], [12, 1, 3], 0, 'float64');
    expectEqual(read(at), a);
    const b = randomValues(8, 10);
    const r = matmul(at, mk(b, [4, 2], 'float64'));
    expectClose(read(r), [...naive(a.slice(0, 12), b, 3, 4, 2), ...naive(a.slice(12), b, 3, 4, 2)], 1e-14);
  });

  it('empty batch dims give empty results', () => {
    const r = matmul(mk([], [0, 2, 3]), mk(randomValues(6, 1), [3, 2]));
    expect(r.shape).toEqual([0, 2, 2]);
    expect(bmm(mk([], [0, 2, 3]), mk([], [0, 3, 4])).shape).toEqual([0, 2, 4]);
  });

  it('errors: 0-d operands, mismatched batch dims, inner dims, dtypes', () => {
    const s = mk([1], [], 'float32');
    expect(() => matmul(s, mk([1], [1]))).toThrow(/at least 1 dim/);
    expect(() => matmul(mk(randomValues(12, 1), [2, 2, 3]), mk(randomValues(30, 1), [5, 3, 2]))).toThrow(ShapeError);
    expect(() => matmul(mk(randomValues(6, 1), [2, 3]), mk(randomValues(20, 1), [4, 5]))).toThrow(/\[2, 3\].*\[4, 5\]/);
    expect(() => matmul(mk([1, 2], [2]), mk([1, 2], [2], 'float64'))).toThrow(/float32.*float64/);
    expect(() => matmul(mk([1, 2], [2]), [1, 2] as unknown as Tensor)).toThrow(DTypeError);
  });
});

describe('bmm', () => {
  it('matches per-batch naive products', () => {
    const a = randomValues(3 * 2 * 4, 11);
    const b = randomValues(3 * 4 * 5, 12);
    const r = bmm(mk(a, [3, 2, 4], 'float64'), mk(b, [3, 4, 5], 'float64'));
    expect(r.shape).toEqual([3, 2, 5]);
    const expected: number[] = [];
    for (let i = 0; i < 3; i++) expected.push(...naive(a.slice(i * 8, i * 8 + 8), b.slice(i * 20, i * 20 + 20), 2, 4, 5));
    expectClose(read(r), expected, 1e-14, 1e-15);
  });

  it('errors: not 3-D, batch mismatch, inner mismatch', () => {
    expect(() => bmm(mk(randomValues(6, 1), [2, 3]), mk(randomValues(6, 1), [3, 2]))).toThrow(/'input' expected a 3-D tensor/);
    expect(() => bmm(mk(randomValues(12, 1), [2, 2, 3]), mk(randomValues(18, 1), [3, 3, 2]))).toThrow(/batch size 2/);
    expect(() => bmm(mk(randomValues(12, 1), [2, 2, 3]), mk(randomValues(16, 1), [2, 4, 2]))).toThrow(/\[2, 2, 3\].*\[2, 4, 2\]/);
  });
});
