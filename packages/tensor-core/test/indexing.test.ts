import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  IndexError,
  ShapeError,
  ValueError,
  gather,
  indexSelect,
  maskedFill,
  oneHot,
  scatter,
  scatterAdd,
} from '@torchlet/tensor-core';
import { expectEqual, gappy, mk, onCpuBackend, randomInts, randomValues, ravel, read, transposed, unravel } from './compute-helpers.js';

onCpuBackend();

describe('gather', () => {
  const x = randomValues(12, 1);
  it.each([0, 1, -1])('along dim %i matches out[i][j] = x[..index..] by hand', (dim) => {
    const d = dim < 0 ? dim + 2 : dim;
    const idxShape = d === 0 ? [4, 3] : [3, 5];
    const size = [3, 4][d];
    const idx = randomInts(idxShape[0] * idxShape[1], 2 + d, 0, size);
    const r = gather(mk(x, [3, 4]), dim, mk(idx, idxShape, 'int64'));
    expect(r.shape).toEqual(idxShape);
    const expected = idx.map((v, k) => {
      const pos = unravel(k, idxShape);
      pos[d] = v;
      return Math.fround(x[ravel(pos, [3, 4])]);
    });
    expectEqual(read(r), expected);
  });

  it('reads transposed input and gapped index views', () => {
    const t = transposed(x, 3, 4);
    const idx = randomInts(6, 3, 0, 4);
    const iv = gappy(idx, [3, 2], 'int64');
    const r = gather(t, 1, iv);
    const tv = read(t);
    expectEqual(read(r), idx.map((v, k) => tv[Math.floor(k / 2) * 4 + v]));
  });

  it('an index smaller than input in the other dims is fine', () => {
    const r = gather(mk(x, [3, 4]), 0, mk([2, 0], [1, 2], 'int64'));
    expectEqual(read(r), [x[2 * 4 + 0], x[0 * 4 + 1]].map(Math.fround));
  });

  it('errors: index dtype, ndim, size, out-of-range and negative values', () => {
    const t = mk(x, [3, 4]);
    expect(() => gather(t, 0, mk([0], [1, 1], 'int32'))).toThrow(DTypeError);
    expect(() => gather(t, 0, mk([0], [1], 'int64'))).toThrow(/2 dims/);
    expect(() => gather(t, 1, mk([0, 0, 0, 0], [4, 1], 'int64'))).toThrow(ShapeError);
    expect(() => gather(t, 1, mk([4], [1, 1], 'int64'))).toThrow(IndexError);
    expect(() => gather(t, 1, mk([4], [1, 1], 'int64'))).toThrow(/'index' expected values in \[0, 4\).*got index 4/);
    expect(() => gather(t, 0, mk([-1], [1, 1], 'int64'))).toThrow(/got index -1/);
    expect(() => gather(t, 2, mk([0], [1, 1], 'int64'))).toThrow(IndexError);
  });
});

describe('0-d inputs', () => {
  it('gather, indexSelect and scatter treat a 0-d tensor as one element', () => {
    const s = mk([5], [], 'float64');
    expectEqual(read(gather(s, 0, mk([0], [], 'int64'))), [5]);
    expect(() => gather(s, 0, mk([1], [], 'int64'))).toThrow(IndexError);
    const sel = indexSelect(s, 0, mk([0], [1], 'int64'));
    expect(sel.shape).toEqual([]);
    expectEqual(read(sel), [5]);
    expect(() => indexSelect(s, 0, mk([0, 0], [2], 'int64'))).toThrow(/exactly one index/);
    expectEqual(read(scatter(s, 0, mk([0], [], 'int64'), 2)), [2]);
  });
});

