// x.index(...) / x.set(...): PyTorch's indexing, checked against plain loops over the nested values.
import { describe, expect, it } from 'vitest';
import { IndexError, ShapeError, TorchletError, ValueError, arange, sl, tensor, zeros } from '../src/index.js';

type N = number[][][];
const x = () => arange(24).reshape(2, 3, 4);
const ref = (): N => x().tolist() as N;
const range = (n: number, start = 0, step = 1) => Array.from({ length: Math.max(0, Math.ceil((n - start) / step)) }, (_, i) => start + i * step);

describe('index: basic indices give views', () => {
  it('integers, negative integers', () => {
    expect(x().index(1).tolist()).toEqual(ref()[1]);
    expect(x().index(-1, 2).tolist()).toEqual(ref()[1][2]);
    expect(x().index(0, -3, -4).item()).toBe(ref()[0][0][0]);
  });
  it('slices with steps, strings and sl()', () => {
    const r = ref();
    const want = r.map((m) => m.map((row) => range(4, 1, 2).map((k) => row[k])));
    expect(x().index(':', ':', '1::2').tolist()).toEqual(want);
    expect(x().index(sl(), sl(), sl(1, null, 2)).tolist()).toEqual(want);
    expect(x().index('...', '1:100:2').tolist()).toEqual(want);
    expect(x().index(0, '-2:').tolist()).toEqual(r[0].slice(1));
  });
  it('new axes and ellipsis', () => {
    expect(x().index(null).shape).toEqual([1, 2, 3, 4]);
    expect(x().index('...', null).shape).toEqual([2, 3, 4, 1]);
    expect(x().index(0, null, '...', 1).tolist()).toEqual([ref()[0].map((row) => row[1])]);
  });
  it('shares storage and writes through', () => {
    const t = x().to('float64');
    const v = t.index(1, '1:3');
    expect(v.data).toBe(t.data);
    v.fill_(-1);
    expect((t.tolist() as N)[1][2]).toEqual([-1, -1, -1, -1]);
  });
});

describe('index: advanced indices give copies', () => {
  it('an integer array, a tensor, broadcasting and placement', () => {
    const r = ref();
    expect(x().index([1, 0, -1]).tolist()).toEqual([r[1], r[0], r[1]]);
    const i = tensor([[0, 1], [1, 0]], { dtype: 'int64' });
    const j = tensor([2, 3], { dtype: 'int64' });
    // adjacent advanced dims stay in place: x[:, i, j] has shape [2, 2, 2]
    const adj = x().index(':', i, j);
    expect(adj.shape).toEqual([2, 2, 2]);
    expect(adj.tolist()).toEqual(r.map((m) => [[m[0][2], m[1][3]], [m[1][2], m[0][3]]]));
    // separated ones go first: x[i2, :, j] has shape [2, 3]
    const sep = x().index(tensor([0, 1], { dtype: 'int64' }), ':', j);
    expect(sep.shape).toEqual([2, 3]);
    expect(sep.tolist()).toEqual([r[0].map((row) => row[2]), r[1].map((row) => row[3])]);
  });
  it('boolean masks (full, partial, 0-d)', () => {
    const t = x();
    const mask = t.gt(10);
    expect(t.index(mask).tolist()).toEqual(range(24).filter((v) => v > 10));
    expect(t.index([true, false]).tolist()).toEqual([ref()[0]]);
    expect(t.index(true).shape).toEqual([1, 2, 3, 4]);
    expect(t.index(false).shape).toEqual([0, 2, 3, 4]);
  });
});

describe('set and indexPut_', () => {
  it('writes through basic and advanced indices', () => {
    const t = zeros([3, 4]);
    t.set([1], 5);
    t.set([':', '::2'], tensor([1, 2]));
    t.set([[0, 2], [3, 3]], tensor([7, 8]));
    expect(t.tolist()).toEqual([[1, 0, 2, 7], [1, 5, 2, 5], [1, 0, 2, 8]]);
    const m = zeros([2, 2]);
    m.set([m.eq(0)], 3);
    expect(m.tolist()).toEqual([[3, 3], [3, 3]]);
  });
  it('accumulates repeated positions', () => {
    const t = zeros([3]);
    t.indexPut_([tensor([0, 0, 2], { dtype: 'int64' })], tensor([1, 2, 3]), true);
    expect(t.tolist()).toEqual([3, 0, 3]);
  });
});

describe("PyTorch's errors", () => {
  it('names the index and the bound', () => {
    expect(() => x().index(5)).toThrow(/index 5 is out of bounds for dimension 0 with size 2/);
    expect(() => x().index(':', [0, 9])).toThrow(IndexError);
    expect(() => x().index(0, 0, 0, 0)).toThrow(/too many indices for tensor of dimension 3/);
    expect(() => x().index('::-1')).toThrow(ValueError);
    expect(() => x().index([true, false, true])).toThrow(/The shape of the mask \[3\] at index 0 does not match the shape of the indexed tensor \[2, 3, 4\] at index 0/);
    expect(() => x().index(tensor([0, 1]), tensor([0, 1, 2], { dtype: 'int64' }))).toThrow(IndexError);
    expect(() => x().index([0, 1], [0, 1, 2])).toThrow(/could not be broadcast together/);
    expect(() => zeros([2, 4]).set([[0, 1]], tensor([1, 2, 3]))).toThrow(ShapeError);
    expect(() => x().index('a:b')).toThrow(TorchletError);
    expect(() => x().index('...', 0, '...')).toThrow(/a single ellipsis/);
  });
});
