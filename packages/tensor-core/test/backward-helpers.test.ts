// Fused helpers for other packages (./internal): arguments checked like public ops.
import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, tensor } from '@torchlet/tensor-core';
import { addmmRow, thresholdBackward } from '../src/internal.js';

describe('thresholdBackward', () => {
  it('passes grad where self > threshold (NaN included) and gives 0 elsewhere, in grad\'s dtype', () => {
    const self = tensor([-1, 0, 0.5, NaN, 2], { dtype: 'float64' });
    const grad = tensor([10, 20, 30, 40, 50], { dtype: 'float64' });
    const out = thresholdBackward(grad, self, 0.25);
    expect(out.dtype).toBe('float64');
    expect(out.tolist()).toEqual([0, 0, 30, 40, 50]);
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
  const a = tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float64' });
  const b = tensor([[1, 0, 2], [0, 1, 3]], { dtype: 'float64' });
  it('is a @ b + bias on every row', () => {
    // rows of a @ b: [1, 2, 8], [3, 4, 18], [5, 6, 28]; plus [10, 20, 30]
    expect(addmmRow(a, b, tensor([10, 20, 30], { dtype: 'float64' })).tolist()).toEqual([[11, 22, 38], [13, 24, 48], [15, 26, 58]]);
  });
  it('names the argument on a bad bias, dims or dtype', () => {
    expect(() => addmmRow(a, b, tensor([1, 2], { dtype: 'float64' }))).toThrow(/addmmRow.*bias.*3 elements/);
    expect(() => addmmRow(a, b, tensor([[1, 2, 3]], { dtype: 'float64' }))).toThrow(ShapeError);
    expect(() => addmmRow(a, b, tensor([1, 2, 3], { dtype: 'float32' }))).toThrow(DTypeError);
    expect(() => addmmRow(a, a, tensor([1, 2], { dtype: 'float64' }))).toThrow(/mat2/);
    expect(() => addmmRow(a.flatten(), b, tensor([1, 2, 3], { dtype: 'float64' }))).toThrow(/mm.*input/);
  });
});

