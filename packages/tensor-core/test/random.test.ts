import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  Generator,
  ValueError,
  defaultGenerator,
  manualSeed,
  rand,
  randLike,
  randint,
  randn,
  randnLike,
  randperm,
  zeros,
} from '@torchlet/tensor-core';
import { MT19937 } from '../src/ops/random/mt19937.js';
import { fma32, fma64 } from '../src/ops/random/fma.js';

function meanStd(v: ArrayLike<number>): [number, number] {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const m = s / v.length;
  let q = 0;
  for (let i = 0; i < v.length; i++) q += (v[i] - m) ** 2;
  return [m, Math.sqrt(q / (v.length - 1))];
}

describe('mt19937', () => {
  it('matches the C++ standard: the 10000th output of a default-seeded std::mt19937 is 4123659995', () => {
    const mt = new MT19937(5489);
    for (let i = 0; i < 9999; i++) mt.next();
    expect(mt.next()).toBe(4123659995);
  });

  it('outputs 32-bit unsigned integers', () => {
    const mt = new MT19937(1);
    for (let i = 0; i < 2000; i++) {
      const v = mt.next();
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    }
  });
});

describe('Generator', () => {
  it('is reproducible: the same seed gives the same stream', () => {
    const a = new Generator().manualSeed(123);
    const b = new Generator(123);
    for (let i = 0; i < 100; i++) expect(a.random()).toBe(b.random());
    expect(new Generator(1).random()).not.toBe(new Generator(2).random());
    expect(a.initialSeed()).toBe(123);
  });

  it('random64 is two 32-bit draws, high word first', () => {
    const a = new Generator(9);
    const b = new Generator(9);
    const hi = BigInt(b.random());
    const lo = BigInt(b.random());
    expect(a.random64()).toBe((hi << 32n) | lo);
  });

  it('seeds with the low 32 bits of the seed, like torch', () => {
    expect(new Generator(2 ** 32 + 5).random()).toBe(new Generator(5).random());
    expect(new Generator(2 ** 32 + 5).initialSeed()).toBe(2 ** 32 + 5);
  });

  it('clone continues the same stream', () => {
    const a = new Generator(4);
    a.random();
    const b = a.clone();
    expect(randn([5], { generator: a }).tolist()).toEqual(randn([5], { generator: b }).tolist());
  });

  it('manualSeed seeds the default generator and drops the cached normal sample', () => {
    manualSeed(7);
    const first = randn([1]).item();
    randn([1]); // consumes the cached second sample
    manualSeed(7);
    randn([1]); // caches a sample
    manualSeed(7); // must drop it
    expect(randn([1]).item()).toBe(first);
    expect(defaultGenerator().initialSeed()).toBe(7);
  });

  it('rejects seeds that are not non-negative safe integers', () => {
    expect(() => manualSeed(-1)).toThrow(ValueError);
    expect(() => manualSeed(1.5)).toThrow(/seed/);
  });
});

