// ConstantLR, PolynomialLR, MultiplicativeLR, CyclicLR and ChainedScheduler against closed forms derived
// here, and their argument checks ("<Scheduler>: invalid <argument>: expected ..., got ...").
import { describe, expect, it } from 'vitest';
import { ValueError } from '@torchlet/tensor-core';
import { Adam, RMSprop, SGD, lrScheduler } from '../src/index.js';
import { param } from './helpers.js';

const { ConstantLR, PolynomialLR, MultiplicativeLR, CyclicLR, ChainedScheduler, ExponentialLR, ReduceLROnPlateau, StepLR } =
  lrScheduler;
const close = (a: number, e: number) => expect(Math.abs(a - e)).toBeLessThanOrEqual(1e-12 + 1e-12 * Math.abs(e));
const sgd = (lrs = [0.1]) => new SGD(lrs.map((lr) => ({ params: [param([0])], lr })), { lr: 0.1, momentum: 0.9 });

/** lr of each group after 0..n steps. */
function trace(s: { step(): void }, opt: { paramGroups: { lr: number }[] }, n: number): number[][] {
  const out = [opt.paramGroups.map((g) => g.lr)];
  for (let i = 0; i < n; i++) {
    s.step();
    out.push(opt.paramGroups.map((g) => g.lr));
  }
  return out;
}

describe('closed forms', () => {
  it('ConstantLR: base * factor before totalIters, base from then on; step(epoch) agrees', () => {
    const opt = sgd([0.1, 0.02]);
    const s = new ConstantLR(opt, { factor: 0.5, totalIters: 3 });
    trace(s, opt, 6).forEach((lrs, t) => lrs.forEach((lr, i) => close(lr, [0.1, 0.02][i] * (t < 3 ? 0.5 : 1))));
    s.step(1);
    close(opt.paramGroups[0].lr, 0.05);
  });
  it('PolynomialLR: base * (1 - min(t, n) / n)^power, 0 from totalIters on', () => {
    const opt = sgd();
    const s = new PolynomialLR(opt, { totalIters: 4, power: 2 });
    trace(s, opt, 7).forEach(([lr], t) => close(lr, 0.1 * (1 - Math.min(t, 4) / 4) ** 2));
    s.step(2);
    close(opt.paramGroups[0].lr, 0.1 * 0.25);
  });
  it('MultiplicativeLR: lr * prod of lambda(1..t), one lambda per group', () => {
    const opt = sgd([0.1, 0.2]);
    const s = new MultiplicativeLR(opt, { lrLambda: [(e) => 0.5, (e) => 1 / (e + 1)] });
    let prod = 1;
    trace(s, opt, 5).forEach(([a, b], t) => {
      if (t > 0) prod /= t + 1;
      close(a, 0.1 * 0.5 ** t);
      close(b, 0.2 * prod);
    });
  });
  it('CyclicLR triangular: a triangle between baseLr and maxLr, momentum the other way', () => {
    const opt = sgd();
    const s = new CyclicLR(opt, { baseLr: 0.01, maxLr: 0.05, stepSizeUp: 2, stepSizeDown: 4 });
    const h = [0, 0.5, 1, 0.75, 0.5, 0.25, 0, 0.5];
    trace(s, opt, 7).forEach(([lr], t) => close(lr, 0.01 + 0.04 * h[t]));
    close(opt.paramGroups[0].momentum, 0.9 - 0.1 * h[7]);
  });
  it('CyclicLR triangular2 halves the amplitude each cycle; exp_range scales by gamma^t', () => {
    const opt = sgd();
    trace(new CyclicLR(opt, { baseLr: 0, maxLr: 1, stepSizeUp: 1, mode: 'triangular2' }), opt, 6).forEach(([lr], t) =>
      close(lr, t % 2 === 1 ? 1 / 2 ** ((t - 1) / 2) : 0),
    );
    const opt2 = sgd();
    trace(new CyclicLR(opt2, { baseLr: 0, maxLr: 1, stepSizeUp: 1, mode: 'exp_range', gamma: 0.5 }), opt2, 5).forEach(
      ([lr], t) => close(lr, t % 2 === 1 ? 0.5 ** t : 0),
    );
  });
  it('CyclicLR with Adam and cycleMomentum false leaves betas alone; with RMSprop cycles momentum', () => {
    const adam = new Adam([param([0])]);
    new CyclicLR(adam, { baseLr: 0.01, maxLr: 0.1, cycleMomentum: false }).step();
    expect(adam.paramGroups[0].betas).toEqual([0.9, 0.999]);
    const rms = new RMSprop([param([0])], { momentum: 0.5 });
    new CyclicLR(rms, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 1, baseMomentum: 0.2, maxMomentum: 0.6 }).step();
    close(rms.paramGroups[0].momentum, 0.2);
  });
  it('ChainedScheduler: the factors multiply (PyTorch docstring: 0.09, 0.081, 0.729 ...)', () => {
    const opt = sgd([1]);
    const chained = new ChainedScheduler([new ConstantLR(opt, { factor: 0.1, totalIters: 2 }), new ExponentialLR(opt, { gamma: 0.9 })]);
    close(chained.getLastLr()[0], 0.1);
    trace(chained, opt, 4).forEach(([lr], t) => close(lr, 0.9 ** t * (t < 2 ? 0.1 : 1)));
    expect(chained.getLastLr()).toEqual(opt.paramGroups.map((g) => g.lr));
  });
});

