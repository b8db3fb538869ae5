import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ShapeError,
  ValueError,
  arange,
  empty,
  emptyLike,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  scalarTensor,
  tensor,
  zeros,
  zerosLike,
} from '@torchlet/tensor-core';

describe('tensor()', () => {
  it('infers dtype like torch.tensor: bool, int64, float32', () => {
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor([1, 2, 3]).dtype).toBe('int64');
    expect(tensor([1, 2.5]).dtype).toBe('float32');
    expect(tensor([true, 2]).dtype).toBe('int64');
    expect(tensor([Number.NaN]).dtype).toBe('float32');
    expect(tensor(3).dtype).toBe('int64');
    expect(tensor(true).dtype).toBe('bool');
  });

  it('reads nested arrays in row-major order with the nesting as shape', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.shape).toEqual([2, 3]);
    expect(Array.from(x.toTypedArray())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(x.tolist()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('makes 0-d tensors from numbers and empty tensors from empty lists', () => {
    const s = tensor(2.5);
    expect(s.shape).toEqual([]);
    expect(s.item()).toBe(2.5);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([]).dtype).toBe('float32');
    expect(tensor([[]]).shape).toEqual([1, 0]);
  });

  it('keeps the natural dtype of typed arrays and copies them', () => {
    const f64 = new Float64Array([1, 2]);
    const x = tensor(f64);
    expect(x.dtype).toBe('float64');
    f64[0] = 99;
    expect(x.toTypedArray()[0]).toBe(1);
    expect(tensor(new Float32Array(2)).dtype).toBe('float32');
    expect(tensor(new Int32Array(2)).dtype).toBe('int32');
    const b = tensor(new Uint8Array([0, 3]));
    expect(b.dtype).toBe('bool');
    expect(b.tolist()).toEqual([false, true]);
  });

  it('lays out flat data with `shape` and converts with `dtype`', () => {
    const x = tensor([1.7, -1.7, 2, 3, 4, 5], { shape: [2, 3], dtype: 'int64' });
    expect(x.shape).toEqual([2, 3]);
    expect(x.tolist()).toEqual([
      [1, -1, 2],
      [3, 4, 5],
    ]);
    expect(tensor(new Float32Array(6), { shape: [3, 2] }).shape).toEqual([3, 2]);
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(ShapeError);
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(/4 elements/);
  });

  it('rounds float32 data to float32', () => {
    expect(tensor([0.1]).toTypedArray()[0]).toBe(Math.fround(0.1));
  });

  it('rejects ragged nested arrays, naming the expected and actual lengths', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([[1, 2], [3]])).toThrow(/expected length 2 .*got 1/);
    expect(() => tensor([[1, 2], 3] as never)).toThrow(/ragged/);
    expect(() => tensor([1, [2]] as never)).toThrow(/ragged/);
  });

  it('scalarTensor makes a 0-d tensor, float32 unless told', () => {
    expect(scalarTensor(2).dtype).toBe('float32');
    expect(scalarTensor(2, 'int64').shape).toEqual([]);
  });
});

