// The optimizers drive tensors with autograd directly: backward fills .grad, step() updates the
// params in place under noGrad (they stay leaves that require grad, as in PyTorch).
import { describe, expect, it, vi } from 'vitest';
import { isGradEnabled, noGrad } from '@torchlet/autograd';
import { tensor, TorchletError, type Tensor } from '@torchlet/tensor-core';
import { Adam, AdamW, LBFGS, SGD, lrScheduler, rules } from '../src/index.js';
import { expectClose, inputs, values } from './helpers.js';

const X = [inputs(1, 3), inputs(2, 3), inputs(3, 3), inputs(4, 3)];
const Y = inputs(5, 4);

/** loss = sum((X w - y)^2) with autograd. */
function lossOf(w: Tensor): Tensor {
  const x = tensor(X, { dtype: 'float64' });
  const y = tensor(Y, { dtype: 'float64' });
  return x.matmul(w).sub(y).pow(2).sum();
}

/** Its gradient 2 X^T (X w - y), written out. */
function gradOf(w: number[]): number[] {
  const r = X.map((row, i) => row.reduce((s, a, j) => s + a * w[j], 0) - Y[i]);
  return w.map((_, j) => 2 * X.reduce((s, row, i) => s + row[j] * r[i], 0));
}

describe('with @torchlet/autograd', () => {
  it('SGD with momentum: each step uses the gradient backward computed', () => {
    const w = tensor(inputs(9, 3), { dtype: 'float64', requiresGrad: true });
    const opt = new SGD([w], { lr: 0.01, momentum: 0.9 });
    let x = values(w);
    let buf: number[] | null = null;
    for (let k = 0; k < 5; k++) {
      opt.zeroGrad();
      lossOf(w).backward();
      opt.step();
      const g = gradOf(x);
      // buf = g on the first step, then 0.9 buf + g;  w = w - lr buf
      buf = buf === null ? g : buf.map((b, i) => 0.9 * b + g[i]);
      const b = buf;
      x = x.map((xi, i) => xi - 0.01 * b[i]);
      expectClose(values(w), x);
    }
  });

  it('zeroGrad: null grads by default; zeroed in place with setToNone false (backward then accumulates)', () => {
    const w = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    const opt = new Adam([w]);
    lossOf(w).backward();
    opt.zeroGrad();
    expect(w.grad).toBeNull();
    lossOf(w).backward();
    const g = w.grad;
    opt.zeroGrad({ setToNone: false });
    expect(w.grad).toBe(g);
    expect(values(w.grad!)).toEqual([0, 0, 0]);
    lossOf(w).backward();
    expectClose(values(w.grad!), gradOf([1, 2, 3]));
  });

  it('zeroGrad({ setToNone: false }) cuts a grad made with createGraph from its graph before zeroing it', () => {
    const w = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    const opt = new SGD([w], { lr: 0.1 });
    lossOf(w).backward(undefined, { createGraph: true });
    expect(w.grad?.gradFn).not.toBeNull();
    opt.zeroGrad({ setToNone: false });
    expect(w.grad?.gradFn).toBeNull();
    expect(w.grad?.requiresGrad).toBe(false);
    expect(values(w.grad!)).toEqual([0, 0, 0]);
  });

  it('a training loop with Adam and a scheduler lowers the loss', () => {
    const w = tensor([0, 0, 0], { dtype: 'float64', requiresGrad: true });
    const opt = new Adam([w], { lr: 0.1 });
    const sched = new lrScheduler.StepLR(opt, { stepSize: 10, gamma: 0.5 });
    const first = lossOf(w).item();
    for (let k = 0; k < 30; k++) {
      opt.zeroGrad();
      const loss = lossOf(w);
      loss.backward();
      opt.step();
      sched.step();
    }
    expect(lossOf(w).item()).toBeLessThan(first);
    expect(sched.getLastLr()).toEqual([0.1 * 0.5 ** 3]);
  });
});

