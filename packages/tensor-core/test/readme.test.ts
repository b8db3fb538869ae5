// The README's example, run as written; its claims checked against definitions, not printed values.
import { describe, expect, it } from 'vitest';
import { arange, keep, manualSeed, matmul, memoryInfo, rand, randn, scope, tensor } from '../src/index.js';

describe('README example', () => {
  it('runs and prints what the README shows', () => {
    const x = arange(6).float().reshape(2, 3);
    const w = tensor([[1, 0], [0, 1], [1, 1]], { dtype: 'float32' });
    const y = matmul(x, w);
    // [[0,1,2],[3,4,5]] @ w: row i is (x[i,0] + x[i,2], x[i,1] + x[i,2])
    const rows = x.tolist() as number[][];
    expect(y.tolist()).toEqual(rows.map((r) => [r[0] + r[2], r[1] + r[2]]));
    console.log(y.toString());
    expect(x.sum(1).tolist()).toEqual(rows.map((r) => r[0] + r[1] + r[2]));
    const probsSum = x.logSoftmax(1).exp().sum(1).tolist() as number[];
    for (const s of probsSum) expect(s).toBeCloseTo(1, 6);
    manualSeed(0);
    const a = randn([3]).tolist();
    manualSeed(0);
    expect(randn([3]).tolist()).toEqual(a);
  });

  it('runs the scope example: each step disposes what it made, and the kept input survives', () => {
    const x = scope(() => keep(rand([1 << 20])));
    const expected = x.mul(2).exp().sum().item();
    for (let step = 0; step < 5; step++) {
      const total = scope(() => x.mul(2).exp().sum().item());
      expect(total).toBe(expected);
    }
    expect(x.isDisposed).toBe(false);
    expect(memoryInfo().scopes).toBe(0);
  });
});
