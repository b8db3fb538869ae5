// defineCustomOp: closed-form backward, saved tensors, state, double backward, errors.
import { describe, expect, it } from 'vitest';
import * as core from '@torchlet/tensor-core';
import * as ag from './ag.js';
import { defineCustomOp, gradcheck, gradgradcheck, type Tensor } from './ag.js';
import { expectClose, flat, rnd } from './helpers.js';

/** Fused cross entropy (mean over the batch) with the closed-form gradient (softmax - onehot) / N. */
const crossEntropy = defineCustomOp({
  name: 'CrossEntropy',
  forward(ctx: ag.CustomOpContext<{ n: number }>, logits: core.Tensor, target: core.Tensor) {
    const logp = core.logSoftmax(logits, 1);
    ctx.saveForBackward(logp, target);
    ctx.state = { n: logits.shape[0] };
    return logp.gather(1, target.unsqueeze(1)).mean().neg();
  },
  backward(ctx, g) {
    const [logp, target] = ctx.savedTensors;
    const onehot = ag.oneHot(target, logp.shape[1]).to(logp.dtype);
    // d CE / d logits = (softmax - onehot) / N
    return [logp.exp().sub(onehot).mul(g).div(ctx.state!.n), null];
  },
});

/** x^3 with a backward written in autograd ops on the saved input: differentiable twice. */
const cube = defineCustomOp({
  name: 'Cube',
  forward(ctx: ag.CustomOpContext<number>, x: core.Tensor, scale: number) {
    ctx.saveForBackward(x);
    ctx.state = scale;
    return core.mul(core.mul(core.mul(x, x), x), scale);
  },
  backward(ctx, g) {
    const [x] = ctx.savedTensors;
    return g.mul(x.mul(x)).mul(3 * ctx.state!);
  },
});

describe('defineCustomOp', () => {
  it('fused cross entropy matches the composition of primitives and gradcheck', () => {
    const logits = rnd([4, 5], { lo: -3, hi: 3 });
    const target = ag.tensor([0, 4, 2, 2], { dtype: 'int64' });
    const fused = crossEntropy(logits, target);
    expect(fused.gradFn!.name).toBe('CrossEntropyBackward');
    const reference = logits.logSoftmax(1).gather(1, target.unsqueeze(1)).mean().neg();
    expectClose(flat(fused), flat(reference));
    fused.backward();
    const [gref] = ag.grad(reference, logits);
    expectClose(flat(logits.grad!), flat(gref));
    expect(gradcheck((x) => crossEntropy(x, target), [rnd([4, 5], { seed: 8 })])).toBe(true);
  });

  it('non-tensor arguments pass through; state reaches backward', () => {
    const x = rnd([4]);
    expect(gradcheck((a) => cube(a, 2.5), [x])).toBe(true);
    expectClose(flat(cube(x, 2)), flat(x).map((v) => 2 * v ** 3));
  });

  it('double backward through a backward written with autograd ops', () => {
    const x = rnd([3]);
    const [g] = ag.grad(cube(x, 1).sum(), x, { createGraph: true });
    const [gg] = ag.grad(g.sum(), x);
    expectClose(flat(gg), flat(x).map((v) => 6 * v));
    expect(gradgradcheck((a) => cube(a, 1.5), [rnd([3], { seed: 4 })])).toBe(true);
  });

  it('savedTensors returns the graph\'s own input and output tensors', () => {
    let inputs: readonly ag.Tensor[] = [];
    const square = defineCustomOp({
      name: 'Square',
      forward(ctx, a: core.Tensor) {
        const out = core.mul(a, a);
        ctx.saveForBackward(a, out);
        return out;
      },
      backward(ctx, g) {
        inputs = ctx.savedTensors;
        return g.mul(ctx.savedTensors[0]).mul(2);
      },
    });
    const x = rnd([2]);
    const y = square(x);
    y.sum().backward();
    expect(inputs[0]).toBe(x);
    expect(inputs[1]).toBe(y);
  });

  it('records nothing when no input requires grad or under noGrad', () => {
    const x = rnd([3], { requiresGrad: false });
    expect(cube(x, 1).requiresGrad).toBe(false);
    expect(ag.noGrad(() => cube(rnd([3]), 1)).gradFn).toBeNull();
  });

  it('needsInputGrad tells which tensor arguments need a gradient', () => {
    let seen: readonly boolean[] = [];
    const op = defineCustomOp({
      name: 'Mul',
      forward(ctx, a: core.Tensor, b: core.Tensor) {
        ctx.saveForBackward(a, b);
        return core.mul(a, b);
      },
      backward(ctx, g) {
        seen = ctx.needsInputGrad;
        const [a, b] = ctx.savedTensors;
        return [ctx.needsInputGrad[0] ? g.mul(b) : null, ctx.needsInputGrad[1] ? g.mul(a) : null];
      },
    });
    const a = rnd([2]);
    const b = rnd([2], { requiresGrad: false, seed: 3 });
    op(a, b).sum().backward();
    expect(seen).toEqual([true, false]);
    expectClose(flat(a.grad!), flat(b));
  });

  it('saved tensors are freed after backward unless retainGraph', () => {
    const x = rnd([2]);
    const y = cube(x, 1).sum();
    y.backward();
    expect(() => y.backward()).toThrow(/second time/);
    const z = cube(x, 1).sum();
    z.backward(undefined, { retainGraph: true });
    z.backward();
  });

  it('a backward returning the wrong number of gradients throws', () => {
    const bad = defineCustomOp({
      name: 'Bad',
      forward(_ctx, a: core.Tensor, b: core.Tensor) {
        return core.add(a, b);
      },
      backward(_ctx, g: Tensor) {
        return [g];
      },
    });
    expect(() => bad(rnd([2]), rnd([2])).sum().backward()).toThrow(/returned 1 gradients, expected 2/);
  });
});

describe('gradcheck itself', () => {
  const wrong = defineCustomOp({
    name: 'WrongExp',
    forward(ctx, x: core.Tensor) {
      const y = core.exp(x);
      ctx.saveForBackward(y);
      return y;
    },
    backward(ctx, g) {
      return g.mul(ctx.savedTensors[0]).mul(1.01);
    },
  });

  it('reports a wrong backward with input, element, analytical and numerical values', () => {
    expect(() => gradcheck((x) => wrong(x), [rnd([3])])).toThrow(
      /Jacobian mismatch for output 0 with respect to input 0, element 0 .*analytical .*numerical/,
    );
  });

  it('handles several outputs and inputs that do not require grad', () => {
    const c = rnd([3], { requiresGrad: false });
    expect(gradcheck((a, k) => [a.mul(k), a.exp()], [rnd([3]), c])).toBe(true);
  });

  it('requires at least one input that requires grad', () => {
    expect(() => gradcheck((a) => a.exp(), [rnd([2], { requiresGrad: false })])).toThrow(/at least one tensor/);
  });
});
