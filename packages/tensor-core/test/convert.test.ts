import { describe, expect, it } from 'vitest';
import { ValueError, arange, tensor, zeros } from '@torchlet/tensor-core';

describe('item / tolist / toTypedArray', () => {
  it('item reads one-element tensors of any shape and rejects others', () => {
    expect(tensor(4.5).item()).toBe(4.5);
    expect(tensor([[7]]).item()).toBe(7);
    expect(arange(6).reshape(2, 3).select(1, 2).narrow(0, 1, 1).item()).toBe(5);
    expect(() => zeros([2]).item()).toThrow(ValueError);
    expect(() => zeros([2]).item()).toThrow(/one element.*2 elements/);
  });

  it('tolist nests by shape, uses booleans for bool, a bare value for 0-d', () => {
    expect(arange(6).reshape(3, 2).tolist()).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(tensor([true, false]).tolist()).toEqual([true, false]);
    expect(tensor(3).tolist()).toBe(3);
    expect(tensor(false).tolist()).toBe(false);
    expect(zeros([2, 0]).tolist()).toEqual([[], []]);
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
  });

  it('toTypedArray is a fresh row-major copy, also for strided views', () => {
    const x = arange(6).reshape(2, 3);
    const a = x.toTypedArray();
    expect(a).not.toBe(x.data);
    a[0] = 42;
    expect(x.select(0, 0).select(0, 0).item()).toBe(0);
    expect(Array.from(x.t().toTypedArray())).toEqual([0, 3, 1, 4, 2, 5]);
    expect(x.t().toTypedArray()).toBeInstanceOf(Float64Array);
  });
});

describe('to / clone', () => {
  it('to() returns the same tensor when the dtype matches', () => {
    const x = zeros([2]);
    expect(x.to('float32')).toBe(x);
  });

  it('converts like a C cast: truncation toward zero, nonzero -> true', () => {
    const x = tensor([-1.7, -0.2, 0, 0.5, 2.9]);
    // (+ 0 folds a -0 from truncating -0.2; int64 has no negative zero)
    expect((x.long().tolist() as number[]).map((v) => v + 0)).toEqual([-1, 0, 0, 0, 2]);
    expect(x.int().dtype).toBe('int32');
    expect(x.bool().tolist()).toEqual([true, true, false, true, true]);
    expect(tensor([true, false]).float().tolist()).toEqual([1, 0]);
    expect(tensor([0.1]).double().item()).toBe(Math.fround(0.1));
    expect(tensor([1, 2]).t().float().dtype).toBe('float32');
  });

  it('clone is contiguous and shares nothing', () => {
    const x = arange(6).reshape(2, 3).t();
    const c = x.clone();
    expect(c.isContiguous()).toBe(true);
    expect(c.data).not.toBe(x.data);
    expect(c.tolist()).toEqual(x.tolist());
  });
});
