import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  ShapeError,
  Tensor,
  ValueError,
  abs,
  add,
  clamp,
  div,
  exp,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  relu,
  sign,
  softplus,
  sub,
  where,
  type DType,
} from '@torchlet/tensor-core';
import { bcastAt, expectClose, expectEqual, gappy, mk, onCpuBackend, randomInts, randomValues, read, roundTo, transposed, unravel } from './compute-helpers.js';

onCpuBackend();

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/** Reference for a broadcast binary op: loop over the output shape, map indices back by hand. */
function refBinary(a: number[], aShape: number[], b: number[], bShape: number[], outShape: number[], f: (x: number, y: number) => number): number[] {
  const n = outShape.reduce((p, q) => p * q, 1);
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const idx = unravel(k, outShape);
    out.push(f(bcastAt(a, aShape, idx), bcastAt(b, bShape, idx)));
  }
  return out;
}

describe('binary arithmetic', () => {
  const a = randomValues(24, 1, -3, 3);
  const b = randomValues(24, 2, -3, 3);

  it.each([
    ['add', add, (x: number, y: number) => x + y],
    ['sub', sub, (x: number, y: number) => x - y],
    ['mul', mul, (x: number, y: number) => x * y],
    ['div', div, (x: number, y: number) => x / y],
  ] as const)('%s on contiguous float32 matches a loop rounded once to float32', (_, op, f) => {
    const x = mk(a, [4, 6]);
    const y = mk(b, [4, 6]);
    const r = op(x, y);
    expect(r.dtype).toBe('float32');
    expect(r.shape).toEqual([4, 6]);
    const xa = read(x);
    const ya = read(y);
    expectEqual(read(r), xa.map((v, i) => Math.fround(f(v, ya[i]))));
  });

  it('float64 arithmetic is exact double arithmetic', () => {
    const x = mk(a, [24], 'float64');
    const y = mk(b, [24], 'float64');
    expectEqual(read(mul(x, y)), a.map((v, i) => v * b[i]));
    expectEqual(read(div(x, y)), a.map((v, i) => v / b[i]));
  });

  it('broadcasts [2, 1, 3] with [4, 1] to [2, 4, 3]', () => {
    const av = a.slice(0, 6);
    const bv = b.slice(0, 4);
    const r = add(mk(av, [2, 1, 3]), mk(bv, [4, 1]));
    expect(r.shape).toEqual([2, 4, 3]);
    const ref = refBinary(read(mk(av, [2, 1, 3])), [2, 1, 3], read(mk(bv, [4, 1])), [4, 1], [2, 4, 3], (x, y) => Math.fround(x + y));
    expectEqual(read(r), ref);
  });

  it('works on transposed and gapped (sliced) views', () => {
    const x = transposed(a.slice(0, 12), 3, 4);
    const y = gappy(b.slice(0, 12), [3, 4]);
    const xs = read(x);
    const ys = read(y);
    expect(ys).not.toContain(777);
    expectEqual(read(sub(x, y)), xs.map((v, i) => Math.fround(v - ys[i])));
    // broadcast a transposed [3, 4] against a gapped row [4]
    const row = gappy(b.slice(0, 4), [4]);
    const rs = read(row);
    expectEqual(read(mul(x, row)), xs.map((v, i) => Math.fround(v * rs[i % 4])));
  });

  it('large transposed operands (the tiled path) give the same values', () => {
    const [r, c] = [70, 130];
    const av = randomValues(r * c, 21, -3, 3);
    const bv = randomValues(r * c, 22, -3, 3);
    const x = transposed(av, r, c, 'float64');
    const y = mk(bv, [r, c], 'float64');
    expectEqual(read(sub(x, y, { alpha: 2 })), av.map((v, i) => v - 2 * bv[i]));
    expectEqual(read(sub(y, x)), bv.map((v, i) => v - av[i]));
    expectEqual(read(exp(x)), av.map(Math.exp));
    const x32 = transposed(av, r, c, 'int32');
    const i32 = add(x32, mk(bv, [r, c], 'int32'));
    expectEqual(read(i32), read(x32).map((v, i) => v + Math.trunc(bv[i])));
  });

  it('alpha scales the second operand: a + alpha * b, a - alpha * b', () => {
    const x = mk(a.slice(0, 5), [5], 'float64');
    const y = mk(b.slice(0, 5), [5], 'float64');
    expectClose(read(add(x, y, { alpha: 2.5 })), a.slice(0, 5).map((v, i) => v + 2.5 * b[i]), 1e-15);
    expectClose(read(sub(x, y, { alpha: -3 })), a.slice(0, 5).map((v, i) => v + 3 * b[i]), 1e-15);
    expectClose(read(add(x, 2, { alpha: 3 })), a.slice(0, 5).map((v) => v + 6), 1e-15);
    expectClose(read(sub(1, x, { alpha: 2 })), a.slice(0, 5).map((v) => 1 - 2 * v), 1e-15);
  });

  it('integral tensors reject a fractional alpha', () => {
    const i = mk([1, 2, 3], [3], 'int64');
    expect(() => add(i, i, { alpha: 0.5 })).toThrow(DTypeError);
    expect(() => add(i, i, { alpha: 0.5 })).toThrow(/alpha/);
    expectEqual(read(add(i, i, { alpha: 2 })), [1, 2, 3].map((v) => v + 2 * v));
  });

  it('rejects shapes that do not broadcast, naming both shapes', () => {
    expect(() => add(mk(a.slice(0, 6), [2, 3]), mk(b.slice(0, 4), [4]))).toThrow(ShapeError);
    expect(() => add(mk(a.slice(0, 6), [2, 3]), mk(b.slice(0, 4), [4]))).toThrow(/\[2, 3\].*\[4\]/);
  });

  it('rejects non-tensor operands and two numbers', () => {
    expect(() => add([1, 2] as unknown as Tensor, 1)).toThrow(DTypeError);
    expect(() => add(1, 2)).toThrow(/at least one Tensor/);
  });

  it('handles empty tensors', () => {
    const r = add(mk([], [0, 3]), mk([1, 2, 3], [3]));
    expect(r.shape).toEqual([0, 3]);
    expect(r.data.length).toBe(0);
    expect(mul(mk([], [2, 0]), 3).shape).toEqual([2, 0]);
  });

  it('follows IEEE for division by zero and NaN', () => {
    const x = mk([1, 0, -1, NAN], [4]);
    const r = div(x, 0);
    expectEqual(read(r), [1 / 0, 0 / 0, -1 / 0, NAN]);
  });
});