/** `fn` throws a ValueError "<owner>: invalid <argument>: expected ..., got ...". */
function expectInvalid(fn: () => unknown, owner: string, argument: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, `${owner} ${argument}: no error`).toBeInstanceOf(ValueError);
  const message = (error as Error).message;
  expect(message.startsWith(`${owner}: invalid ${argument}: expected `), message).toBe(true);
}
const loose = <T>(o: Record<string, unknown>) => o as unknown as T;

describe('argument errors', () => {
  it('ConstantLR: factor in (0, 1], totalIters a positive integer, unknown options', () => {
    for (const factor of [1.5, -0.1, 0, Number.NaN]) expectInvalid(() => new ConstantLR(sgd(), { factor }), 'ConstantLR', 'factor');
    for (const totalIters of [0, 2.5]) expectInvalid(() => new ConstantLR(sgd(), { totalIters }), 'ConstantLR', 'totalIters');
    expectInvalid(() => new ConstantLR(sgd(), loose({ factr: 0.5 })), 'ConstantLR', 'options');
    expect(() => new ConstantLR(sgd(), { factor: 1 })).not.toThrow();
  });
  it('PolynomialLR: totalIters a positive integer, power >= 0', () => {
    expectInvalid(() => new PolynomialLR(sgd(), { totalIters: 0 }), 'PolynomialLR', 'totalIters');
    expectInvalid(() => new PolynomialLR(sgd(), { power: -1 }), 'PolynomialLR', 'power');
  });
  it('MultiplicativeLR: a function or one per group', () => {
    expectInvalid(() => new MultiplicativeLR(sgd([0.1, 0.2]), { lrLambda: [() => 1] }), 'MultiplicativeLR', 'lrLambda');
    expectInvalid(() => new MultiplicativeLR(sgd(), loose({ lrLambda: 0.9 })), 'MultiplicativeLR', 'lrLambda');
    expectInvalid(() => new MultiplicativeLR(sgd(), loose({})), 'MultiplicativeLR', 'lrLambda');
  });
  it('CyclicLR: boundaries, step sizes, modes, momentum support; the groups are untouched on error', () => {
    const opt = sgd([0.1, 0.2]);
    expectInvalid(() => new CyclicLR(opt, { baseLr: [0.1], maxLr: 1 }), 'CyclicLR', 'baseLr');
    expectInvalid(() => new CyclicLR(opt, loose({ baseLr: 0.1 })), 'CyclicLR', 'maxLr');
    expectInvalid(() => new CyclicLR(opt, { baseLr: 0.1, maxLr: 1, stepSizeUp: 0 }), 'CyclicLR', 'stepSizeUp');
    expectInvalid(() => new CyclicLR(opt, { baseLr: 0.1, maxLr: 1, stepSizeDown: -1 }), 'CyclicLR', 'stepSizeDown');
    expectInvalid(() => new CyclicLR(opt, loose({ baseLr: 0.1, maxLr: 1, mode: 'linear' })), 'CyclicLR', 'mode');
    expectInvalid(() => new CyclicLR(opt, loose({ baseLr: 0.1, maxLr: 1, scaleMode: 'epochs' })), 'CyclicLR', 'scaleMode');
    expectInvalid(() => new CyclicLR(opt, loose({ baseLr: 0.1, maxLr: 1, scaleFn: 2 })), 'CyclicLR', 'scaleFn');
    expectInvalid(() => new CyclicLR(opt, { baseLr: 0.1, maxLr: 1, maxMomentum: [0.9] }), 'CyclicLR', 'maxMomentum');
    expectInvalid(() => new CyclicLR(new Adam([param([0])]), { baseLr: 0.1, maxLr: 1 }), 'CyclicLR', 'cycleMomentum');
    expectInvalid(() => new CyclicLR(opt, loose({ baseLr: 0.1, maxLr: 1, stepSize: 10 })), 'CyclicLR', 'options');
    expect(opt.paramGroups.map((g) => [g.lr, g.momentum])).toEqual([[0.1, 0.9], [0.2, 0.9]]);
    // with a scaleFn, mode is ignored (as PyTorch)
    expect(() => new CyclicLR(opt, loose({ baseLr: 0.1, maxLr: 1, mode: 'linear', scaleFn: () => 1 }))).not.toThrow();
  });
  it('ChainedScheduler: a non-empty list of steppable schedulers on one optimizer', () => {
    const opt = sgd();
    expectInvalid(() => new ChainedScheduler([]), 'ChainedScheduler', 'schedulers');
    expectInvalid(() => new ChainedScheduler([new StepLR(opt, { stepSize: 2 }), new StepLR(sgd(), { stepSize: 2 })]), 'ChainedScheduler', 'schedulers[1]');
    expectInvalid(() => new ChainedScheduler([new ReduceLROnPlateau(opt)] as never), 'ChainedScheduler', 'schedulers[0]');
    expectInvalid(() => new ChainedScheduler([opt] as never), 'ChainedScheduler', 'schedulers[0]');
  });
});