describe('scatter / scatterAdd', () => {
  it('writes src at index positions along dim 0 and dim 1', () => {
    const base = randomValues(6, 4);
    const src = randomValues(9, 5);
    // dim 0: every column gets distinct rows
    const idx0 = [1, 0, 1, 0, 1, 0];
    const r0 = scatter(mk(base, [2, 3], 'float64'), 0, mk(idx0, [2, 3], 'int64'), mk(src, [3, 3], 'float64'));
    const e0 = [...base];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) e0[idx0[i * 3 + j] * 3 + j] = src[i * 3 + j];
    expectEqual(read(r0), e0);
    // dim 1 with a scalar source; input untouched
    const input = mk(base, [2, 3], 'float64');
    const r1 = scatter(input, 1, mk([2, 0], [2, 1], 'int64'), 7.5);
    const e1 = [...base];
    e1[0 * 3 + 2] = 7.5;
    e1[1 * 3 + 0] = 7.5;
    expectEqual(read(r1), e1);
    expectEqual(read(input), base);
  });

  it('a scalar is converted to the input dtype', () => {
    const r = scatter(mk([0, 0, 0], [3], 'int64'), 0, mk([2, 0], [2], 'int64'), 7.5);
    expectEqual(read(r), [Math.trunc(7.5), 0, Math.trunc(7.5)]);
  });

  it('scatterAdd accumulates repeated indices', () => {
    const src = randomValues(5, 6);
    const idx = [0, 0, 2, 2, 2];
    const r = scatterAdd(mk([0, 0, 0], [3], 'float64'), 0, mk(idx, [5], 'int64'), mk(src, [5], 'float64'));
    const e = [0, 0, 0];
    idx.forEach((t, k) => (e[t] += src[k]));
    expectEqual(read(r), e);
  });

  it('scatterAdd on bool is a logical or', () => {
    const r = scatterAdd(mk([0, 1, 0], [3], 'bool'), 0, mk([0, 0, 1], [3], 'int64'), mk([1, 1, 1], [3], 'bool'));
    expect(r.dtype).toBe('bool');
    expectEqual(read(r), [1, 1, 0]);
  });

  it('works with a transposed destination', () => {
    const base = randomValues(6, 7);
    const t = transposed(base, 2, 3, 'float64');
    const r = scatter(t, 1, mk([1], [1, 1], 'int64'), 9);
    const e = read(t);
    e[1] = 9;
    expectEqual(read(r), e);
  });

  it('errors: dtypes, sizes, ranges', () => {
    const x = mk([0, 0, 0], [3]);
    expect(() => scatter(x, 0, mk([0], [1], 'int64'), mk([1], [1], 'float64'))).toThrow(/'src' expected the dtype of input \(float32\)/);
    expect(() => scatter(x, 0, mk([0, 1, 2], [3], 'int64'), mk([1, 2], [2]))).toThrow(ShapeError);
    expect(() => scatter(x, 0, mk([3], [1], 'int64'), 1)).toThrow(IndexError);
    expect(() => scatter(x, 0, mk([0], [1]), 1)).toThrow(DTypeError);
    expect(() => scatterAdd(x, 0, mk([0], [1], 'int64'), mk([1], [1], 'float64'))).toThrow(DTypeError);
  });
});

describe('indexSelect', () => {
  const x = randomValues(12, 8);
  it('picks entries along a dim (repeats allowed), int64 or int32 index', () => {
    const idx = [2, 2, 0];
    const r = indexSelect(mk(x, [3, 4]), 0, mk(idx, [3], 'int64'));
    expect(r.shape).toEqual([3, 4]);
    expectEqual(read(r), idx.flatMap((i) => x.slice(i * 4, i * 4 + 4)).map(Math.fround));
    const c = indexSelect(mk(x, [3, 4]), 1, mk([3, 1], [2], 'int32'));
    expectEqual(read(c), [0, 1, 2].flatMap((i) => [x[i * 4 + 3], x[i * 4 + 1]]).map(Math.fround));
  });

  it('reads views and accepts a 0-d index', () => {
    const t = transposed(x, 3, 4);
    const tv = read(t);
    const r = indexSelect(t, 1, mk([3], [], 'int64'));
    expect(r.shape).toEqual([3, 1]);
    expectEqual(read(r), [0, 1, 2].map((i) => tv[i * 4 + 3]));
    const g = indexSelect(mk(x, [3, 4]), 0, gappy([1, 0], [2], 'int64'));
    expectEqual(read(g), [...x.slice(4, 8), ...x.slice(0, 4)].map(Math.fround));
  });

  it('errors: dtype, ndim, range', () => {
    const t = mk(x, [3, 4]);
    expect(() => indexSelect(t, 0, mk([0], [1]))).toThrow(DTypeError);
    expect(() => indexSelect(t, 0, mk([0], [1, 1], 'int64'))).toThrow(/1-D/);
    expect(() => indexSelect(t, 0, mk([3], [1], 'int64'))).toThrow(IndexError);
    expect(() => indexSelect(t, 0, mk([-1], [1], 'int64'))).toThrow(IndexError);
  });
});

