import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IndexError, ShapeError, ValueError, arange, tensor, zeros, type Tensor } from '@torchlet/tensor-core';

/** x[i][j]... by walking shape/strides directly (independent of the code under test). */
function at(x: Tensor, ...idx: number[]): number {
  let p = x.offset;
  idx.forEach((i, d) => (p += i * x.strides[d]));
  return x.data[p];
}

const grid = () => arange(24).reshape(2, 3, 4); // value = 12 i + 4 j + k

describe('metadata', () => {
  it('size(d) with negative dims, errors on 0-d tensors and out-of-range dims', () => {
    const x = zeros([2, 3]);
    expect(x.size(-1)).toBe(3);
    expect(x.size()).toEqual([2, 3]);
    expect(() => x.size(2)).toThrow(IndexError);
    expect(() => tensor(1).size(0)).toThrow(IndexError);
  });

  it('isContiguous ignores size-1 dims; contiguous() returns this when contiguous, else a copy', () => {
    const x = grid();
    expect(x.isContiguous()).toBe(true);
    expect(x.contiguous()).toBe(x);
    const t = x.transpose(1, 2);
    expect(t.isContiguous()).toBe(false);
    const c = t.contiguous();
    expect(c.isContiguous()).toBe(true);
    expect(c.data).not.toBe(x.data);
    expect(c.tolist()).toEqual(t.tolist());
    expect(zeros([3, 1]).transpose(0, 1).isContiguous()).toBe(true);
  });
});

describe('view / reshape', () => {
  it('view shares storage and infers -1', () => {
    const x = grid();
    const v = x.view(4, -1);
    expect(v.shape).toEqual([4, 6]);
    expect(v.data).toBe(x.data);
    (x.data as Float64Array)[5] = 100;
    expect(at(v, 0, 5)).toBe(100);
    expect(x.view([-1]).shape).toEqual([24]);
  });

  it('view errors name the shape and the size, like torch', () => {
    expect(() => grid().view(5, -1)).toThrow(ShapeError);
    expect(() => grid().view(5, -1)).toThrow("shape '[5, -1]' is invalid for input of size 24");
    expect(() => grid().view(5, 5)).toThrow(/size 24/);
    expect(() => grid().view(-1, -1)).toThrow(/at most one -1/);
  });

  it('view refuses layouts that need a copy, and points to reshape', () => {
    const t = grid().transpose(0, 2); // [4, 3, 2]
    expect(() => t.view(-1)).toThrow(/reshape/);
    expect(t.view(4, 3, 2, 1).shape).toEqual([4, 3, 2, 1]);
    expect(grid().transpose(1, 2).view(2, 4, 3).shape).toEqual([2, 4, 3]);
    // merging the two trailing dims of a dim-0 slice keeps a view
    const x = grid();
    const s = x.narrow(0, 1, 1).view(3, 4);
    expect(s.data).toBe(x.data);
    expect(at(s, 0, 0)).toBe(12);
    // a column slice cannot merge its rows
    expect(() => x.narrow(2, 0, 2).view(12)).toThrow(ShapeError);
  });

  it('reshape is a view when possible and a copy otherwise, with the same elements', () => {
    const x = grid();
    expect(x.reshape(6, 4).data).toBe(x.data);
    const t = x.transpose(0, 2);
    const r = t.reshape(-1);
    expect(r.data).not.toBe(x.data);
    const expected: number[] = [];
    for (let k = 0; k < 4; k++) for (let j = 0; j < 3; j++) for (let i = 0; i < 2; i++) expected.push(12 * i + 4 * j + k);
    expect(r.tolist()).toEqual(expected);
  });

  it('reshape round-trips and preserves numel (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), (shape) => {
        const n = shape.reduce((a, b) => a * b, 1);
        const x = arange(n).reshape(shape);
        expect(x.numel()).toBe(n);
        const back = x.reshape(-1);
        expect(back.tolist()).toEqual(Array.from({ length: n }, (_, i) => i));
        const flipped = x.permute([...shape.keys()].reverse());
        expect(flipped.reshape(shape.slice().reverse()).numel()).toBe(n);
      }),
    );
  });
});

describe('transpose / t / permute', () => {
  it('transpose swaps shape and strides and shares storage', () => {
    const x = grid();
    const t = x.transpose(0, -1);
    expect(t.shape).toEqual([4, 3, 2]);
    expect(t.data).toBe(x.data);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) expect(at(t, k, j, i)).toBe(12 * i + 4 * j + k);
  });

  it('t() transposes <= 2-D tensors only', () => {
    expect(arange(6).reshape(2, 3).t().tolist()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(arange(3).t().shape).toEqual([3]);
    expect(() => grid().t()).toThrow(/<= 2 dimensions/);
  });

  it('permute reorders dims; T reverses them; bad orders throw', () => {
    const x = grid();
    const p = x.permute(2, 0, 1);
    expect(p.shape).toEqual([4, 2, 3]);
    expect(at(p, 3, 1, 2)).toBe(12 + 8 + 3);
    expect(x.T.shape).toEqual([4, 3, 2]);
    expect(() => x.permute(0, 1)).toThrow(ShapeError);
    expect(() => x.permute(0, 1, 1)).toThrow(ValueError);
  });
});