describe('step() runs under noGrad, its closure with grad mode on', () => {
  const makers: [string, (w: Tensor) => { step(closure?: () => Tensor): unknown; zeroGrad(): void }][] = [
    ['SGD', (w) => new SGD([w], { lr: 0.01, momentum: 0.9, weightDecay: 0.1 })],
    ['Adam', (w) => new Adam([w], { lr: 0.01, amsgrad: true, weightDecay: 0.1 })],
    ['AdamW', (w) => new AdamW([w], { lr: 0.01 })],
    ['LBFGS', (w) => new LBFGS([w], { maxIter: 3 })],
  ];
  for (const [name, make] of makers) {
    it(`${name}: the param stays a leaf that requires grad, with no history`, () => {
      const w = tensor(inputs(11, 3), { dtype: 'float64', requiresGrad: true });
      const before = values(w);
      const opt = make(w);
      const closure = () => {
        opt.zeroGrad();
        const loss = lossOf(w);
        loss.backward();
        return loss;
      };
      opt.step(closure);
      expect(values(w)).not.toEqual(before);
      expect(w.isLeaf).toBe(true);
      expect(w.gradFn).toBeNull();
      expect(w.requiresGrad).toBe(true);
      // the next forward records from the updated leaf
      expect(lossOf(w).gradFn).not.toBeNull();
    });

    it(`${name}: step(closure) inside the caller's noGrad still evaluates the closure with grad on`, () => {
      const w = tensor(inputs(12, 3), { dtype: 'float64', requiresGrad: true });
      const opt = make(w);
      const modes: boolean[] = [];
      noGrad(() =>
        opt.step(() => {
          modes.push(isGradEnabled());
          opt.zeroGrad();
          const loss = lossOf(w);
          loss.backward();
          return loss;
        }),
      );
      expect(modes.length).toBeGreaterThan(0);
      expect(modes.every((m) => m)).toBe(true);
      expect(isGradEnabled()).toBe(true);
    });
  }

  it("a rule applied outside noGrad to a leaf that requires grad throws (PyTorch's in-place rule)", () => {
    const w = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const state = rules.initSGDState();
    const o = { lr: 0.1, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };
    expect(() => rules.sgdStep(w, tensor([1, 1], { dtype: 'float64' }), state, o)).toThrow(TorchletError);
    expect(() => rules.sgdStep(w, tensor([1, 1], { dtype: 'float64' }), state, o)).toThrow(/leaf Variable that requires grad/);
    // under noGrad it is the update x - lr g
    noGrad(() => rules.sgdStep(w, tensor([1, 1], { dtype: 'float64' }), state, o));
    expect(values(w)).toEqual([1 - 0.1, 2 - 0.1]);
  });

  it("a non-leaf tensor is rejected, as PyTorch's \"can't optimize a non-leaf Tensor\"", () => {
    const w = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    expect(() => new SGD([w.mul(2)], { lr: 0.1 })).toThrow("SGD: argument 'params[0]' expected a leaf tensor");
    expect(() => new SGD([w.mul(2).detach().requiresGrad_(true)], { lr: 0.1 })).not.toThrow();
  });
});

describe('installation', () => {
  it("the Optimizer constructor installs autograd (a fresh copy of the packages, no setup file's install)", async () => {
    vi.resetModules();
    const tc = await import('@torchlet/tensor-core');
    const optim = await import('../src/index.js');
    expect(() => tc.tensor([1], { dtype: 'float64', requiresGrad: true })).toThrow(/installAutograd\(\)/);
    // the pure rules need no autograd: x - lr g
    const x = tc.tensor([1, 2], { dtype: 'float64' });
    const o = { lr: 0.5, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };
    optim.rules.sgdStep(x, tc.tensor([1, -1], { dtype: 'float64' }), optim.rules.initSGDState(), o);
    expect(values(x)).toEqual([1 - 0.5, 2 + 0.5]);
    const p = tc.tensor([1], { dtype: 'float64' });
    new optim.SGD([p], { lr: 0.5 });
    p.requiresGrad_(true);
    p.grad = tc.tensor([2], { dtype: 'float64' });
    expect(p.requiresGrad).toBe(true);
    vi.resetModules();
  });
});
