import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  ShapeError,
  allclose,
  eq,
  ge,
  gt,
  isfinite,
  isinf,
  isnan,
  le,
  logicalAnd,
  logicalNot,
  logicalOr,
  logicalXor,
  lt,
  ne,
  type Tensor,
} from '@torchlet/tensor-core';
import { bcastAt, expectEqual, gappy, mk, onCpuBackend, randomInts, read, transposed, unravel } from './compute-helpers.js';

onCpuBackend();

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

describe('comparisons', () => {
  const av = [...randomInts(12, 1, -2, 3), NAN, INF, -INF, 0];
  const bv = [...randomInts(12, 2, -2, 3), NAN, INF, 1, -0];
  const ops: Array<[string, (a: Tensor, b: Tensor | number) => Tensor, (x: number, y: number) => boolean]> = [
    ['eq', eq, (x, y) => x === y],
    ['ne', ne, (x, y) => x !== y],
    ['lt', lt, (x, y) => x < y],
    ['le', le, (x, y) => x <= y],
    ['gt', gt, (x, y) => x > y],
    ['ge', ge, (x, y) => x >= y],
  ];
  it.each(ops)('%s gives bool with IEEE semantics (NaN compares unequal)', (_, op, f) => {
    const r = op(mk(av, [av.length]), mk(bv, [bv.length]));
    expect(r.dtype).toBe('bool');
    expectEqual(read(r), av.map((x, i) => (f(x, bv[i]) ? 1 : 0)));
  });

  it.each(ops)('%s broadcasts and reads strided views', (_, op, f) => {
    const a = transposed(av.slice(0, 12), 3, 4);
    const b = gappy(bv.slice(0, 4), [4]);
    const r = op(a, b);
    expect(r.shape).toEqual([3, 4]);
    const ra = read(a);
    const rb = read(b);
    expectEqual(read(r), ra.map((x, k) => (f(x, bcastAt(rb, [4], unravel(k, [3, 4]))) ? 1 : 0)));
  });

  it('compare an int tensor with a float scalar in float', () => {
    const i = mk([1, 2, 3], [3], 'int64');
    expectEqual(read(eq(i, 2.5)), [0, 0, 0]);
    expectEqual(read(lt(i, 2.5)), [1, 2, 3].map((x) => (x < 2.5 ? 1 : 0)));
  });

  it('a float scalar is rounded to float32 before comparing with a float32 tensor', () => {
    const x = mk([0.1, 0.2], [2]);
    // storage holds float32(0.1); PyTorch compares against float32(0.1) too
    expectEqual(read(eq(x, 0.1)), [1, 0]);
    expectEqual(read(eq(mk([0.1], [1], 'float64'), Math.fround(0.1))), [0]);
  });

  it('bool tensors compare as 0 / 1', () => {
    expectEqual(read(eq(mk([1, 0], [2], 'bool'), 1)), [1, 0]);
  });

  it('reject shapes that do not broadcast', () => {
    expect(() => eq(mk([1, 2, 3], [3]), mk([1, 2], [2]))).toThrow(ShapeError);
  });
});

describe('logical ops', () => {
  const p = [1, 0, 2.5, 0, NAN, -0];
  const q = [1, 1, 0, 0, 0, 3];
  const truthy = (x: number) => x !== 0; // NaN is true, -0 is false
  it.each([
    ['logicalAnd', logicalAnd, (x: boolean, y: boolean) => x && y],
    ['logicalOr', logicalOr, (x: boolean, y: boolean) => x || y],
    ['logicalXor', logicalXor, (x: boolean, y: boolean) => x !== y],
  ] as const)('%s treats nonzero (and NaN) as true, any dtype', (_, op, f) => {
    const r = op(mk(p, [6], 'float64'), mk(q, [6], 'int64'));
    expect(r.dtype).toBe('bool');
    expectEqual(read(r), p.map((x, i) => (f(truthy(x), truthy(q[i])) ? 1 : 0)));
  });

  it('logicalNot', () => {
    const r = logicalNot(mk(p, [6]));
    expect(r.dtype).toBe('bool');
    expectEqual(read(r), p.map((x) => (truthy(x) ? 0 : 1)));
  });
});

describe('isnan / isinf / isfinite', () => {
  const v = [1, NAN, INF, -INF, 0, -2.5];
  it('classify floats', () => {
    const x = mk(v, [6]);
    expectEqual(read(isnan(x)), v.map((t) => (Number.isNaN(t) ? 1 : 0)));
    expectEqual(read(isinf(x)), v.map((t) => (t === INF || t === -INF ? 1 : 0)));
    expectEqual(read(isfinite(x)), v.map((t) => (Number.isFinite(t) ? 1 : 0)));
    expect(isnan(x).dtype).toBe('bool');
  });
  it('integers are never NaN or inf', () => {
    const i = mk([1, 2], [2], 'int64');
    expectEqual(read(isnan(i)), [0, 0]);
    expectEqual(read(isinf(i)), [0, 0]);
    expectEqual(read(isfinite(i)), [1, 1]);
  });
});

describe('allclose', () => {
  it('uses |a - b| <= atol + rtol * |b|', () => {
    const b = mk([1, 100, -3], [3], 'float64');
    const within = mk([1 + 0.9e-5, 100 + 99e-5, -3 - 2.9e-5], [3], 'float64');
    const outside = mk([1 + 2e-5, 100, -3], [3], 'float64');
    expect(allclose(within, b)).toBe(true);
    expect(allclose(outside, b)).toBe(false);
    expect(allclose(outside, b, { rtol: 1e-4 })).toBe(true);
    expect(allclose(mk([1e-9], [1], 'float64'), mk([0], [1], 'float64'))).toBe(true);
    expect(allclose(mk([1e-7], [1], 'float64'), mk([0], [1], 'float64'))).toBe(false);
    expect(allclose(mk([1e-7], [1], 'float64'), mk([0], [1], 'float64'), { atol: 1e-6 })).toBe(true);
  });

  it('NaN is close to NaN only with equalNan; equal infinities are close', () => {
    const n = mk([NAN], [1]);
    expect(allclose(n, n)).toBe(false);
    expect(allclose(n, n, { equalNan: true })).toBe(true);
    expect(allclose(mk([INF], [1]), mk([INF], [1]))).toBe(true);
    expect(allclose(mk([INF], [1]), mk([-INF], [1]))).toBe(false);
    expect(allclose(mk([INF], [1]), mk([1e38], [1]))).toBe(false);
  });

  it('broadcasts, works on views, and requires equal dtypes', () => {
    expect(allclose(mk([1, 1, 1, 1, 1, 1], [2, 3]), mk([1, 1, 1], [3]))).toBe(true);
    expect(allclose(transposed([1, 2, 3, 4], 2, 2), mk([1, 2, 3, 4], [2, 2]))).toBe(true);
    expect(allclose(transposed([1, 2, 3, 4], 2, 2), mk([1, 3, 2, 4], [2, 2]))).toBe(false);
    expect(() => allclose(mk([1], [1]), mk([1], [1], 'float64'))).toThrow(DTypeError);
    expect(() => allclose(mk([1, 2], [2]), mk([1, 2, 3], [3]))).toThrow(ShapeError);
    expect(allclose(mk([1, 2], [2], 'int64'), mk([1, 2], [2], 'int64'))).toBe(true);
  });
});
