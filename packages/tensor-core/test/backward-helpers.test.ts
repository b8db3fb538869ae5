// Fused helpers for backward rules (./internal): arguments checked like public ops.
import { describe, expect, it } from 'vitest';
import { ShapeError, tensor } from '@torchlet/tensor-core';
import { thresholdBackward } from '../src/internal.js';

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
