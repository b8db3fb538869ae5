import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ShapeError, ValueError, arange, cat, chunk, split, stack, tensor, unbind, zeros } from '@torchlet/tensor-core';

describe('cat', () => {
  it('concatenates along dim 0 and along inner dims', () => {
    const a = tensor([[1, 2]]);
    const b = tensor([
      [3, 4],
      [5, 6],
    ]);
    expect(cat([a, b]).tolist()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(cat([b, b], 1).tolist()).toEqual([
      [3, 4, 3, 4],
      [5, 6, 5, 6],
    ]);
    expect(cat([b.t(), b.t()], -1).tolist()).toEqual([
      [3, 5, 3, 5],
      [4, 6, 4, 6],
    ]);
  });

  it('promotes dtypes across inputs like torch.cat', () => {
    expect(cat([tensor([1]), tensor([2.5])]).dtype).toBe('float32');
    expect(cat([tensor([1]), tensor([2.5])]).tolist()).toEqual([1, 2.5]);
    expect(cat([tensor([true]), zeros([1], { dtype: 'int32' })]).dtype).toBe('int32');
    expect(cat([zeros([1]), zeros([1], { dtype: 'float64' })]).dtype).toBe('float64');
  });

  it('skips 1-D empty tensors like PyTorch', () => {
    const b = arange(4).reshape(2, 2);
    expect(cat([zeros([0], { dtype: 'int64' }), b]).tolist()).toEqual(b.tolist());
    expect(cat([zeros([0]), zeros([0])]).shape).toEqual([0]);
  });

  it('errors name the mismatching sizes and the tensor', () => {
    expect(() => cat([zeros([2, 3]), zeros([2, 4])])).toThrow(ShapeError);
    expect(() => cat([zeros([2, 3]), zeros([2, 4])])).toThrow(/Expected size 3 but got size 4 for tensor number 1/);
    expect(() => cat([zeros([2]), zeros([2, 1])])).toThrow(/same number of dimensions/);
    expect(() => cat([tensor(1)])).toThrow(/zero-dimensional tensor \(at position 0\)/);
    expect(() => cat([])).toThrow(ValueError);
  });
});

describe('stack', () => {
  it('joins along a new dim', () => {
    const a = tensor([1, 2]);
    const b = tensor([3, 4]);
    expect(stack([a, b]).tolist()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(stack([a, b], 1).tolist()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(stack([a, b], -1).shape).toEqual([2, 2]);
    expect(stack([tensor(1), tensor(2)]).tolist()).toEqual([1, 2]);
  });

  it('requires equal shapes', () => {
    expect(() => stack([zeros([2]), zeros([3])])).toThrow(/equal size, but got \[2\] at entry 0 and \[3\] at entry 1/);
  });
});

describe('split / chunk / unbind', () => {
  it('split by size leaves a smaller last piece; pieces are views', () => {
    const x = arange(7);
    const parts = split(x, 3);
    expect(parts.map((p) => p.tolist())).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(parts[1].data).toBe(x.data);
    expect(x.split([2, 5]).map((p) => p.numel())).toEqual([2, 5]);
    expect(() => x.split([2, 2])).toThrow(/sum exactly to 7/);
    expect(() => x.split(0)).toThrow(ValueError);
    expect(zeros([0]).split(0).length).toBe(1);
  });

  it('chunk follows torch: size ceil(n / chunks), possibly fewer chunks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), (n, chunks) => {
        const size = Math.ceil(n / chunks);
        const parts = chunk(arange(n), chunks);
        expect(parts.length).toBe(Math.ceil(n / size));
        expect(parts.length).toBeLessThanOrEqual(chunks);
        parts.slice(0, -1).forEach((p) => expect(p.numel()).toBe(size));
        expect(parts.reduce((s, p) => s + p.numel(), 0)).toBe(n);
        expect(cat(parts).tolist()).toEqual(arange(n).tolist());
      }),
    );
    expect(() => chunk(arange(3), 0)).toThrow(/greater than 0/);
  });

  it('unbind returns the slices along a dim', () => {
    const x = arange(6).reshape(2, 3);
    expect(unbind(x).map((t) => t.tolist())).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(x.unbind(1).map((t) => t.tolist())).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(stack(x.unbind(1), 1).tolist()).toEqual(x.tolist());
  });
});