describe('rand / uniform_', () => {
  it('float32 draws are multiples of 2^-24 in [0, 1); float64 multiples of 2^-53', () => {
    const g = new Generator(0);
    for (const v of rand([1000], { generator: g }).toTypedArray()) {
      expect(v >= 0 && v < 1).toBe(true);
      expect(Number.isInteger(v * 2 ** 24)).toBe(true);
    }
    for (const v of rand([1000], { dtype: 'float64', generator: g }).toTypedArray()) {
      expect(v >= 0 && v < 1).toBe(true);
      expect(Number.isInteger(v * 2 ** 53)).toBe(true);
    }
  });

  it('one float32 draw uses one 32-bit word (its low 24 bits), a float64 draw one 64-bit word', () => {
    const a = new Generator(5);
    const b = new Generator(5);
    const x = rand([3], { generator: a }).toTypedArray();
    for (let i = 0; i < 3; i++) expect(x[i]).toBe((b.random() & 0xffffff) / 2 ** 24);
    const y = rand([2], { dtype: 'float64', generator: a }).toTypedArray();
    for (let i = 0; i < 2; i++) {
      const hi = b.random();
      const lo = b.random();
      expect(y[i]).toBe(((hi & 0x1fffff) * 2 ** 32 + lo) / 2 ** 53);
    }
  });

  it('has the moments of U(0, 1) and U(from, to)', () => {
    const [m, s] = meanStd(rand([100000], { generator: new Generator(1) }).toTypedArray());
    expect(Math.abs(m - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(s - Math.sqrt(1 / 12))).toBeLessThan(0.01);
    const x = zeros([20000], { dtype: 'float64' }).uniform_(-3, 5, new Generator(2));
    const v = x.toTypedArray();
    for (const e of v) expect(e >= -3 && e < 5).toBe(true);
    expect(Math.abs(meanStd(v)[0] - 1)).toBeLessThan(0.1);
  });

  it('fills a transposed view in storage order (as torch does)', () => {
    const a = zeros([3, 4]);
    a.t().uniform_(0, 1, new Generator(8));
    const b = zeros([3, 4]).uniform_(0, 1, new Generator(8));
    expect(a.tolist()).toEqual(b.tolist());
  });

  it('rejects integer tensors and from > to', () => {
    expect(() => rand([2], { dtype: 'int64' })).toThrow(DTypeError);
    expect(() => zeros([2]).uniform_(2, 1)).toThrow(ValueError);
  });
});

describe('randn / normal_', () => {
  it('has mean 0 and std 1 on both of torch paths (scalar < 16, blocked >= 16)', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const big = randn([50000], { dtype, generator: new Generator(3) }).toTypedArray();
      const [m, s] = meanStd(big);
      expect(Math.abs(m)).toBeLessThan(0.02);
      expect(Math.abs(s - 1)).toBeLessThan(0.02);
      const g = new Generator(4);
      const small: number[] = [];
      for (let i = 0; i < 5000; i++) small.push(...randn([5], { dtype, generator: g }).toTypedArray());
      const [m2, s2] = meanStd(small);
      expect(Math.abs(m2)).toBeLessThan(0.03);
      expect(Math.abs(s2 - 1)).toBeLessThan(0.03);
    }
  });

  it('scalar path caches the second Box-Muller sample across calls', () => {
    const a = randn([2], { dtype: 'float64', generator: new Generator(11) }).toTypedArray();
    const g = new Generator(11);
    const b0 = randn([1], { dtype: 'float64', generator: g }).item();
    const b1 = randn([1], { dtype: 'float64', generator: g }).item();
    expect([b0, b1]).toEqual([a[0], a[1]]);
  });

  it('blocked path: a ragged tail redraws only the last 16, so leading elements agree', () => {
    const a = randn([16], { generator: new Generator(12) }).toTypedArray();
    const b = randn([17], { generator: new Generator(12) }).toTypedArray();
    expect(b[0]).toBe(a[0]);
    const c = randn([40], { dtype: 'float64', generator: new Generator(13) }).toTypedArray();
    const d = randn([32], { dtype: 'float64', generator: new Generator(13) }).toTypedArray();
    expect(Array.from(c.slice(0, 24))).toEqual(Array.from(d.slice(0, 24)));
  });

  it('normal_(mean, std) scales and shifts', () => {
    const x = zeros([40000], { dtype: 'float64' }).normal_(3, 0.5, new Generator(14));
    const [m, s] = meanStd(x.toTypedArray());
    expect(Math.abs(m - 3)).toBeLessThan(0.02);
    expect(Math.abs(s - 0.5)).toBeLessThan(0.02);
    expect(() => zeros([2]).normal_(0, -1)).toThrow(/std/);
  });

  it('randLike / randnLike keep shape and dtype', () => {
    const t = zeros([2, 3], { dtype: 'float64' });
    expect(randLike(t).shape).toEqual([2, 3]);
    expect(randnLike(t).dtype).toBe('float64');
  });
});

describe('randint / randperm / bernoulli_', () => {
  it('randint draws int64 values in [low, high) and reaches every value', () => {
    const x = randint(-2, 3, [2000], { generator: new Generator(1) });
    expect(x.dtype).toBe('int64');
    const seen = new Set(x.toTypedArray());
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
    const g = new Generator(6);
    const h = new Generator(6);
    const y = randint(10, 17, [20], { generator: g }).toTypedArray();
    for (let i = 0; i < 20; i++) expect(y[i]).toBe(10 + (h.random() % 7));
    const big = randint(0, 2 ** 40, [500], { generator: g }).toTypedArray();
    for (const v of big) expect(v >= 0 && v < 2 ** 40 && Number.isInteger(v)).toBe(true);
    expect(() => randint(3, 3, [1])).toThrow(ValueError);
  });

  it('randperm is a permutation of 0..n-1', () => {
    for (const n of [0, 1, 2, 10, 257]) {
      const p = randperm(n, { generator: new Generator(n) });
      expect(p.dtype).toBe('int64');
      expect(Array.from(p.toTypedArray()).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
    expect(() => randperm(-1)).toThrow(ValueError);
  });

  it('bernoulli_ gives 0/1 with frequency p', () => {
    expect(Array.from(zeros([50]).bernoulli_(0).toTypedArray()).every((v) => v === 0)).toBe(true);
    expect(Array.from(zeros([50]).bernoulli_(1).toTypedArray()).every((v) => v === 1)).toBe(true);
    const x = zeros([20000], { dtype: 'bool' }).bernoulli_(0.3, new Generator(2)).toTypedArray();
    expect(Math.abs(meanStd(x)[0] - 0.3)).toBeLessThan(0.02);
    expect(() => zeros([2]).bernoulli_(1.5)).toThrow(/0 <= p <= 1/);
  });
});

describe('fused multiply-add emulation', () => {
  it('fma64 rounds a * b + c once: (1 + 2^-30)^2 - 1 keeps the 2^-60 term', () => {
    const a = 1 + 2 ** -30;
    expect(fma64(a, a, -1)).toBe(2 ** -29 + 2 ** -60);
    expect(a * a - 1).toBe(2 ** -29); // unfused loses it
  });

  it('fma32 rounds once to float32', () => {
    const a = Math.fround(1 + 2 ** -12);
    expect(fma32(a, a, -1)).toBe(Math.fround(2 ** -11 + 2 ** -24));
    expect(fma32(3, 4, 5)).toBe(17);
  });
});
