import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  IndexError,
  ValueError,
  all,
  any,
  argmax,
  argmin,
  logsumexp,
  max,
  mean,
  min,
  prod,
  std,
  sum,
  variance,
  type Tensor,
} from '@torchlet/tensor-core';
import { expectClose, expectEqual, gappy, mk, onCpuBackend, randomInts, randomValues, read, transposed, unravel } from './compute-helpers.js';

onCpuBackend();

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/**
 * Reference reduction: group the row-major values of `shape` by their kept index and hand each
 * group (in order) to `f`. Returns the results in row-major order of the kept shape.
 */
function refReduce(values: number[], shape: number[], dims: number[], f: (group: number[]) => number): number[] {
  const keptShape = shape.map((s, d) => (dims.includes(d) ? 1 : s));
  const nOut = keptShape.reduce((a, b) => a * b, 1);
  const groups: number[][] = Array.from({ length: nOut }, () => []);
  for (let k = 0; k < values.length; k++) {
    const idx = unravel(k, shape).map((i, d) => (dims.includes(d) ? 0 : i));
    let o = 0;
    for (let d = 0; d < shape.length; d++) o = o * keptShape[d] + idx[d];
    groups[o].push(values[k]);
  }
  return groups.map(f);
}

const plainSum = (g: number[]) => g.reduce((a, b) => a + b, 0);
const plainProd = (g: number[]) => g.reduce((a, b) => a * b, 1);
const plainMax = (g: number[]) => (g.some(Number.isNaN) ? NAN : g.reduce((a, b) => (b > a ? b : a), -INF));
const plainMin = (g: number[]) => (g.some(Number.isNaN) ? NAN : g.reduce((a, b) => (b < a ? b : a), INF));
const plainVar = (correction: number) => (g: number[]) => {
  const m = plainSum(g) / g.length;
  return g.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(0, g.length - correction);
};
const plainLse = (g: number[]) => Math.log(g.reduce((a, b) => a + Math.exp(b), 0));

