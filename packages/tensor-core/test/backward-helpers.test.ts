// Fused helpers for other packages (./internal): arguments checked like public ops.
import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, tensor } from '@torchlet/tensor-core';
import { addmmRow, thresholdBackward } from '../src/internal.js';

describe('thresholdBackward', () => {
  it('passes grad where self > threshold (NaN included) and gives 0 elsewhere, in grad\'s dtype', () => {
    const selfValues = [-1, 0, 0.25, 0.5, NaN, 2, -0];
    const gradValues = selfValues.map((_, i) => 10 * (i + 1));
    const out = thresholdBackward(tensor(gradValues, { dtype: 'float64' }), tensor(selfValues, { dtype: 'float64' }), 0.25);
    expect(out.dtype).toBe('float64');
    // threshold_backward's rule, elementwise: self <= threshold ? 0 : grad (false for NaN)
    expect(out.tolist()).toEqual(selfValues.map((v, i) => (v <= 0.25 ? 0 : gradValues[i])));
  });

  it('names the argument on a bad shape or dtype', () => {
    const g = tensor([1, 2, 3], { dtype: 'float32' });
    const short = tensor([1, 2], { dtype: 'float32' });
    expect(() => thresholdBackward(g, short, 0)).toThrow(ShapeError);
    expect(() => thresholdBackward(g, short, 0)).toThrow(/thresholdBackward.*self.*\[3\].*\[2\]/);
    expect(() => thresholdBackward(tensor([1, 2, 3], { dtype: 'int64' }), g, 0)).toThrow(/thresholdBackward.*grad/);
  });
});

describe('addmmRow', () => {
  const av = [[1, 2], [3, 4], [5, 6]];
  const bv = [[1, 0, 2], [0, 1, 3]];
  const a = tensor(av, { dtype: 'float64' });
  const b = tensor(bv, { dtype: 'float64' });
  it('is a @ b + bias on every row', () => {
    const bias = [10, 20, 30];
    // a plain loop: out[i][j] = sum_p a[i][p] b[p][j] + bias[j] (small integers: exact in float64)
    const expected = av.map((row) => bias.map((c, j) => row.reduce((s, x, p) => s + x * bv[p][j], 0) + c));
    expect(addmmRow(a, b, tensor(bias, { dtype: 'float64' })).tolist()).toEqual(expected);
  });
  it('names the argument on a bad bias, dims or dtype', () => {
    expect(() => addmmRow(a, b, tensor([1, 2], { dtype: 'float64' }))).toThrow(/addmmRow.*bias.*3 elements/);
    expect(() => addmmRow(a, b, tensor([[1, 2, 3]], { dtype: 'float64' }))).toThrow(ShapeError);
    expect(() => addmmRow(a, b, tensor([1, 2, 3], { dtype: 'float32' }))).toThrow(DTypeError);
    expect(() => addmmRow(a, a, tensor([1, 2], { dtype: 'float64' }))).toThrow(/mat2/);
    expect(() => addmmRow(a.flatten(), b, tensor([1, 2, 3], { dtype: 'float64' }))).toThrow(/mm.*input/);
  });
});