describe('expand', () => {
  it('uses stride 0, keeps -1 dims, adds leading dims', () => {
    const x = tensor([[1], [2]]);
    const e = x.expand(3, 2, 4);
    expect(e.shape).toEqual([3, 2, 4]);
    expect(e.strides[0]).toBe(0);
    expect(e.strides[2]).toBe(0);
    expect(e.data).toBe(x.data);
    expect(at(e, 2, 1, 3)).toBe(2);
    expect(x.expand(-1, 5).shape).toEqual([2, 5]);
    expect(x.expandAs(zeros([2, 2])).shape).toEqual([2, 2]);
  });

  it('errors name both shapes', () => {
    const x = zeros([2, 3]);
    expect(() => x.expand(2, 4)).toThrow(ShapeError);
    expect(() => x.expand(2, 4)).toThrow(/\(4\) must match the existing size \(3\).*\[2, 4\].*\[2, 3\]/);
    expect(() => x.expand(3)).toThrow(/greater or equal/);
    expect(() => x.expand(-1, 2, 3)).toThrow(/leading, non-existing dimension/);
  });
});

describe('squeeze / unsqueeze / flatten / unflatten', () => {
  it('squeeze removes all, one, or listed size-1 dims', () => {
    const x = zeros([1, 2, 1, 3]);
    expect(x.squeeze().shape).toEqual([2, 3]);
    expect(x.squeeze(2).shape).toEqual([1, 2, 3]);
    expect(x.squeeze(1).shape).toEqual([1, 2, 1, 3]);
    expect(x.squeeze([0, 2]).shape).toEqual([2, 3]);
    expect(x.squeeze(-2).shape).toEqual([1, 2, 3]);
    expect(tensor(1).squeeze().shape).toEqual([]);
    expect(() => x.squeeze(4)).toThrow(IndexError);
  });

  it('unsqueeze inserts a size-1 dim in [-ndim-1, ndim]', () => {
    const x = zeros([2, 3]);
    expect(x.unsqueeze(0).shape).toEqual([1, 2, 3]);
    expect(x.unsqueeze(-1).shape).toEqual([2, 3, 1]);
    expect(x.unsqueeze(1).shape).toEqual([2, 1, 3]);
    expect(tensor(1).unsqueeze(0).shape).toEqual([1]);
    expect(() => x.unsqueeze(3)).toThrow(IndexError);
    expect(x.unsqueeze(1).isContiguous()).toBe(true);
  });

  it('flatten merges a dim range; unflatten splits it back', () => {
    const x = grid();
    expect(x.flatten().shape).toEqual([24]);
    expect(x.flatten(1).shape).toEqual([2, 12]);
    expect(x.flatten(0, 1).shape).toEqual([6, 4]);
    expect(tensor(5).flatten().shape).toEqual([1]);
    expect(x.flatten(1).unflatten(1, [3, -1]).tolist()).toEqual(x.tolist());
    expect(() => x.flatten(2, 1)).toThrow(ValueError);
    expect(() => x.unflatten(2, [3, 2])).toThrow(/don't multiply up to the size of dim 2 \(4\)/);
  });
});

describe('narrow / select / slice', () => {
  it('narrow and select are views at the right offset', () => {
    const x = grid();
    const n = x.narrow(2, 1, 2);
    expect(n.shape).toEqual([2, 3, 2]);
    expect(at(n, 1, 2, 1)).toBe(12 + 8 + 2);
    expect(n.data).toBe(x.data);
    expect(x.narrow(1, -1, 1).shape).toEqual([2, 1, 4]);
    expect(() => x.narrow(2, 3, 2)).toThrow(/exceeds dimension size \(4\)/);
    const s = x.select(1, -1);
    expect(s.shape).toEqual([2, 4]);
    expect(at(s, 1, 3)).toBe(12 + 8 + 3);
    expect(() => x.select(1, 3)).toThrow(IndexError);
    expect(() => x.select(1, 3)).toThrow(/index 3 out of range/);
  });

  it('slice follows Python slicing, including clamping and steps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.option(fc.integer({ min: -15, max: 15 }), { nil: undefined }),
        fc.option(fc.integer({ min: -15, max: 15 }), { nil: undefined }),
        fc.integer({ min: 1, max: 4 }),
        (n, start, end, step) => {
          const values = Array.from({ length: n }, (_, i) => i);
          // Python semantics: normalise negatives, clamp to [0, n], then take every step-th
          const norm = (v: number | undefined, dflt: number) =>
            v === undefined ? dflt : Math.min(Math.max(v < 0 ? v + n : v, 0), n);
          const expected = values.slice(norm(start, 0), norm(end, n)).filter((_, i) => i % step === 0);
          const got = arange(n).slice(0, start, end, step);
          expect(got.tolist()).toEqual(expected);
        },
      ),
    );
  });

  it('slice shares storage and rejects non-positive steps', () => {
    const x = grid();
    const s = x.slice(2, 1, undefined, 2);
    expect(s.shape).toEqual([2, 3, 2]);
    expect(at(s, 0, 0, 1)).toBe(3);
    expect(s.data).toBe(x.data);
    expect(() => x.slice(0, 0, 2, 0)).toThrow(ValueError);
    expect(() => x.slice(0, 0, 2, -1)).toThrow(/positive/);
  });

  it('views of views compose (slice of a transpose)', () => {
    const x = arange(12).reshape(3, 4);
    const v = x.t().slice(0, 1, 3).select(1, 2); // column 2 of rows 1..2 of x^T = x[2, 1:3]
    expect(v.tolist()).toEqual([9, 10]);
  });
});
