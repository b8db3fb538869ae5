// lr schedulers from PyTorch 1.13: each group's lr (and OneCycleLR's momentum / beta1) after
// construction and after every step, over every phase; and resuming from state dicts mid-way.
import { describe, expect, it } from 'vitest';
import * as optim from '@torchlet/optim';
import { lrScheduler } from '@torchlet/optim';
import { zeros } from '@torchlet/tensor-core';
import { fixtureDevice, loadFixture, type FixtureCase } from '../../src/fixtures.js';
import { expectNumber, makeOptimizer, param, type AnyOptimizer } from './helpers.js';

interface SchedulerSpec {
  kind: string;
  options: Record<string, unknown>;
}

interface SchedulerCase extends FixtureCase {
  scheduler: string;
  options: Record<string, unknown>;
  optimizer: 'SGD' | 'Adam';
  group_lrs: number[];
  steps: number;
  lrs: number[][];
  momentum: number[][];
  metrics?: number[];
}

const fixture = loadFixture<SchedulerCase>('optim', 'schedulers');

// The generator's named lambdas (cases_optim.py lambda_fn).
const LAMBDAS: Record<string, lrScheduler.LrLambda> = {
  inverse: (epoch) => 1 / (1 + epoch),
  power: (epoch) => 0.9 ** epoch,
};

type AnyScheduler = lrScheduler.Scheduler & { step(arg?: number): void };

function buildScheduler(spec: SchedulerSpec, opt: AnyOptimizer): AnyScheduler {
  const o = spec.options;
  const S = lrScheduler as unknown as Record<string, new (opt: AnyOptimizer, options: unknown) => AnyScheduler>;
  if (spec.kind === 'LambdaLR') return new lrScheduler.LambdaLR(opt, { lrLambda: LAMBDAS[o.lrLambda as string] });
  if (spec.kind === 'SequentialLR') {
    const subs = (o.schedulers as SchedulerSpec[]).map((s) => buildScheduler(s, opt));
    return new lrScheduler.SequentialLR(opt, {
      schedulers: subs as unknown as lrScheduler.LRScheduler[],
      milestones: o.milestones as number[],
    }) as unknown as AnyScheduler;
  }
  return new S[spec.kind](opt, o);
}

function setup(c: SchedulerCase): { opt: AnyOptimizer; sched: AnyScheduler } {
  const groups = c.group_lrs.map((lr) => ({ params: [param(zeros([2]))], lr }));
  const opt =
    c.optimizer === 'SGD' ? makeOptimizer('SGD', groups, { lr: 0.1, momentum: 0.9 }) : makeOptimizer('Adam', groups, {});
  return { opt, sched: buildScheduler({ kind: c.scheduler, options: c.options }, opt) };
}

function momentumOf(opt: AnyOptimizer, c: SchedulerCase): number[] {
  return opt.paramGroups.map((g) =>
    c.optimizer === 'Adam' ? (g as unknown as optim.AdamGroupOptions).betas[0] : (g as unknown as optim.SGDGroupOptions).momentum,
  );
}

function check(opt: AnyOptimizer, c: SchedulerCase, k: number): void {
  opt.paramGroups.forEach((g, i) => {
    expectNumber(g.lr, c.lrs[k][i], c, `step ${k} group ${i} lr`);
  });
  momentumOf(opt, c).forEach((m, i) => expectNumber(m, c.momentum[k][i], c, `step ${k} group ${i} momentum`));
}

function advance(sched: AnyScheduler, opt: AnyOptimizer, c: SchedulerCase, k: number): void {
  opt.step();
  if (c.metrics) (sched as unknown as lrScheduler.ReduceLROnPlateau).step(c.metrics[k]);
  else sched.step();
}

describe('lr schedulers (PyTorch fixtures)', () => {
  // what the fixture file covers is checked where every case loads (a device without float64 drops some)
  it.skipIf(fixtureDevice() !== 'cpu')('covers every scheduler', () => {
    const kinds = new Set(fixture.cases.map((c) => c.scheduler));
    for (const k of [
      'StepLR',
      'MultiStepLR',
      'ExponentialLR',
      'CosineAnnealingLR',
      'CosineAnnealingWarmRestarts',
      'LinearLR',
      'LambdaLR',
      'OneCycleLR',
      'ReduceLROnPlateau',
      'SequentialLR',
    ]) {
      expect(kinds.has(k), k).toBe(true);
    }
  });

  for (const c of fixture.cases) {
    it(`${c.id}: lr over ${c.steps} steps`, () => {
      const { opt, sched } = setup(c);
      check(opt, c, 0);
      for (let k = 0; k < c.steps; k++) {
        advance(sched, opt, c, k);
        check(opt, c, k + 1);
        expect(sched.getLastLr()).toEqual(opt.paramGroups.map((g) => g.lr));
      }
    });

    it(`${c.id}: resumes from the optimizer's and the scheduler's state dicts`, () => {
      const first = setup(c);
      const split = Math.floor(c.steps / 2);
      for (let k = 0; k < split; k++) advance(first.sched, first.opt, c, k);
      const optState = first.opt.stateDict();
      const schedState = first.sched.stateDict();
      const second = setup(c);
      second.opt.loadStateDict(optState);
      second.sched.loadStateDict(schedState);
      for (let k = split; k < c.steps; k++) {
        advance(second.sched, second.opt, c, k);
        check(second.opt, c, k + 1);
      }
    });
  }
});