describe('filled factories', () => {
  it('zeros / ones / empty: float32 by default, shape from a list or a number', () => {
    expect(Array.from(zeros([2, 2]).toTypedArray())).toEqual([0, 0, 0, 0]);
    expect(Array.from(ones(3).toTypedArray())).toEqual([1, 1, 1]);
    expect(ones(3).dtype).toBe('float32');
    expect(ones([2], { dtype: 'int32' }).dtype).toBe('int32');
    expect(Array.from(empty([2, 3]).toTypedArray())).toEqual([0, 0, 0, 0, 0, 0]);
    expect(zeros([]).shape).toEqual([]);
    expect(() => zeros([2, -1])).toThrow(ShapeError);
  });

  it('full infers dtype like torch.full', () => {
    expect(full([2], 7).dtype).toBe('int64');
    expect(full([2], 2.5).dtype).toBe('float32');
    expect(full([2], true).dtype).toBe('bool');
    expect(full([2], 7, { dtype: 'float64' }).dtype).toBe('float64');
    expect(Array.from(full([3], 2.5).toTypedArray())).toEqual([2.5, 2.5, 2.5]);
  });

  it('*Like take shape and dtype from the template unless overridden', () => {
    const t = zeros([2, 3], { dtype: 'float64' });
    for (const x of [zerosLike(t), onesLike(t), fullLike(t, 3), emptyLike(t)]) {
      expect(x.shape).toEqual([2, 3]);
      expect(x.dtype).toBe('float64');
    }
    expect(onesLike(t, { dtype: 'int32' }).dtype).toBe('int32');
    expect(fullLike(t, 3).toTypedArray()[5]).toBe(3);
  });

  it('eye puts ones on the diagonal of an n x m matrix', () => {
    const x = eye(2, 3);
    expect(x.shape).toEqual([2, 3]);
    expect(x.tolist()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(eye(3).shape).toEqual([3, 3]);
  });
});

describe('arange', () => {
  it('arange(end) and arange(start, end, step) are int64 for integer arguments', () => {
    expect(arange(4).tolist()).toEqual([0, 1, 2, 3]);
    expect(arange(4).dtype).toBe('int64');
    expect(arange(1, 10, 3).tolist()).toEqual([1, 4, 7]);
    expect(arange(5, 0, -2).tolist()).toEqual([5, 3, 1]);
    expect(arange(0, 1, 0.25).dtype).toBe('float32');
    expect(arange(0, 1, 0.25).tolist()).toEqual([0, 0.25, 0.5, 0.75]);
  });

  it('has length ceil((end - start) / step)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 7 }),
        (start, span, step) => {
          const x = arange(start, start + span, step);
          expect(x.numel()).toBe(Math.ceil(span / step));
          const values = x.tolist() as number[];
          values.forEach((v, i) => expect(v).toBe(start + i * step));
        },
      ),
    );
  });

  it('integer dtypes truncate start, end and step first (torch casts them to the output type)', () => {
    // int64: (0, 5, 1) after truncation -> 5 values; other integer dtypes size from the raw arguments
    expect(arange(0.5, 5.7, 1.5, { dtype: 'int64' }).tolist()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(0.5, 5.7, 1.5, { dtype: 'int32' }).tolist()).toEqual([0, 1, 2, 3]);
    expect(() => arange(0, 5, 0.5, { dtype: 'int64' })).toThrow(/nonzero/);
  });

  it('rejects a zero step and a step of the wrong sign', () => {
    expect(() => arange(0, 5, 0)).toThrow(ValueError);
    expect(() => arange(0, 5, -1)).toThrow(/inconsistent with step sign/);
  });
});

describe('linspace', () => {
  it('starts at start, ends at end, with `steps` points', () => {
    for (const [a, b, n] of [
      [0, 1, 5],
      [-1.3, 7.9, 37],
      [2, -3, 10],
    ] as const) {
      for (const dtype of ['float32', 'float64'] as const) {
        const v = linspace(a, b, n, { dtype }).toTypedArray();
        const r = dtype === 'float32' ? Math.fround : (x: number) => x;
        expect(v.length).toBe(n);
        expect(v[0]).toBe(r(a));
        expect(v[n - 1]).toBe(r(b));
        for (let i = 1; i < n; i++) expect(Math.sign(v[i] - v[i - 1])).toBe(Math.sign(b - a));
      }
    }
  });

  it('is exact where the grid is dyadic, and handles 0 and 1 steps', () => {
    expect(linspace(0, 1, 5).tolist()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(3, 9, 1).tolist()).toEqual([3]);
    expect(linspace(3, 9, 0).shape).toEqual([0]);
    expect(linspace(0, 10, 6, { dtype: 'int64' }).tolist()).toEqual([0, 2, 4, 6, 8, 10]);
    expect(() => linspace(0, 1, -1)).toThrow(ValueError);
  });

  it('stays within one float64 ulp-scale of start + i * (end - start) / (steps - 1)', () => {
    const n = 101;
    const v = linspace(-2.7, 11.3, n, { dtype: 'float64' }).toTypedArray();
    const step = (11.3 - -2.7) / (n - 1);
    for (let i = 0; i < n; i++) expect(Math.abs(v[i] - (-2.7 + i * step))).toBeLessThan(1e-13);
  });
});