describe('type promotion', () => {
  const cases: Array<[DType, number | [DType, number[]], DType]> = [
    ['int64', 2, 'int64'],
    ['int32', 2, 'int32'],
    ['int32', 2.5, 'float32'],
    ['bool', 2, 'int64'],
    ['float64', 2.5, 'float64'],
    ['int32', ['int64', [3]], 'int64'],
    ['float32', ['float64', [3]], 'float64'],
    ['int64', ['float32', [3]], 'float32'],
    ['bool', ['int32', [3]], 'int32'],
  ];
  it.each(cases)('%s tensor + %j gives %s', (dtype, other, expected) => {
    const x = mk([1, 0, 1], [3], dtype);
    const y = typeof other === 'number' ? other : mk(other[1].concat(other[1], other[1]), [3], other[0]);
    expect(add(x, y).dtype).toBe(expected);
  });

  it('0-d tensors only promote across categories (PyTorch result_type)', () => {
    const f32 = mk([1, 2, 3], [3]);
    const i32 = mk([1, 2, 3], [3], 'int32');
    const f64s = mk([1.5], [], 'float64');
    const i64s = mk([1], [], 'int64');
    expect(add(f32, f64s).dtype).toBe('float32');
    expect(add(i32, f64s).dtype).toBe('float64');
    expect(add(i32, i64s).dtype).toBe('int32');
    expect(add(f64s, i64s).dtype).toBe('float64');
    expect(add(mk([1, 0], [2], 'bool'), i64s).dtype).toBe('int64');
  });

  it('a float scalar is converted to float32 before a float32 op (as PyTorch)', () => {
    const vals = randomValues(50, 3, 0, 4);
    const x = mk(vals, [50]);
    const xs = read(x);
    const s = 0.1;
    expectEqual(read(add(x, s)), xs.map((v) => Math.fround(v + Math.fround(s))));
    const f64s = mk([s], [], 'float64');
    expectEqual(read(add(x, f64s)), xs.map((v) => Math.fround(v + Math.fround(s))));
  });

  it('integer division and math functions produce float32', () => {
    const i = mk([1, 2, 3], [3], 'int64');
    const r = div(i, 2);
    expect(r.dtype).toBe('float32');
    expectEqual(read(r), [1, 2, 3].map((v) => v / 2));
    expect(div(mk([1, 2], [2], 'int32'), mk([2, 2], [2], 'int32')).dtype).toBe('float32');
    expect(exp(i).dtype).toBe('float32');
    expect(exp(mk([1, 0], [2], 'bool')).dtype).toBe('float32');
  });

  it('int32 products wrap modulo 2^32 like C', () => {
    const av = [65536 * 1024, 123456789, -7];
    const bv = [1024, 987654, 3];
    const r = mul(mk(av, [3], 'int32'), mk(bv, [3], 'int32'));
    expect(r.dtype).toBe('int32');
    expectEqual(read(r), av.map((x, i) => Number(BigInt.asIntN(32, BigInt(x) * BigInt(bv[i])))));
  });

  it('bool arithmetic: + is or, * is and; - raises', () => {
    const p = mk([1, 1, 0, 0], [4], 'bool');
    const q = mk([1, 0, 1, 0], [4], 'bool');
    const s = add(p, q);
    expect(s.dtype).toBe('bool');
    expectEqual(read(s), [1, 1, 1, 0].map((_, i) => ((read(p)[i] || read(q)[i]) ? 1 : 0)));
    expectEqual(read(mul(p, q)), read(p).map((v, i) => v & read(q)[i]));
    expect(() => sub(p, q)).toThrow(/two bool tensors/);
    expect(() => sub(p, 1)).toThrow(/with a bool tensor/);
    expect(() => sub(1, p)).toThrow(DTypeError);
    expect(() => neg(p)).toThrow(/Negation/);
  });
});

