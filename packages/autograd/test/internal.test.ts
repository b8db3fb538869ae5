// Internal helpers other packages use: sumToShape and the recording mechanism; broadcasting
// properties over random shapes.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import * as core from '@torchlet/tensor-core';
import { coreOps } from '@torchlet/tensor-core/internal';
import { defineCustomOp, grad, gradcheck, noGrad } from './ag.js';
import { donateGradient, record, recording1, rules, sumToShape } from '../src/internal.js';
import { expectClose, flat, rnd, values } from './helpers.js';

describe('sumToShape', () => {
  it('sums leading and size-1 dims, summed totals preserved', () => {
    const g = rnd([2, 3, 4], { requiresGrad: false });
    const total = flat(g).reduce((s, v) => s + v, 0);
    for (const shape of [[4], [3, 1], [1, 4], [2, 1, 1], [1], []]) {
      const r = sumToShape(g, shape);
      expect(r.shape).toEqual(shape);
      expectClose([flat(r).reduce((s, v) => s + v, 0)], [total], 1e-12);
    }
    expect(sumToShape(g, [2, 3, 4])).toBe(g);
  });
});

describe('record', () => {
  it('records nothing when nothing requires grad, and attaches a rule node otherwise', () => {
    const x = rnd([3], { requiresGrad: false });
    expect(recording1(x)).toBe(false);
    const p = rnd([3]);
    expect(recording1(p)).toBe(true);
    const y = record('neg', coreOps.neg(p), [p], null);
    expect(y.gradFn!.name).toBe(rules().neg.name);
    y.sum().backward();
    expectClose(flat(p.grad!), [-1, -1, -1]);
    expect(p.detach().requiresGrad).toBe(false);
  });
});

describe('broadcasting property', () => {
  const dimPair = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.boolean());
  it('gradcheck of a*b + a/(1+b^2) over random broadcastable shapes', () => {
    fc.assert(
      fc.property(fc.array(dimPair, { minLength: 0, maxLength: 3 }), fc.integer({ min: 0, max: 2 }), fc.nat(1000), (dims, drop, seed) => {
        const a = dims.map(([n, one]) => (one ? 1 : n));
        const b = dims.map(([n, , one]) => (one ? 1 : n)).slice(Math.min(drop, dims.length));
        const mk = (shape: number[], s: number) => {
          const n = shape.reduce((p, q) => p * q, 1);
          return core.tensor(values(n, s), { shape, dtype: 'float64', requiresGrad: true });
        };
        return gradcheck((x, y) => x.mul(y).add(x.div(y.pow(2).add(1))), [mk(a, seed), mk(b, seed + 1)]);
      }),
      { numRuns: 25 },
    );
  });
});

describe('donateGradient', () => {
  // a custom op whose backward returns `buffer` (donated or not) as the input's gradient
  function opReturning(buffer: () => core.Tensor) {
    return defineCustomOp<[core.Tensor], undefined>({
      name: 'Donor',
      forward: (_ctx, x) => core.mul(x, 2),
      backward: () => [buffer()],
    });
  }

  it('a donated buffer becomes the leaf grad without a copy, once; anything else is copied', () => {
    const donatedBuffer = core.ones([3], { dtype: 'float64' });
    const x = rnd([3]);
    const y = opReturning(() => donateGradient(donatedBuffer))(x);
    y.sum().backward(undefined, { retainGraph: true });
    expect(x.grad!.data).toBe(donatedBuffer.data);

    const kept = core.ones([3], { dtype: 'float64' });
    const z = rnd([3]);
    opReturning(() => kept)(z).sum().backward();
    expect(z.grad!.data).not.toBe(kept.data);
    expect(flat(z.grad!)).toEqual([1, 1, 1]);

    // the same donated object a second time (another leaf): taken at most once, so copied
    const w = rnd([3]);
    opReturning(() => donatedBuffer)(w).sum().backward();
    expect(w.grad!.data).not.toBe(donatedBuffer.data);
  });
});

