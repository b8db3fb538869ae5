// lr schedulers against their closed forms, derived here; edge behaviour of the plateau and sequential ones.
import { describe, expect, it } from 'vitest';
import { Adam, SGD, lrScheduler } from '../src/index.js';
import { param, setGrad, values } from './helpers.js';

const close = (a: number, e: number) => expect(Math.abs(a - e)).toBeLessThanOrEqual(1e-12 + 1e-12 * Math.abs(e));
const sgd = (lrs = [0.1]) =>
  new SGD(lrs.map((lr) => ({ params: [param([0])], lr })), { lr: 0.1, momentum: 0.9 });

/** lr of each group after 0..n steps. */
function trace(s: { step(): void }, opt: SGD | Adam, n: number): number[][] {
  const out = [opt.paramGroups.map((g) => g.lr)];
  for (let i = 0; i < n; i++) {
    s.step();
    out.push(opt.paramGroups.map((g) => g.lr));
  }
  return out;
}

describe('closed forms', () => {
  it('StepLR: base * gamma^floor(t / stepSize)', () => {
    const opt = sgd([0.1, 0.02]);
    trace(new lrScheduler.StepLR(opt, { stepSize: 3, gamma: 0.5 }), opt, 10).forEach((lrs, t) =>
      lrs.forEach((lr, i) => close(lr, [0.1, 0.02][i] * 0.5 ** Math.floor(t / 3))),
    );
  });
  it('MultiStepLR: base * gamma^(milestones <= t), repeated milestones count twice', () => {
    const opt = sgd();
    const ms = [2, 4, 4];
    trace(new lrScheduler.MultiStepLR(opt, { milestones: [4, 2, 4], gamma: 0.1 }), opt, 7).forEach(([lr], t) =>
      close(lr, 0.1 * 0.1 ** ms.filter((m) => m <= t).length),
    );
  });
  it('ExponentialLR: base * gamma^t', () => {
    const opt = sgd();
    trace(new lrScheduler.ExponentialLR(opt, { gamma: 0.9 }), opt, 10).forEach(([lr], t) => close(lr, 0.1 * 0.9 ** t));
  });
  it('CosineAnnealingLR: eta + (base - eta)(1 + cos(pi t / T)) / 2, also past T', () => {
    const opt = sgd();
    const eta = 0.01;
    trace(new lrScheduler.CosineAnnealingLR(opt, { TMax: 5, etaMin: eta }), opt, 23).forEach(([lr], t) =>
      close(lr, eta + ((0.1 - eta) * (1 + Math.cos((Math.PI * t) / 5))) / 2),
    );
  });
  it('CosineAnnealingWarmRestarts: restarts after T0, T0 TMult, ...', () => {
    const opt = sgd();
    const lrs = trace(new lrScheduler.CosineAnnealingWarmRestarts(opt, { T0: 2, TMult: 2 }), opt, 14);
    // periods 2, 4, 8: Tcur resets at t = 2, 6, 14
    const starts = [0, 2, 6, 14];
    lrs.forEach(([lr], t) => {
      const k = starts.filter((s) => s <= t).length - 1;
      const tcur = t - starts[k];
      close(lr, (0.1 * (1 + Math.cos((Math.PI * tcur) / 2 ** (k + 1)))) / 2);
    });
  });
  it('LinearLR: base * (s + (e - s) min(t, n) / n)', () => {
    const opt = sgd();
    trace(new lrScheduler.LinearLR(opt, { startFactor: 0.25, endFactor: 0.75, totalIters: 4 }), opt, 8).forEach(
      ([lr], t) => close(lr, 0.1 * (0.25 + (0.5 * Math.min(t, 4)) / 4)),
    );
  });
  it('LambdaLR: base * lambda(t), one lambda per group', () => {
    const opt = sgd([0.1, 0.2]);
    const s = new lrScheduler.LambdaLR(opt, { lrLambda: [(t) => 1 / (t + 1), (t) => 0.5 ** t] });
    trace(s, opt, 5).forEach(([a, b], t) => {
      close(a, 0.1 / (t + 1));
      close(b, 0.2 * 0.5 ** t);
    });
    expect(Object.keys(s.stateDict())).not.toContain('lrLambdas');
  });
  it('OneCycleLR: initialLr -> maxLr -> minLr, momentum the other way', () => {
    const opt = sgd();
    const s = new lrScheduler.OneCycleLR(opt, { maxLr: 1, totalSteps: 11, pctStart: 0.2, annealStrategy: 'linear' });
    // warm-up ends at step 0.2 * 11 - 1 = 1.2, the last step is 10
    const lrs = trace(s, opt, 10).map(([lr]) => lr);
    close(lrs[0], 1 / 25);
    close(lrs[1], 1 / 25 + (1 - 1 / 25) * (1 / 1.2));
    close(lrs[10], 1 / 25 / 1e4);
    close(lrs[5], 1 + (1 / 25 / 1e4 - 1) * ((5 - 1.2) / (10 - 1.2)));
    close(opt.paramGroups[0].momentum, 0.95);
  });
  it('OneCycleLR cycles beta1 of Adam', () => {
    const opt = new Adam([param([0])]);
    const s = new lrScheduler.OneCycleLR(opt, { maxLr: 0.01, totalSteps: 10 });
    expect(opt.paramGroups[0].betas).toEqual([0.95, 0.999]);
    for (let i = 0; i < 2; i++) s.step();
    // at the end of warm-up (step 2 = 0.3 * 10 - 1) beta1 reaches baseMomentum
    close(opt.paramGroups[0].betas[0], 0.85);
    expect(opt.paramGroups[0].betas[1]).toBe(0.999);
  });
});