describe('maskedFill', () => {
  it('fills where the (broadcast) mask is true', () => {
    const x = randomValues(6, 9);
    const mask = [1, 0, 1];
    const r = maskedFill(mk(x, [2, 3], 'float64'), mk(mask, [3], 'bool'), -5);
    expectEqual(read(r), x.map((v, k) => (mask[k % 3] ? -5 : v)));
  });

  it('the result takes the broadcast shape of input and mask', () => {
    const r = maskedFill(mk([1, 2, 3], [3]), mk([0, 0, 0, 1, 1, 1], [2, 3], 'bool'), 9);
    expect(r.shape).toEqual([2, 3]);
    expectEqual(read(r), [1, 2, 3, 9, 9, 9]);
  });

  it('the value is converted to the input dtype; masks must be bool', () => {
    const r = maskedFill(mk([1, 2, 3], [3], 'int64'), mk([1, 0, 1], [3], 'bool'), 2.5);
    expect(r.dtype).toBe('int64');
    expectEqual(read(r), [Math.trunc(2.5), 2, Math.trunc(2.5)]);
    expect(() => maskedFill(mk([1], [1]), mk([1], [1], 'int64'), 0)).toThrow(/'mask' expected a bool tensor, got dtype int64/);
  });

  it('works on a transposed input', () => {
    const t = transposed([1, 2, 3, 4, 5, 6], 2, 3);
    const r = maskedFill(t, mk([1, 0, 0, 0, 0, 1], [2, 3], 'bool'), 0);
    expectEqual(read(r), [0, 2, 3, 4, 5, 0]);
  });
});

describe('oneHot', () => {
  it('infers numClasses = max + 1', () => {
    const labels = [0, 2, 1, 2];
    const r = oneHot(mk(labels, [4], 'int64'));
    const c = Math.max(...labels) + 1;
    expect(r.dtype).toBe('int64');
    expect(r.shape).toEqual([4, c]);
    expectEqual(read(r), labels.flatMap((l) => Array.from({ length: c }, (_, j) => (j === l ? 1 : 0))));
  });

  it('explicit numClasses, K-d and 0-d inputs, strided input', () => {
    const labels = [1, 0, 3, 2];
    const r = oneHot(mk(labels, [2, 2], 'int64'), 5);
    expect(r.shape).toEqual([2, 2, 5]);
    expectEqual(read(r), labels.flatMap((l) => Array.from({ length: 5 }, (_, j) => (j === l ? 1 : 0))));
    const s = oneHot(mk([1], [], 'int64'), 3);
    expect(s.shape).toEqual([3]);
    expectEqual(read(s), [0, 1, 0]);
    const t = oneHot(transposed(labels, 2, 2, 'int64'), 4);
    const tl = read(transposed(labels, 2, 2, 'int64'));
    expectEqual(read(t), tl.flatMap((l) => Array.from({ length: 4 }, (_, j) => (j === l ? 1 : 0))));
  });

  it('empty input needs numClasses', () => {
    expect(oneHot(mk([], [0], 'int64'), 3).shape).toEqual([0, 3]);
    expect(() => oneHot(mk([], [0], 'int64'))).toThrow(/empty/);
  });

  it('errors: negative classes, classes >= numClasses, non-int64 input, bad numClasses', () => {
    expect(() => oneHot(mk([0, -1], [2], 'int64'))).toThrow(ValueError);
    expect(() => oneHot(mk([0, -1], [2], 'int64'))).toThrow(/non-negative/);
    expect(() => oneHot(mk([0, 2], [2], 'int64'), 2)).toThrow(/smaller than numClasses/);
    expect(() => oneHot(mk([0, 2], [2], 'int32'))).toThrow(DTypeError);
    expect(() => oneHot(mk([0], [1], 'int64'), -2)).toThrow(/numClasses/);
  });
});
