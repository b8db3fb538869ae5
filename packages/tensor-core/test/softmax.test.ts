import { describe, expect, it } from 'vitest';
import { DTypeError, IndexError, logSoftmax, softmax } from '@torchlet/tensor-core';
import { expectClose, expectEqual, mk, onCpuBackend, randomValues, ravel, read, transposed, unravel } from './compute-helpers.js';

onCpuBackend();

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/** Reference: apply `f` to each line along `dim` of a row-major array of `shape`. */
function alongDim(values: number[], shape: number[], dim: number, f: (line: number[]) => number[]): number[] {
  const out = new Array<number>(values.length);
  for (let k = 0; k < values.length; k++) {
    const idx = unravel(k, shape);
    if (idx[dim] !== 0) continue;
    const positions = Array.from({ length: shape[dim] }, (_, r) => ravel(idx.map((v, d) => (d === dim ? r : v)), shape));
    const res = f(positions.map((p) => values[p]));
    positions.forEach((p, r) => (out[p] = res[r]));
  }
  return out;
}

// textbook definitions, no max shift (inputs kept moderate where these are used)
const naiveSoftmax = (line: number[]) => {
  const e = line.map(Math.exp);
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const naiveLogSoftmax = (line: number[]) => {
  const ls = Math.log(line.reduce((a, b) => a + Math.exp(b), 0));
  return line.map((v) => v - ls);
};

describe('softmax / logSoftmax', () => {
  const shape = [2, 3, 4];
  const v = randomValues(24, 1, -4, 4);
  it.each([0, 1, 2, -1])('along dim %i match the textbook formulas (float64)', (dim) => {
    const d = dim < 0 ? dim + 3 : dim;
    const x = mk(v, shape, 'float64');
    expectClose(read(softmax(x, dim)), alongDim(v, shape, d, naiveSoftmax), 1e-14, 1e-16);
    expectClose(read(logSoftmax(x, dim)), alongDim(v, shape, d, naiveLogSoftmax), 1e-13, 1e-15);
    expect(softmax(x, dim).shape).toEqual(shape);
  });

  it('float32 is computed in double and rounded once', () => {
    const x = mk(v, shape);
    const xs = read(x);
    const r = softmax(x, -1);
    expect(r.dtype).toBe('float32');
    expectClose(read(r), alongDim(xs, shape, 2, naiveSoftmax).map(Math.fround), 1.2e-7);
    expectClose(read(x.logSoftmax(-1)), alongDim(xs, shape, 2, naiveLogSoftmax).map(Math.fround), 1.2e-7, 1e-7);
  });

  it('rows of a transposed view', () => {
    const t = transposed(v.slice(0, 12), 3, 4, 'float64');
    const tv = read(t);
    expectClose(read(softmax(t, 1)), alongDim(tv, [3, 4], 1, naiveSoftmax), 1e-14, 1e-16);
    expectClose(read(logSoftmax(t, 0)), alongDim(tv, [3, 4], 0, naiveLogSoftmax), 1e-13, 1e-15);
  });

  it('is stable for huge logits: softmax(x + c) = softmax(x)', () => {
    const line = randomValues(5, 2, -1, 1);
    for (const c of [1e4, -1e4]) {
      const x = mk(line.map((t) => t + c), [5], 'float64');
      expectClose(read(softmax(x, 0)), naiveSoftmax(line), 1e-10);
      expectClose(read(logSoftmax(x, 0)), naiveLogSoftmax(line), 1e-9);
    }
  });

  it('-inf entries give 0 / -inf; a row of all -inf gives NaN (as PyTorch); +inf gives NaN', () => {
    const x = mk([-INF, 0, 1, -INF, -INF, -INF, INF, 0, 0], [3, 3], 'float64');
    const s = read(softmax(x, 1));
    const ls = read(logSoftmax(x, 1));
    const finite = naiveSoftmax([0, 1]);
    expectClose(s.slice(0, 3), [0, ...finite], 1e-15);
    expectClose(ls.slice(0, 3), [-INF, ...naiveLogSoftmax([0, 1])], 1e-15);
    expectEqual(s.slice(3), [NAN, NAN, NAN, NAN, NAN, NAN]);
    expectEqual(ls.slice(3), [NAN, NAN, NAN, NAN, NAN, NAN]);
  });

  it('a middle dim of a wider tensor (lines processed side by side), with -inf lines', () => {
    const shape = [2, 5, 16];
    const w = randomValues(160, 3, -6, 6);
    // line (0, :, 3) all -inf, line (1, :, 7) partly -inf
    for (let r = 0; r < 5; r++) {
      w[ravel([0, r, 3], shape)] = -INF;
      if (r % 2 === 0) w[ravel([1, r, 7], shape)] = -INF;
    }
    const x = mk(w, shape, 'float64');
    const guard = (f: (l: number[]) => number[]) => (l: number[]) => (l.every((t) => t === -INF) ? l.map(() => NAN) : f(l));
    expectClose(read(softmax(x, 1)), alongDim(w, shape, 1, guard(naiveSoftmax)), 1e-14, 1e-16);
    expectClose(read(logSoftmax(x, 1)), alongDim(w, shape, 1, guard(naiveLogSoftmax)), 1e-13, 1e-15);
    const x32 = mk(w, shape);
    expectClose(read(softmax(x32, 0)), alongDim(read(x32), shape, 0, guard(naiveSoftmax)).map(Math.fround), 1.2e-7, 1e-30);
  });

  it('0-d and empty tensors', () => {
    expectEqual(read(softmax(mk([5], [], 'float64'), 0)), [1]);
    expectEqual(read(logSoftmax(mk([5], []), -1)), [0]);
    expect(softmax(mk([], [0, 3]), 1).shape).toEqual([0, 3]);
    expect(softmax(mk([], [2, 0]), 1).shape).toEqual([2, 0]);
  });

  it('rejects integer input and bad dims', () => {
    expect(() => logSoftmax(mk([1, 2], [2], 'int64'), 0)).toThrow(DTypeError);
    expect(() => logSoftmax(mk([1, 2], [2], 'int64'), 0)).toThrow(/'input' expected a floating point tensor.*got dtype int64/);
    expect(() => softmax(mk([1, 0], [2], 'bool'), 0)).toThrow(DTypeError);
    expect(() => softmax(mk([1, 2], [2]), 1)).toThrow(IndexError);
  });

  it('dtype casts the input first (integer inputs too) and must be a floating dtype', () => {
    const v = [1, -2, 3, 0.5, 2, -1];
    const x32 = mk(v, [2, 3], 'float32');
    const y = softmax(x32, 1, 'float64');
    expect(y.dtype).toBe('float64');
    // the cast is exact for float32 values, so the result is the float64 softmax of the same values
    expectClose(read(y), alongDim(read(x32), [2, 3], 1, naiveSoftmax), 1e-14, 1e-16);
    const li = logSoftmax(mk([1, 2, 3, 4], [2, 2], 'int64'), 0, 'float32');
    expect(li.dtype).toBe('float32');
    expectClose(read(li), alongDim([1, 2, 3, 4], [2, 2], 0, naiveLogSoftmax), 1e-6, 1e-6);
    expect(x32.softmax(1, null).dtype).toBe('float32');
    expect(x32.logSoftmax(1, 'float64').dtype).toBe('float64');
    expect(() => softmax(x32, 1, 'int64')).toThrow(/softmax\(\): argument 'dtype' expected a floating dtype.*got int64/);
    expect(() => logSoftmax(x32, 1, 'bool')).toThrow(DTypeError);
    expect(() => softmax(x32, 1, 'float16' as never)).toThrow(/argument 'dtype' expected one of .*got 'float16'/);
    expect(() => softmax(x32, 1, { dtype: 'float64' } as never)).toThrow(DTypeError);
  });
});
