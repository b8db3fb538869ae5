// ConstantLR, PolynomialLR, MultiplicativeLR, CyclicLR and ChainedScheduler from PyTorch 1.13: each
// group's lr and momentum (or beta1) after construction and every step, step(epoch) (closed form where
// PyTorch has one), and resuming from the optimizer's and the scheduler's state dicts mid-way.
import { describe, expect, it } from 'vitest';
import { fixtureDevice, loadFixture, type FixtureCase } from '../../src/fixtures.js';
import { buildScheduler, makeGroupsOptimizer, momentumOf, type AnyScheduler, type OptimizerName } from './extra-builders.js';
import { expectNumber, type AnyOptimizer } from './helpers.js';

interface SchedulerCase extends FixtureCase {
  scheduler: string;
  options: Record<string, unknown>;
  optimizer: OptimizerName;
  group_lrs: number[];
  steps: number;
  lrs: number[][];
  momentum: number[][];
  /** step(epoch) arguments; null: step(). */
  epochs?: (number | null)[];
}

const fixture = loadFixture<SchedulerCase>('optim', 'extra_schedulers');

function setup(c: SchedulerCase): { opt: AnyOptimizer; sched: AnyScheduler } {
  const opt = makeGroupsOptimizer(c.optimizer, c.group_lrs);
  return { opt, sched: buildScheduler({ kind: c.scheduler, options: c.options }, opt) };
}

function check(opt: AnyOptimizer, c: SchedulerCase, k: number): void {
  opt.paramGroups.forEach((g, i) => expectNumber(g.lr, c.lrs[k][i], c, `step ${k} group ${i} lr`));
  momentumOf(opt, c.optimizer).forEach((m, i) => expectNumber(m, c.momentum[k][i], c, `step ${k} group ${i} momentum`));
}

function advance(sched: AnyScheduler, opt: AnyOptimizer, c: SchedulerCase, k: number): void {
  opt.step();
  const epoch = c.epochs?.[k];
  if (epoch === undefined || epoch === null) sched.step();
  else sched.step(epoch);
}

describe('ConstantLR, PolynomialLR, MultiplicativeLR, CyclicLR, ChainedScheduler (PyTorch fixtures)', () => {
  // what the fixture file covers is checked where every case loads (a device without float64 drops some)
  it.skipIf(fixtureDevice() !== 'cpu')('covers every new scheduler, step(epoch), and CyclicLR with SGD, RMSprop and Adam', () => {
    const kinds = new Set(fixture.cases.map((c) => c.scheduler));
    for (const k of ['ConstantLR', 'PolynomialLR', 'MultiplicativeLR', 'CyclicLR', 'ChainedScheduler']) {
      expect(kinds.has(k), k).toBe(true);
    }
    const cyclic = new Set(fixture.cases.filter((c) => c.scheduler === 'CyclicLR').map((c) => c.optimizer));
    expect([...cyclic].sort()).toEqual(['Adam', 'RMSprop', 'SGD']);
    expect(fixture.cases.filter((c) => c.epochs).length).toBeGreaterThanOrEqual(4);
  });

  for (const c of fixture.cases) {
    it(`${c.id}: lr and momentum over ${c.steps} steps`, () => {
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
      expect(second.sched.getLastLr()).toEqual(first.sched.getLastLr());
      for (let k = split; k < c.steps; k++) {
        advance(second.sched, second.opt, c, k);
        check(second.opt, c, k + 1);
      }
    });
  }
});