describe('pow', () => {
  it('tensor ** tensor matches C pow (pow(1, y) = 1, pow(-1, +-inf) = 1)', () => {
    const av = [2, 1, -1, -1, 0, 4, NAN, -8];
    const bv = [0.5, NAN, INF, -INF, -1, 0.5, 0, 1 / 3];
    const r = pow(mk(av, [8], 'float64'), mk(bv, [8], 'float64'));
    const cpow = (x: number, y: number) => (x === 1 || y === 0 ? 1 : x === -1 && !Number.isFinite(y) && !Number.isNaN(y) ? 1 : Math.pow(x, y));
    expectEqual(read(r), av.map((x, i) => cpow(x, bv[i])));
  });

  it.each([2, 3, 0.5, -0.5, -1, -2, 1.7])('float32 ** %d matches Math.pow rounded to float32', (e) => {
    const v = randomValues(30, 9, 0.1, 5);
    const x = mk(v, [30]);
    expectClose(read(pow(x, e)), read(x).map((t) => Math.fround(Math.pow(t, e))), 2.5e-7);
  });

  it('x ** 0.5 is sqrt (negative -> NaN, -inf -> NaN as PyTorch)', () => {
    expectEqual(read(pow(mk([-INF, -4, 4], [3]), 0.5)), [Math.sqrt(-INF), Math.sqrt(-4), Math.sqrt(4)]);
  });

  it('integer ** integer stays integral; negative tensor exponents give 0 except for bases +-1', () => {
    const base = [2, 3, 1, -1, -1, 5];
    const ex = [3, -1, -5, -3, -2, 0];
    const r = pow(mk(base, [6], 'int64'), mk(ex, [6], 'int64'));
    expect(r.dtype).toBe('int64');
    const powi = (x: number, y: number) => (y >= 0 ? x ** y : x === 1 ? 1 : x === -1 ? (y % 2 === 0 ? 1 : -1) : 0);
    expectEqual(read(r), base.map((x, i) => powi(x, ex[i])));
  });

  it('integer tensor ** negative scalar raises; ** float scalar gives float32', () => {
    const i = mk([1, 2, 3], [3], 'int64');
    expect(() => pow(i, -1)).toThrow(ValueError);
    expect(() => pow(i, -1)).toThrow(/exponent/);
    const r = pow(i, 0.5);
    expect(r.dtype).toBe('float32');
    expectEqual(read(r), [1, 2, 3].map((v) => Math.fround(Math.sqrt(v))));
  });

  it('bool ** bool raises (no PyTorch kernel)', () => {
    const b = mk([1, 0], [2], 'bool');
    expect(() => pow(b, b)).toThrow(DTypeError);
    expect(pow(b, 2).dtype).toBe('int64');
  });

  it('scalar base: 2 ** tensor', () => {
    const i = mk([0, 1, 5], [3], 'int64');
    const r = pow(2, i);
    expect(r.dtype).toBe('int64');
    expectEqual(read(r), [0, 1, 5].map((v) => 2 ** v));
    const f = pow(2.5, i);
    expect(f.dtype).toBe('float32');
    expectEqual(read(f), [0, 1, 5].map((v) => Math.fround(2.5 ** v)));
  });
});

