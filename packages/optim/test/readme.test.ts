// The README's examples, run as written.
import { describe, expect, it } from 'vitest';
import { installAutograd } from '@torchlet/autograd';
import { manualSeed, randn, tensor, type Tensor } from '@torchlet/tensor-core';
import { Adam, LBFGS, SGD, lrScheduler, rules } from '../src/index.js';

describe('README examples', () => {
  it('the training loop with SGD and StepLR', () => {
    manualSeed(0);
    installAutograd();
    const w = randn([3, 2], { requiresGrad: true });
    const x = randn([8, 3]);
    const y = randn([8, 2]);
    const optimizer = new SGD([w], { lr: 0.1, momentum: 0.9 });
    const scheduler = new lrScheduler.StepLR(optimizer, { stepSize: 10, gamma: 0.5 });
    const before = x.matmul(w).sub(y).pow(2).mean().item();
    for (let epoch = 0; epoch < 30; epoch++) {
      optimizer.zeroGrad();
      const loss = x.matmul(w).sub(y).pow(2).mean();
      loss.backward();
      optimizer.step();
      scheduler.step();
    }
    expect(x.matmul(w).sub(y).pow(2).mean().item()).toBeLessThan(before);
    expect(scheduler.getLastLr()).toEqual([0.1 * 0.5 ** 3]);
  });

  it('Adam options, LBFGS with a closure, SequentialLR, ReduceLROnPlateau', () => {
    const p = tensor([1, -1], { dtype: 'float32', requiresGrad: true });
    const adam = new Adam([p], { lr: 1e-3, betas: [0.9, 0.999], amsgrad: true });
    const x = tensor([2, 3], { dtype: 'float64', requiresGrad: true });
    const objective = (v: Tensor) => v.sub(1).pow(2).sum();
    const lbfgs = new LBFGS([x], { lineSearchFn: 'strong_wolfe', historySize: 10 });
    const loss = lbfgs.step(() => {
      lbfgs.zeroGrad();
      const l = objective(x);
      l.backward();
      return l;
    });
    expect(loss.item()).toBe(5);
    expect(objective(x).item()).toBeLessThan(1e-12);

    const warmup = new lrScheduler.LinearLR(adam, { startFactor: 0.1, totalIters: 5 });
    const decay = new lrScheduler.CosineAnnealingLR(adam, { TMax: 95 });
    const scheduler = new lrScheduler.SequentialLR(adam, { schedulers: [warmup, decay], milestones: [5] });
    scheduler.step();
    expect(scheduler.getLastLr()[0]).toBeCloseTo(1e-3 * (0.1 + 0.9 / 5), 15);
    const plateau = new lrScheduler.ReduceLROnPlateau(adam, { patience: 3, factor: 0.5 });
    plateau.step(1.0);
    expect(plateau.getLastLr()).toEqual(adam.paramGroups.map((g) => g.lr));
  });

  it('a pure rule on tensor-core tensors', () => {
    const x = tensor([1, 2, 3], { dtype: 'float32' });
    const state = rules.initAdamState(x, false);
    rules.adamStep(x, tensor([0.1, -0.2, 0.3], { dtype: 'float32' }), state, {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
    });
    // Adam's first step moves each element by about lr against the sign of its gradient
    const moved = Array.from(x.toTypedArray()).map((v, i) => v - [1, 2, 3][i]);
    moved.forEach((m, i) => expect(m * Math.sign([0.1, -0.2, 0.3][i])).toBeCloseTo(-1e-3, 6));
    expect(state.step).toBe(1);
  });
});
