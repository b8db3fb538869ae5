// fusedOp: one node around a fused kernel, with absent (null) inputs, saved-tensor checks and the
// differentiable backward used for createGraph. The kernel here is y = a * b (+ c), whose
// gradients are known: dy/da = b, dy/db = a, dy/dc = 1.
import { describe, expect, it } from 'vitest';
import { coreOps } from '@torchlet/tensor-core/internal';
import { grad, noGrad, type Tensor } from './ag.js';
import { fusedOp } from '../src/internal.js';
import { expectClose, flat, rnd } from './helpers.js';

function product(a: Tensor, b: Tensor, c: Tensor | null, seen: boolean[][] = []): Tensor {
  return fusedOp('Product', [a, b, c], ([x, y, z], needsGrad) => {
    seen.push([...needsGrad]);
    const out = coreOps.mul(x, y);
    return {
      output: z === null ? out : coreOps.add(out, z),
      backward: (g, needs) => [needs[0] ? coreOps.mul(g, y) : null, needs[1] ? coreOps.mul(g, x) : null, needs[2] ? g : null],
      differentiableBackward: (g, [x2, y2], needs) => [needs[0] ? g.mul(y2!) : null, needs[1] ? g.mul(x2!) : null, needs[2] ? g : null],
      saved: [x, y],
    };
  });
}

describe('fusedOp', () => {
  it('records one node, tells the kernel which slots need a gradient, and routes gradients past null slots', () => {
    const a = rnd([3]);
    const b = rnd([3], { seed: 2, requiresGrad: false });
    const seen: boolean[][] = [];
    const y = product(a, b, null, seen);
    expect(y.gradFn!.name).toBe('ProductBackward');
    expect(seen).toEqual([[true, false, false]]);
    y.sum().backward();
    expectClose(flat(a.grad!), flat(b));
    const c = rnd([3], { seed: 3 });
    product(a, b, c).sum().backward();
    expectClose(flat(c.grad!), [1, 1, 1]);
    expectClose(flat(a.grad!), flat(b).map((v) => 2 * v));
  });

  it('records nothing under noGrad or when nothing requires grad', () => {
    const seen: boolean[][] = [];
    const y = noGrad(() => product(rnd([2]), rnd([2], { seed: 5 }), null, seen));
    expect(y.gradFn).toBeNull();
    expect(product(rnd([2], { requiresGrad: false }), rnd([2], { seed: 5, requiresGrad: false }), null).requiresGrad).toBe(false);
    expect(seen).toEqual([[false, false, false]]);
  });

  it('refuses a saved tensor changed in place before backward, as PyTorch', () => {
    const a = rnd([3]);
    const b = rnd([3], { seed: 2, requiresGrad: false });
    const y = product(a, b, null);
    b.mul_(2);
    expect(() => y.sum().backward()).toThrow(/modified by an inplace operation/);
  });

  it('second derivatives go through the differentiable backward: d/da (dy/db . 1) = 1', () => {
    const a = rnd([3]);
    const b = rnd([3], { seed: 2 });
    const [gb] = grad(product(a, b, null).sum(), [b], { createGraph: true });
    expectClose(flat(gb), flat(a));
    const [gab] = grad(gb.sum(), [a]);
    expectClose(flat(gab), [1, 1, 1]);
  });
});