describe('sum / mean / prod', () => {
  const shape = [3, 4, 5];
  const v = randomValues(60, 1, -2, 2);
  const x = mk(v, shape, 'float64');
  const dimsCases: number[][] = [[0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2]];

  it.each(dimsCases)('sum over dims %j (with and without keepdim) matches a plain loop', (...dims) => {
    const expected = refReduce(v, shape, dims, plainSum);
    const r = sum(x, dims);
    expect(r.shape).toEqual(shape.filter((_, d) => !dims.includes(d)));
    expectClose(read(r), expected, 1e-14, 1e-15);
    const k = sum(x, dims, true);
    expect(k.shape).toEqual(shape.map((s, d) => (dims.includes(d) ? 1 : s)));
    expectClose(read(k), expected, 1e-14, 1e-15);
  });

  it.each(dimsCases)('mean over dims %j matches sum / N', (...dims) => {
    const n = dims.reduce((a, d) => a * shape[d], 1);
    expectClose(read(mean(x, dims)), refReduce(v, shape, dims, (g) => plainSum(g) / n), 1e-14, 1e-15);
  });

  it('negative dims, single numbers and undefined (all dims)', () => {
    expectClose(read(sum(x, -1)), refReduce(v, shape, [2], plainSum), 1e-14, 1e-15);
    expectClose(read(x.sum([-3, -1])), refReduce(v, shape, [0, 2], plainSum), 1e-14, 1e-15);
    const all3 = sum(x);
    expect(all3.shape).toEqual([]);
    expectClose(read(all3), [plainSum(v)], 1e-14);
    expect(sum(x, [], false).shape).toEqual([]); // dim=[] reduces everything, as PyTorch 1.13
  });

  it('reads transposed and gapped views', () => {
    const t = transposed(v.slice(0, 20), 4, 5, 'float64');
    expectClose(read(sum(t, 0)), refReduce(v.slice(0, 20), [4, 5], [0], plainSum), 1e-14, 1e-15);
    expectClose(read(sum(t, 1)), refReduce(v.slice(0, 20), [4, 5], [1], plainSum), 1e-14, 1e-15);
    const g = gappy(v.slice(0, 20), [4, 5], 'float64');
    expectClose(read(mean(g, 1)), refReduce(v.slice(0, 20), [4, 5], [1], (q) => plainSum(q) / 5), 1e-14, 1e-15);
  });

  it('float32 sums accumulate in double and round once', () => {
    const big = randomValues(10000, 3, 0, 1);
    const x32 = mk(big, [10000]);
    const exact = read(x32).reduce((a, b) => a + b, 0);
    expect(read(sum(x32))[0]).toBe(Math.fround(exact));
    expect(sum(x32).dtype).toBe('float32');
  });

  it('prod, with int64 results for integer and bool inputs', () => {
    const small = randomValues(12, 5, 0.5, 1.5);
    expectClose(read(prod(mk(small, [3, 4], 'float64'), 1)), refReduce(small, [3, 4], [1], plainProd), 1e-14);
    expectClose(read(prod(mk(small, [3, 4], 'float64'))), [plainProd(small)], 1e-14);
    const ints = randomInts(6, 7, -3, 4);
    const ip = prod(mk(ints, [6], 'int32'));
    expect(ip.dtype).toBe('int64');
    expectEqual(read(ip), [plainProd(ints)]);
    expect(prod(mk([1, 0, 1], [3], 'bool')).dtype).toBe('int64');
  });

  it('sum of bool and int gives int64', () => {
    const b = mk([1, 0, 1, 1], [2, 2], 'bool');
    const s = sum(b);
    expect(s.dtype).toBe('int64');
    expectEqual(read(s), [plainSum(read(b))]);
    const i = sum(mk([1, 2, 3, 4], [2, 2], 'int32'), 0);
    expect(i.dtype).toBe('int64');
    expectEqual(read(i), refReduce([1, 2, 3, 4], [2, 2], [0], plainSum));
  });

  it('mean of an integer tensor raises like PyTorch', () => {
    expect(() => mean(mk([1, 2], [2], 'int64'))).toThrow(DTypeError);
    expect(() => mean(mk([1, 2], [2], 'int64'))).toThrow(/mean\(\): argument 'input' expected a floating point tensor.*got dtype int64/);
    expect(() => mean(mk([1, 0], [2], 'bool'))).toThrow(DTypeError);
  });

  it('empty reductions: sum 0, mean NaN, prod 1', () => {
    const e = mk([], [0, 3]);
    expectEqual(read(sum(e)), [0]);
    expectEqual(read(sum(e, 0)), [0, 0, 0]);
    expect(sum(e, 1).shape).toEqual([0]);
    expectEqual(read(mean(e)), [NAN]);
    expectEqual(read(mean(e, 0)), [NAN, NAN, NAN]);
    expectEqual(read(prod(e)), [1]);
  });

  it('NaN propagates through sum and mean', () => {
    expectEqual(read(sum(mk([1, NAN, 2], [3]))), [NAN]);
  });

  it('0-d tensors reduce to themselves', () => {
    const s = mk([5], [], 'float64');
    expectEqual(read(sum(s, 0)), [5]);
    expect(sum(s, 0).shape).toEqual([]);
    expectEqual(read(mean(s)), [5]);
  });

  it('dim errors: out of range and repeated', () => {
    expect(() => sum(x, 3)).toThrow(IndexError);
    expect(() => sum(x, 3)).toThrow(/'dim' expected an integer in \[-3, 2\], got 3/);
    expect(() => sum(x, [0, -3])).toThrow(/repeated/);
  });
});

