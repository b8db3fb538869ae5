import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, Tensor, ValueError, zeros } from '@torchlet/tensor-core';
import { expectClose, expectEqual, mk, onCpuBackend, randomValues, read, strided, transposed } from './compute-helpers.js';

onCpuBackend();

const NAN = Number.NaN;

/** A [3] view of column 1 of a 3 x 4 float64 matrix (stride 4, offset 1), and the full storage. */
function column(values = randomValues(12, 1, 0.5, 2)): { col: Tensor; store: number[] } {
  const col = strided(values, [3], [4], 1, 'float64');
  return { col, store: values };
}

/** Storage positions outside the column view keep their values. */
function expectOutsideUnchanged(col: Tensor, store: number[]): void {
  const data = Array.from(col.data);
  store.forEach((v, p) => {
    if (p % 4 !== 1) expect(data[p], `storage ${p}`).toBe(v);
  });
}

describe('binary in-place ops on a strided destination', () => {
  const other = randomValues(3, 2, 0.5, 2);
  const cases: Array<[string, (t: Tensor, o: Tensor) => void, (x: number, y: number) => number]> = [
    ['add_', (t, o) => t.add_(o), (x, y) => x + y],
    ['add_ alpha', (t, o) => t.add_(o, { alpha: -2 }), (x, y) => x - 2 * y],
    ['sub_', (t, o) => t.sub_(o), (x, y) => x - y],
    ['sub_ alpha', (t, o) => t.sub_(o, { alpha: 0.5 }), (x, y) => x - 0.5 * y],
    ['mul_', (t, o) => t.mul_(o), (x, y) => x * y],
    ['div_', (t, o) => t.div_(o), (x, y) => x / y],
    ['pow_', (t, o) => t.pow_(o), (x, y) => Math.pow(x, y)],
    ['maximum_', (t, o) => t.maximum_(o), Math.max],
  ];
  it.each(cases)('%s writes only the viewed elements', (_, f, ref) => {
    const { col, store } = column();
    const before = read(col);
    f(col, mk(other, [3], 'float64'));
    expectClose(read(col), before.map((x, i) => ref(x, other[i])), 1e-15);
    expectOutsideUnchanged(col, store);
  });

  it('scalars, 0-d tensors and broadcast operands', () => {
    const { col, store } = column();
    const before = read(col);
    col.mul_(3).add_(mk([0.25], [], 'float64')).sub_(mk([1], [1], 'float64'));
    expectClose(read(col), before.map((x) => x * 3 + 0.25 - 1), 1e-15);
    expectOutsideUnchanged(col, store);
  });

  it('a transposed destination with a broadcast row', () => {
    const vals = randomValues(6, 3);
    const t = transposed(vals, 2, 3, 'float64');
    const row = randomValues(3, 4);
    const before = read(t);
    t.add_(mk(row, [3], 'float64'));
    expectEqual(read(t), before.map((x, k) => x + row[k % 3]));
  });

  it('a large transposed destination (tiled path), and copy_ from a transposed source', () => {
    const n = 80;
    const vals = randomValues(n * n, 16);
    const other = randomValues(n * n, 17);
    const t = transposed(vals, n, n, 'float64');
    const before = read(t);
    t.mul_(mk(other, [n, n], 'float64'));
    expectEqual(read(t), before.map((v, k) => v * other[k]));
    const dest = mk(new Array(n * n).fill(0), [n, n], 'int64');
    dest.copy_(transposed(other.map((v) => v * 10), n, n, 'float32'));
    expectEqual(read(dest), read(transposed(other.map((v) => v * 10), n, n, 'float32')).map(Math.trunc));
  });

  it('float32 destination: a float64 operand is computed in double, rounded once to float32', () => {
    const x = mk(randomValues(4, 5), [4]);
    const y = randomValues(4, 6);
    const before = read(x);
    x.mul_(mk(y, [4], 'float64'));
    expect(x.dtype).toBe('float32');
    expectEqual(read(x), before.map((v, i) => Math.fround(v * y[i])));
  });

  it('an operand that shares storage with self is read before it is overwritten', () => {
    const vals = randomValues(9, 7);
    const x = mk(vals, [3, 3], 'float64');
    const xt = new Tensor(x.data, [3, 3], 'float64', [1, 3], 0);
    x.add_(xt);
    expectEqual(read(x), vals.map((v, k) => v + vals[(k % 3) * 3 + Math.floor(k / 3)]));
    // a broadcast row of self itself
    const y = mk(vals, [3, 3], 'float64');
    y.mul_(new Tensor(y.data, [3], 'float64', [1], 0));
    expectEqual(read(y), vals.map((v, k) => v * vals[k % 3]));
  });
});