describe('maximum / minimum', () => {
  it('propagate NaN and order -0 < +0', () => {
    const av = [1, NAN, 3, 0, -0];
    const bv = [NAN, 1, 2, -0, 0];
    expectEqual(read(maximum(mk(av, [5]), mk(bv, [5]))), av.map((x, i) => Math.max(x, bv[i])));
    expectEqual(read(minimum(mk(av, [5]), mk(bv, [5]))), av.map((x, i) => Math.min(x, bv[i])));
    expect(Object.is(read(maximum(mk([0], [1]), mk([-0], [1])))[0], 0)).toBe(true);
  });

  it('promote and broadcast', () => {
    const r = maximum(mk([1, 5, 2], [3], 'int64'), mk([2.5, 1.5], [2, 1]));
    expect(r.dtype).toBe('float32');
    expect(r.shape).toEqual([2, 3]);
    expectEqual(read(r), refBinary([1, 5, 2], [3], [2.5, 1.5], [2, 1], [2, 3], Math.max));
  });

  it('require tensors', () => {
    expect(() => maximum(mk([1], [1]), 2 as unknown as Tensor)).toThrow(/'other' expected a Tensor/);
  });
});

describe('unary math', () => {
  const v = [...randomValues(20, 4, -5, 5), 0, -0, NAN, INF, -INF];
  const fns: Array<[string, (t: Tensor) => Tensor, (x: number) => number]> = [
    ['neg', (t) => t.neg(), (x) => -x],
    ['exp', (t) => t.exp(), Math.exp],
    ['log', (t) => t.log(), Math.log],
    ['log1p', (t) => t.log1p(), Math.log1p],
    ['expm1', (t) => t.expm1(), Math.expm1],
    ['sqrt', (t) => t.sqrt(), Math.sqrt],
    ['rsqrt', (t) => t.rsqrt(), (x) => 1 / Math.sqrt(x)],
    ['abs', (t) => t.abs(), Math.abs],
    ['sigmoid', (t) => t.sigmoid(), (x) => 1 / (1 + Math.exp(-x))],
    ['tanh', (t) => t.tanh(), Math.tanh],
  ];
  it.each(fns)('%s matches Math on float64 (exactly) and float32 (rounded once)', (_, f, ref) => {
    expectEqual(read(f(mk(v, [v.length], 'float64'))), v.map(ref));
    const x32 = mk(v, [v.length]);
    const r32 = f(x32);
    expect(r32.dtype).toBe('float32');
    expectEqual(read(r32), read(x32).map((x) => Math.fround(ref(x))));
  });

  it('work on a transposed view', () => {
    const x = transposed(v.slice(0, 12), 3, 4, 'float64');
    expectEqual(read(exp(x)), read(x).map(Math.exp));
  });

  it('sign gives -1, 0, 1 and 0 for NaN (PyTorch 1.13 CPU); keeps the dtype', () => {
    const r = sign(mk(v, [v.length]));
    expectEqual(read(r), v.map((x) => (x > 0 ? 1 : x < 0 ? -1 : 0)));
    expect(sign(mk([-3, 0, 4], [3], 'int64')).dtype).toBe('int64');
    expect(sign(mk([1, 0], [2], 'bool')).dtype).toBe('bool');
  });

  it('relu is clamp_min(x, 0): NaN passes, ints stay ints, bool raises', () => {
    expectEqual(read(relu(mk(v, [v.length], 'float64'))), v.map((x) => (x < 0 ? 0 : x)));
    const i = relu(mk([-2, 3], [2], 'int64'));
    expect(i.dtype).toBe('int64');
    expectEqual(read(i), [-2, 3].map((x) => Math.max(x, 0)));
    expect(() => relu(mk([1], [1], 'bool'))).toThrow(DTypeError);
  });

  it('sigmoid reaches its limits without overflow', () => {
    const r = read(mk([-1000, 1000], [2]).sigmoid());
    expect(r[0]).toBe(0);
    expect(r[1]).toBe(1);
  });

  it('abs of bool raises; neg keeps int dtype', () => {
    expect(() => abs(mk([1], [1], 'bool'))).toThrow(/bool/);
    const r = neg(mk([1, -2], [2], 'int32'));
    expect(r.dtype).toBe('int32');
    expectEqual(read(r), [-1, 2]);
  });
});

