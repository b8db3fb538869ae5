// The optimizers drive @torchlet/autograd tensors directly: backward fills .grad, step updates .value.
import { describe, expect, it } from 'vitest';
import * as ag from '@torchlet/autograd';
import { Adam, SGD, lrScheduler } from '../src/index.js';
import { expectClose, inputs, values } from './helpers.js';

const X = [inputs(1, 3), inputs(2, 3), inputs(3, 3), inputs(4, 3)];
const Y = inputs(5, 4);

/** loss = sum((X w - y)^2) with autograd. */
function lossOf(w: ag.Tensor): ag.Tensor {
  const x = ag.tensor(X, { dtype: 'float64' });
  const y = ag.tensor(Y, { dtype: 'float64' });
  return x.matmul(w).sub(y).pow(2).sum();
}

/** Its gradient 2 X^T (X w - y), written out. */
function gradOf(w: number[]): number[] {
  const r = X.map((row, i) => row.reduce((s, a, j) => s + a * w[j], 0) - Y[i]);
  return w.map((_, j) => 2 * X.reduce((s, row, i) => s + row[j] * r[i], 0));
}

describe('with @torchlet/autograd', () => {
  it('SGD with momentum: each step uses the gradient backward computed', () => {
    const w = ag.tensor(inputs(9, 3), { dtype: 'float64', requiresGrad: true });
    const opt = new SGD([w], { lr: 0.01, momentum: 0.9 });
    let x = values(w.value);
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
      expectClose(values(w.value), x);
    }
  });

  it('zeroGrad: null grads by default; zeroed in place with setToNone false (backward then accumulates)', () => {
    const w = ag.tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    const opt = new Adam([w]);
    lossOf(w).backward();
    opt.zeroGrad();
    expect(w.grad).toBeNull();
    lossOf(w).backward();
    const g = w.grad;
    opt.zeroGrad({ setToNone: false });
    expect(w.grad).toBe(g);
    expect(values(w.grad!.value)).toEqual([0, 0, 0]);
    lossOf(w).backward();
    expectClose(values(w.grad!.value), gradOf([1, 2, 3]));
  });

  it('a training loop with Adam and a scheduler lowers the loss', () => {
    const w = ag.tensor([0, 0, 0], { dtype: 'float64', requiresGrad: true });
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