describe('ReduceLROnPlateau', () => {
  it('reduces after patience bad epochs, then waits out the cooldown', () => {
    const opt = sgd();
    const s = new lrScheduler.ReduceLROnPlateau(opt, { patience: 1, factor: 0.5, cooldown: 1 });
    const lrs = [1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9].map((m) => {
      s.step(m);
      return s.getLastLr()[0];
    });
    // bad epochs at 3 and 4 -> reduce at 4; cooldown epoch 5; bad 6, 7 -> reduce at 7
    expect(lrs).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]);
  });
  it("mode 'max' with an absolute threshold, never below minLr", () => {
    const opt = sgd();
    const s = new lrScheduler.ReduceLROnPlateau(opt, { mode: 'max', threshold: 0.1, thresholdMode: 'abs', patience: 0, minLr: 0.04 });
    for (const m of [1, 1.05, 1.2, 1.25]) s.step(m);
    // 1.05 and 1.25 improve by <= 0.1: two reductions, 0.1 -> 0.05 -> max(0.025, 0.04)
    close(opt.paramGroups[0].lr, 0.04);
    expect(s.best).toBe(1.2);
  });
});

describe('SequentialLR and the optimizer', () => {
  it('switches scheduler at the milestone, restarting it from epoch 0', () => {
    const opt = sgd();
    const warm = new lrScheduler.LinearLR(opt, { startFactor: 0.5, totalIters: 2 });
    const decay = new lrScheduler.ExponentialLR(opt, { gamma: 0.5 });
    const s = new lrScheduler.SequentialLR(opt, { schedulers: [warm, decay], milestones: [3] });
    const lrs = trace(s, opt, 5).map(([lr]) => lr);
    [0.05, 0.075, 0.1, 0.1, 0.05, 0.025].forEach((e, i) => close(lrs[i], e));
    expect(s.getLastLr()).toEqual([lrs[5]]);
  });
  it('the lr a scheduler sets is the lr the next step uses', () => {
    const p = param([1]);
    const opt = new SGD([p], { lr: 1 });
    const s = new lrScheduler.StepLR(opt, { stepSize: 1, gamma: 0.5 });
    for (let k = 0; k < 3; k++) {
      setGrad(p, [1]);
      opt.step();
      s.step();
    }
    // x = 1 - (1 + 0.5 + 0.25)
    expect(values(p)).toEqual([1 - 1.75]);
  });
});