describe('max / min', () => {
  it('over all elements, with NaN propagating', () => {
    const v = randomValues(30, 8, -5, 5);
    expectEqual(read(max(mk(v, [5, 6]))), [Math.fround(plainMax(read(mk(v, [30]))))]);
    expectEqual(read(min(mk(v, [5, 6], 'float64'))), [plainMin(v)]);
    expectEqual(read(max(mk([1, NAN, 3], [3]))), [NAN]);
    expectEqual(read(min(mk([1, NAN, 3], [3]))), [NAN]);
    expect(max(mk([3, 1, 2], [3], 'int32')).dtype).toBe('int32');
    expect(max(mk([1, 0], [2], 'bool')).dtype).toBe('bool');
  });

  it('of an empty tensor raises', () => {
    expect(() => max(mk([], [0, 3]))).toThrow(ValueError);
    expect(() => min(mk([], [0]))).toThrow(/non-empty/);
  });

  it('along a dim: values and the first index of the extreme', () => {
    const v = randomInts(24, 9, 0, 4); // many ties
    const shape = [2, 3, 4];
    for (const dim of [0, 1, 2]) {
      const r = max(mk(v, shape, 'float64'), dim);
      const rMin = min(mk(v, shape, 'float64'), dim, true);
      expectEqual(read(r.values), refReduce(v, shape, [dim], plainMax));
      expectEqual(read(rMin.values), refReduce(v, shape, [dim], plainMin));
      expect(r.indices.dtype).toBe('int64');
      expect(rMin.indices.shape).toEqual(shape.map((s, d) => (d === dim ? 1 : s)));
      expectEqual(read(r.indices), refReduce(v, shape, [dim], (g) => g.indexOf(plainMax(g))));
      expectEqual(read(rMin.indices), refReduce(v, shape, [dim], (g) => g.indexOf(plainMin(g))));
    }
  });

  it('along a dim: the first NaN wins', () => {
    const r = max(mk([1, NAN, 3, NAN], [4]), 0);
    expectEqual(read(r.values), [NAN]);
    expectEqual(read(r.indices), [[1, NAN, 3, NAN].findIndex(Number.isNaN)]);
  });

  it('along a dim of a transposed view', () => {
    const v = randomValues(12, 10);
    const t = transposed(v, 3, 4, 'float64');
    const r = t.max(1);
    expectEqual(read(r.values), refReduce(v, [3, 4], [1], plainMax));
    expectEqual(read(r.indices), refReduce(v, [3, 4], [1], (g) => g.indexOf(plainMax(g))));
  });

  it('along an empty dim raises; along a non-empty dim of an empty tensor is empty', () => {
    const e = mk([], [0, 3]);
    expect(() => max(e, 0)).toThrow(IndexError);
    expect(() => max(e, 0)).toThrow(/non-zero size/);
    const r = max(e, 1);
    expect(r.values.shape).toEqual([0]);
    expect(r.indices.shape).toEqual([0]);
  });
});

describe('argmax / argmin', () => {
  const v = randomInts(20, 11, 0, 5);
  it('over the flattened tensor (row-major, even for a transposed view)', () => {
    const t = transposed(v, 4, 5, 'float64');
    const flat = read(t);
    expectEqual(read(argmax(t)), [flat.indexOf(plainMax(flat))]);
    expectEqual(read(argmin(t)), [flat.indexOf(plainMin(flat))]);
    expect(argmax(t).shape).toEqual([]);
    expect(argmax(t, undefined, true).shape).toEqual([1, 1]);
    expect(argmax(t).dtype).toBe('int64');
  });

  it('along a dim, first occurrence on ties', () => {
    for (const dim of [0, 1, -1]) {
      const d = dim < 0 ? dim + 2 : dim;
      expectEqual(read(argmax(mk(v, [4, 5]), dim)), refReduce(v, [4, 5], [d], (g) => g.indexOf(plainMax(g))));
      expectEqual(read(argmin(mk(v, [4, 5]), dim, true)), refReduce(v, [4, 5], [d], (g) => g.indexOf(plainMin(g))));
    }
  });

  it('NaN counts as the extreme for both', () => {
    const x = mk([1, NAN, 3], [3]);
    const firstNan = [1, NAN, 3].findIndex(Number.isNaN);
    expectEqual(read(argmax(x)), [firstNan]);
    expectEqual(read(argmin(x)), [firstNan]);
  });

  it('bool input raises (PyTorch has no bool argmax)', () => {
    expect(() => argmax(mk([1, 0], [2], 'bool'))).toThrow(DTypeError);
    expect(() => argmin(mk([1, 0], [2], 'bool'), 0)).toThrow(/bool/);
  });

  it('errors on empty input and empty dims', () => {
    expect(() => argmax(mk([], [0, 3]))).toThrow(ValueError);
    expect(() => argmax(mk([], [0, 3]), 0)).toThrow(IndexError);
    expect(argmax(mk([], [0, 3]), 1).shape).toEqual([0]);
    expect(() => argmax(mk([1], [1]), 5)).toThrow(IndexError);
  });
});