describe('gradient donation by products and sums', () => {
  // What PyTorch's AccumulateGrad does: a gradient only the engine holds becomes .grad without a copy;
  // one anybody else may hold (a hook's argument, the caller's root gradient, a grad() result) is copied.
  const storage = (t: core.Tensor): unknown => t.data;

  it('a linear layer\'s weight and bias keep the storage of their fresh gradients, with the right values', () => {
    const x = rnd([5, 4], { requiresGrad: false });
    const w = rnd([3, 4]);
    const b = rnd([3]);
    const y = x.matmul(w.t()).add(b);
    const clones = vi.spyOn(core.Tensor.prototype, 'clone');
    const rawClones = vi.spyOn(coreOps, 'clone');
    y.sum().backward();
    // neither gradient was copied on its way to .grad
    expect(clones).not.toHaveBeenCalled();
    expect(rawClones).not.toHaveBeenCalled();
    clones.mockRestore();
    rawClones.mockRestore();
    // d sum(x w^T + b) / dw = ones(5, 3)^T x, / db = 5 per entry
    const ones = core.ones([5, 3], { dtype: 'float64' });
    expectClose(flat(w.grad!), Array.from(core.matmul(ones.t(), x).toTypedArray()), 1e-12);
    const rows = x.shape[0];
    expect(flat(b.grad!)).toEqual([rows, rows, rows]);
    expect(w.grad!.isContiguous()).toBe(true);
    // a second backward accumulates in place into the kept storage
    const kept = storage(w.grad!);
    x.matmul(w.t()).add(b).sum().backward();
    expect(storage(w.grad!)).toBe(kept);
    expect(flat(b.grad!)).toEqual([2 * rows, 2 * rows, 2 * rows]);
  });

  it('a gradient a hook saw is copied before it becomes .grad, so later accumulation leaves the hook\'s tensor alone', () => {
    const x = rnd([5, 4], { requiresGrad: false });
    const w = rnd([3, 4]);
    const wt = w.t();
    let seen: ReturnType<typeof rnd> | null = null;
    wt.registerHook((g) => {
      seen = g;
    });
    x.matmul(wt).sum().backward();
    const before = flat(seen!);
    expect(storage(w.grad!)).not.toBe(storage(seen!));
    x.matmul(w.t()).sum().backward();
    expect(flat(seen!)).toEqual(before);
  });

  it('the caller\'s root gradient is never kept, even when summing it to a shape is only a view', () => {
    const a = rnd([1, 3]);
    const b = rnd([3]);
    const root = core.ones([1, 3], { dtype: 'float64' });
    a.add(b).backward(root);
    expect(storage(b.grad!)).not.toBe(root.data);
    expect(storage(a.grad!)).not.toBe(root.data);
    a.add(b).backward(root);
    expect(Array.from(root.toTypedArray())).toEqual([1, 1, 1]);
  });

  it('outside a backward (a helper run under noGrad in user code) nothing is donated', () => {
    const g = rnd([4, 3], { requiresGrad: false });
    const summed = noGrad(() => sumToShape(g, [3]));
    const b = rnd([3]);
    b.backward(summed);
    expect(storage(b.grad!)).not.toBe(storage(summed));
  });

  it('grad() results and createGraph gradients are not donated', () => {
    const x = rnd([5, 4], { requiresGrad: false });
    const w = rnd([3, 4]);
    const [gw] = grad(x.matmul(w.t()).sum(), [w]);
    x.matmul(w.t()).sum().backward();
    expect(storage(w.grad!)).not.toBe(storage(gw));
    const v = rnd([3, 4]);
    x.matmul(v.t()).sum().backward(undefined, { createGraph: true });
    const first = v.grad!;
    x.matmul(v.t()).sum().backward(undefined, { createGraph: true });
    expect(flat(first)).toEqual(flat(v.grad!).map((g) => g / 2));
  });
});