describe('in-place errors', () => {
  it('the operand must broadcast to self, not grow it', () => {
    const x = mk([0, 0, 0], [3]);
    expect(() => x.add_(mk(randomValues(6, 1), [2, 3]))).toThrow(ShapeError);
    expect(() => x.add_(mk(randomValues(6, 1), [2, 3]))).toThrow(/'other' expected a shape that broadcasts to self's shape \[3\], got \[2, 3\]/);
    expect(() => x.copy_(mk([1, 2], [2]))).toThrow(ShapeError);
  });

  it('a float result cannot be cast to an integer self, nor a number to bool', () => {
    const i = mk([1, 2, 3], [3], 'int64');
    expect(() => i.add_(2.5)).toThrow(DTypeError);
    expect(() => i.add_(2.5)).toThrow(/result type Float can't be cast to the desired output type Long/);
    expect(() => i.div_(2)).toThrow(/can't be cast/);
    expect(() => i.mul_(mk([1.5], [1]))).toThrow(DTypeError);
    expect(() => i.sqrt_()).toThrow(DTypeError);
    expect(() => i.exp_()).toThrow(DTypeError);
    expect(() => i.clamp_(0.5)).toThrow(DTypeError);
    expect(() => i.pow_(0.5)).toThrow(DTypeError);
    expect(() => mk([1, 0], [2], 'bool').add_(mk([1, 2], [2], 'int64'))).toThrow(/type Long can't be cast to the desired output type Bool/);
    expectEqual(read(i), [1, 2, 3]); // unchanged by the failed calls
  });

  it('integer self with integer operands stays integral (int32 wraps)', () => {
    const i = mk([1, 2, 3], [3], 'int32');
    i.add_(mk([10, 20, 30], [3], 'int64')).mul_(3);
    expect(i.dtype).toBe('int32');
    expectEqual(read(i), [1, 2, 3].map((v, k) => (v + [10, 20, 30][k]) * 3));
  });

  it('an expanded self (internal overlap) raises', () => {
    const e = strided([0], [3], [0], 0);
    expect(() => e.add_(1)).toThrow(ValueError);
    expect(() => e.add_(1)).toThrow(/single memory location/);
    e.fill_(2); // fill_ is allowed, as in PyTorch
    expectEqual(read(e), [2, 2, 2]);
  });

  it('bool rules and alpha rules', () => {
    expect(() => mk([1], [1], 'bool').neg_()).toThrow(/Negation/);
    expect(() => mk([1], [1], 'bool').sub_(mk([1], [1], 'bool'))).toThrow(/bool/);
    expect(() => mk([1], [1], 'int64').add_(mk([1], [1], 'int64'), { alpha: 0.5 })).toThrow(/alpha/);
    expect(() => mk([1], [1], 'int64').pow_(-1)).toThrow(ValueError);
  });
});

describe('addcmul_ / addcdiv_ / lerp_', () => {
  const t1 = randomValues(3, 8, 0.5, 2);
  const t2 = randomValues(3, 9, 0.5, 2);
  it('addcmul_: self + value * t1 * t2 on a strided self', () => {
    const { col, store } = column();
    const before = read(col);
    col.addcmul_(mk(t1, [3], 'float64'), mk(t2, [3], 'float64'), 0.5);
    expectClose(read(col), before.map((x, i) => x + 0.5 * t1[i] * t2[i]), 1e-15);
    expectOutsideUnchanged(col, store);
  });

  it('addcdiv_: self + value * t1 / t2, broadcasting t2', () => {
    const x = mk(randomValues(6, 10), [2, 3], 'float64');
    const before = read(x);
    x.addcdiv_(mk(randomValues(6, 11), [2, 3], 'float64'), mk(t2, [3], 'float64'), -2);
    const a = randomValues(6, 11);
    expectClose(read(x), before.map((v, k) => v + (-2 * a[k]) / t2[k % 3]), 1e-15);
  });

  it('addcdiv_ with two integer tensors raises; addcmul_ truncates a fractional value for integer self (PyTorch 1.13)', () => {
    const f = mk([1, 2], [2]);
    expect(() => f.addcdiv_(mk([1, 2], [2], 'int64'), mk([1, 2], [2], 'int64'))).toThrow(/Integer division/);
    const i = mk([1, 2, 3], [3], 'int64');
    i.addcmul_(mk([1, 2, 3], [3], 'int64'), mk([1, 2, 3], [3], 'int64'), 2.5);
    expectEqual(read(i), [1, 2, 3].map((v) => v + Math.trunc(2.5) * v * v));
    expect(() => i.addcmul_(mk([1, 2, 3], [3]), mk([1, 2, 3], [3]))).toThrow(/can't be cast/);
  });

  it("lerp_ follows PyTorch's two-branch formula with scalar and tensor weights", () => {
    const end = randomValues(3, 12, -3, 3);
    const lerp = (s: number, e: number, w: number) => (Math.abs(w) < 0.5 ? s + w * (e - s) : e - (e - s) * (1 - w));
    for (const w of [0, 0.25, 0.5, 0.9, 1]) {
      const { col, store } = column();
      const before = read(col);
      col.lerp_(mk(end, [3], 'float64'), w);
      expectEqual(read(col), before.map((s, i) => lerp(s, end[i], w)));
      expectOutsideUnchanged(col, store);
    }
    const weights = [0.1, 0.6, 1.5];
    const x = mk(randomValues(3, 13), [3], 'float64');
    const before = read(x);
    x.lerp_(mk(end, [3], 'float64'), mk(weights, [3], 'float64'));
    expectEqual(read(x), before.map((s, i) => lerp(s, end[i], weights[i])));
    // weight 1 gives end exactly
    const y = mk(randomValues(3, 14), [3]);
    y.lerp_(mk(end, [3]), 1);
    expectEqual(read(y), end.map(Math.fround));
  });

  it('lerp_ requires float self and matching dtypes', () => {
    expect(() => mk([1], [1], 'int64').lerp_(mk([1], [1], 'int64'), 0.5)).toThrow(DTypeError);
    expect(() => mk([1], [1]).lerp_(mk([1], [1], 'float64'), 0.5)).toThrow(/'end' expected dtype float32/);
    expect(() => mk([1], [1]).lerp_(mk([1], [1]), mk([1], [1], 'float64'))).toThrow(/'weight'/);
  });
});

describe('unary in-place ops, fill_, copy_, maskedFill_', () => {
  it('neg_, sqrt_, exp_, clamp_ on a strided self', () => {
    const ops: Array<[(t: Tensor) => void, (x: number) => number]> = [
      [(t) => t.neg_(), (x) => -x],
      [(t) => t.sqrt_(), Math.sqrt],
      [(t) => t.exp_(), Math.exp],
      [(t) => t.clamp_(0.8, 1.5), (x) => Math.min(Math.max(x, 0.8), 1.5)],
      [(t) => t.clamp_(undefined, 1), (x) => Math.min(x, 1)],
    ];
    for (const [f, ref] of ops) {
      const { col, store } = column();
      const before = read(col);
      f(col);
      expectEqual(read(col), before.map(ref));
      expectOutsideUnchanged(col, store);
    }
  });

  it('clamp_ keeps NaN; integer self with integer bounds works', () => {
    const x = mk([NAN, -5, 5], [3]);
    x.clamp_(-1, 1);
    expectEqual(read(x), [NAN, -1, 1]);
    const i = mk([-5, 0, 5], [3], 'int64');
    i.clamp_(-1, 1);
    expectEqual(read(i), [-5, 0, 5].map((v) => Math.min(Math.max(v, -1), 1)));
    expect(() => mk([1], [1]).clamp_()).toThrow(ValueError);
  });

  it('fill_ and zero_ convert the value to self dtype', () => {
    const { col, store } = column();
    col.fill_(7.5);
    expectEqual(read(col), [7.5, 7.5, 7.5]);
    expectOutsideUnchanged(col, store);
    const i = mk([1, 2], [2], 'int64');
    i.fill_(2.7);
    expectEqual(read(i), [Math.trunc(2.7), Math.trunc(2.7)]);
    const b = mk([0, 0], [2], 'bool');
    b.fill_(0.1);
    expectEqual(read(b), [1, 1]);
    col.zero_();
    expectEqual(read(col), [0, 0, 0]);
    // integer tensors reject values they cannot hold (PyTorch's checked conversion)
    expect(() => i.fill_(NAN)).toThrow(ValueError);
    expect(() => mk([1], [1], 'int32').fill_(2 ** 40)).toThrow(/without overflow/);
    expect(() => mk([1], [1], 'int64').maskedFill_(mk([1], [1], 'bool'), Infinity)).toThrow(ValueError);
  });

  it('copy_ broadcasts and converts (float -> int truncates toward zero)', () => {
    const i = mk([0, 0, 0, 0, 0, 0], [2, 3], 'int64');
    const src = [1.7, -2.7, 3.2];
    i.copy_(mk(src, [3], 'float64'));
    expectEqual(read(i), [...src, ...src].map(Math.trunc));
    const { col, store } = column();
    col.copy_(mk([1, 2, 3], [3], 'int32'));
    expectEqual(read(col), [1, 2, 3]);
    expectOutsideUnchanged(col, store);
    // overlapping source: shift a row by one within the same storage
    const x = mk([1, 2, 3, 4], [4], 'float64');
    new Tensor(x.data, [3], 'float64', [1], 1).copy_(new Tensor(x.data, [3], 'float64', [1], 0));
    expectEqual(read(x), [1, 1, 2, 3]);
  });

  it('maskedFill_ with a broadcast mask; the mask cannot grow self', () => {
    const x = mk(randomValues(6, 15), [2, 3], 'float64');
    const before = read(x);
    const mask = [0, 1, 1];
    x.maskedFill_(mk(mask, [3], 'bool'), -1);
    expectEqual(read(x), before.map((v, k) => (mask[k % 3] ? -1 : v)));
    expect(() => mk([0, 0, 0], [3]).maskedFill_(mk([1, 1, 1, 1, 1, 1], [2, 3], 'bool'), 1)).toThrow(ShapeError);
    expect(() => mk([0], [1]).maskedFill_(mk([1], [1], 'int64'), 1)).toThrow(DTypeError);
    const i = mk([1, 2], [2], 'int64');
    i.maskedFill_(mk([1, 0], [2], 'bool'), 2.5);
    expectEqual(read(i), [Math.trunc(2.5), 2]);
  });
});

describe('in-place ops on empty tensors', () => {
  it('write nothing and do not mistake a size-0 view with a stride-0 dim for overlapping memory', () => {
    const x = zeros([3, 0]);
    expect(x.add_(1).shape).toEqual([3, 0]);
    expect(x.mul_(2).fill_(5).numel()).toBe(0);
    // a broadcast view (stride 0 over a dim of 3) still refuses a write
    expect(() => zeros([1, 2]).expand(3, 2).add_(1)).toThrow(/distinct memory/);
  });
});