describe('clamp', () => {
  const v = [...randomValues(10, 5, -3, 3), NAN];
  it('min(max(x, lo), hi) with NaN passing through', () => {
    const x = mk(v, [v.length], 'float64');
    const ref = (lo: number, hi: number) => v.map((t) => (Number.isNaN(t) ? t : Math.min(Math.max(t, lo), hi)));
    expectEqual(read(clamp(x, -1, 1)), ref(-1, 1));
    expectEqual(read(clamp(x, -1)), ref(-1, INF));
    expectEqual(read(clamp(x, undefined, 0.5)), ref(-INF, 0.5));
    // min > max gives max everywhere (non-NaN)
    expectEqual(read(clamp(x, 2, 1)), ref(2, 1));
  });

  it('bounds take part in promotion', () => {
    const i = mk([1, 2, 3], [3], 'int64');
    expect(clamp(i, 0.5).dtype).toBe('float32');
    const r = clamp(i, 0, 2);
    expect(r.dtype).toBe('int64');
    expectEqual(read(r), [1, 2, 3].map((t) => Math.min(Math.max(t, 0), 2)));
    expect(clamp(mk([1, 0], [2], 'bool'), 0).dtype).toBe('int64');
  });

  it('needs at least one bound', () => {
    expect(() => clamp(mk([1], [1]))).toThrow(ValueError);
    expect(() => clamp(mk([1], [1]))).toThrow(/'min'/);
  });
});

describe('softplus', () => {
  it('log1p(exp(beta x)) / beta, linear where beta x > threshold', () => {
    const v = [-30, -1, 0, 1, 5, 10.5, 30, NAN];
    const x = mk(v, [v.length], 'float64');
    const ref = (beta: number, th: number) => v.map((t) => (t * beta > th ? t : Math.log1p(Math.exp(t * beta)) / beta));
    expectEqual(read(softplus(x)), ref(1, 20));
    expectEqual(read(softplus(x, 2, 10)), ref(2, 10));
    expectEqual(read(x.softplus(0.5, 3)), ref(0.5, 3));
  });

  it('rejects integer input', () => {
    expect(() => softplus(mk([1], [1], 'int64'))).toThrow(DTypeError);
  });
});

describe('where', () => {
  it('selects with broadcasting', () => {
    const cond = mk([1, 0, 1], [3], 'bool');
    const a = mk(randomValues(6, 6), [2, 3]);
    const b = mk(randomValues(2, 7), [2, 1]);
    const r = where(cond, a, b);
    expect(r.shape).toEqual([2, 3]);
    const ra = read(a);
    const rb = read(b);
    expectEqual(read(r), ra.map((x, k) => (read(cond)[k % 3] ? x : rb[Math.floor(k / 3)])));
    expectEqual(read(a.where(cond, b)), read(r));
  });

  it('promotes operands and accepts numbers', () => {
    const cond = mk([1, 0, 1], [3], 'bool');
    const i = mk([1, 2, 3], [3], 'int64');
    const r = where(cond, i, 2.5);
    expect(r.dtype).toBe('float32');
    expectEqual(read(r), [1, 2, 3].map((x, k) => (read(cond)[k] ? x : 2.5)));
    expect(where(cond, 1.5, 0).dtype).toBe('float32');
    expect(where(cond, 1, 0).dtype).toBe('int64');
    expect(where(cond, mk([1, 2, 3], [3], 'int32'), i).dtype).toBe('int64');
  });

  it('0-d operands broadcast; a float64 0-d value is rounded into a float32 result', () => {
    const cond = mk([1, 0], [2], 'bool');
    const r = where(cond, mk([0.1], [], 'float64'), mk([2, 3], [2]));
    expect(r.dtype).toBe('float32');
    expectEqual(read(r), [Math.fround(0.1), 3]);
    const s = where(mk([1], [], 'bool'), mk([1], [], 'int64'), mk([2], [], 'int64'));
    expect(s.shape).toEqual([]);
    expectEqual(read(s), [1]);
  });

  it('requires a bool condition', () => {
    expect(() => where(mk([1], [1], 'int64'), 1, 0)).toThrow(DTypeError);
    expect(() => where(mk([1], [1], 'int64'), 1, 0)).toThrow(/'condition' expected a bool tensor, got dtype int64/);
  });
});

describe('integer data', () => {
  it('add / sub / mul of int64 are exact integer arithmetic', () => {
    const av = randomInts(20, 11, -1000, 1000);
    const bv = randomInts(20, 12, -1000, 1000);
    const x = mk(av, [20], 'int64');
    const y = mk(bv, [20], 'int64');
    expectEqual(read(add(x, y)), av.map((t, i) => t + bv[i]));
    expectEqual(read(sub(x, y)), av.map((t, i) => t - bv[i]));
    expectEqual(read(mul(x, y)), av.map((t, i) => t * bv[i]));
    expectEqual(read(add(mk(av, [20], 'int32'), 3)), av.map((t) => roundTo('int32', t + 3)));
  });
});