describe('var / std', () => {
  const shape = [3, 4];
  const v = randomValues(12, 12, -3, 3);
  const x = mk(v, shape, 'float64');
  it.each([0, 1, 2])('var with correction %d over each dim and all dims', (correction) => {
    for (const dims of [[0], [1], [0, 1]]) {
      expectClose(read(variance(x, dims, { correction })), refReduce(v, shape, dims, plainVar(correction)), 1e-13);
      expectClose(read(std(x, dims, { correction })), refReduce(v, shape, dims, (g) => Math.sqrt(plainVar(correction)(g))), 1e-13);
    }
    expectClose(read(x.var(undefined, { correction })), [plainVar(correction)(v)], 1e-13);
  });

  it('default correction is 1; keepdim keeps dims', () => {
    expectClose(read(variance(x, 1)), refReduce(v, shape, [1], plainVar(1)), 1e-13);
    expect(std(x, 1, { keepdim: true }).shape).toEqual([3, 1]);
  });

  it('float32 is computed in double and rounded once', () => {
    const x32 = mk(v, shape);
    const r = variance(x32, 1);
    expect(r.dtype).toBe('float32');
    expectEqual(read(r), refReduce(read(x32), shape, [1], plainVar(1)).map(Math.fround));
  });

  it('N <= correction gives inf or NaN (as PyTorch); empty gives NaN', () => {
    expectEqual(read(variance(mk([1], [1]))), [NAN]);
    expectEqual(read(variance(mk([1, 2, 3], [3]), undefined, { correction: 3 })), [INF]);
    expectEqual(read(variance(mk([], [0]))), [NAN]);
  });

  it('integer input raises', () => {
    expect(() => variance(mk([1, 2], [2], 'int64'))).toThrow(DTypeError);
    expect(() => std(mk([1, 2], [2], 'int32'))).toThrow(/floating point/);
  });
});

describe('logsumexp', () => {
  it('matches log(sum(exp(x))) for moderate values over any dims', () => {
    const v = randomValues(24, 13, -3, 3);
    const shape = [2, 3, 4];
    for (const dims of [[0], [2], [0, 2], [0, 1, 2]]) {
      expectClose(read(logsumexp(mk(v, shape, 'float64'), dims)), refReduce(v, shape, dims, plainLse), 1e-14);
    }
    expect(logsumexp(mk(v, shape), [1, 2], true).shape).toEqual([2, 1, 1]);
  });

  it('is stable for huge values: logsumexp(x + c) = logsumexp(x) + c', () => {
    const v = randomValues(8, 14, -1, 1);
    const c = 10000;
    const r = read(logsumexp(mk(v.map((t) => t + c), [8], 'float64'), 0));
    expectClose(r, [plainLse(v) + c], 1e-14);
    const neg = read(logsumexp(mk(v.map((t) => t - c), [8], 'float64'), 0));
    expectClose(neg, [plainLse(v) - c], 1e-14);
  });

  it('all -inf gives -inf, any +inf gives inf, NaN gives NaN, empty gives -inf', () => {
    const x = mk([-INF, -INF, INF, 1, -INF, INF, NAN, 1], [4, 2]);
    expectEqual(read(logsumexp(x, 1)), [-INF, INF, INF, NAN]);
    expectEqual(read(logsumexp(mk([], [2, 0]), 1)), [-INF, -INF]);
  });

  it('integer input gives float32; empty dim list raises', () => {
    const r = logsumexp(mk([1, 2, 3], [3], 'int64'), 0);
    expect(r.dtype).toBe('float32');
    expectEqual(read(r), [Math.fround(plainLse([1, 2, 3]))]);
    expect(() => logsumexp(mk([1], [1]), [])).toThrow(ValueError);
  });
});

describe('all / any', () => {
  it('over all and along a dim; nonzero (and NaN) is true', () => {
    const v = [1, 0, 2, NAN, 0, 0];
    const x = mk(v, [2, 3]);
    expectEqual(read(all(x)), [v.every((t) => t !== 0) ? 1 : 0]);
    expectEqual(read(any(x)), [v.some((t) => t !== 0) ? 1 : 0]);
    expectEqual(read(all(x, 1)), refReduce(v, [2, 3], [1], (g) => (g.every((t) => t !== 0) ? 1 : 0)));
    expectEqual(read(any(x, 0, true)), refReduce(v, [2, 3], [0], (g) => (g.some((t) => t !== 0) ? 1 : 0)));
    expect(all(x).dtype).toBe('bool');
    expect(any(mk([1, 2], [2], 'int64'), 0).dtype).toBe('bool');
  });

  it('empty: all is true, any is false', () => {
    expectEqual(read(all(mk([], [0]))), [[].every(() => false) ? 1 : 0]);
    expectEqual(read(any(mk([], [0]))), [[].some(() => true) ? 1 : 0]);
  });
});

describe('argument checks', () => {
  it('non-tensors and bad keepdim', () => {
    expect(() => sum([1, 2] as unknown as Tensor)).toThrow(DTypeError);
    expect(() => sum(mk([1], [1]), 0, 1 as unknown as boolean)).toThrow(/keepdim/);
  });
});
