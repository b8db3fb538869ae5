// Replays optimizer trajectories from PyTorch 1.13 (trajectories.json, extra_trajectories.json): the same
// gradients fed at each step must give the same params after every step, the same final state, and the
// same result when resumed from a state dict.
import { describe, expect, it } from 'vitest';
import type { Optimizer, Param } from '@torchlet/optim';
import { fixtureDevice, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { decode, expectState, expectTensor, makeOptimizer, param, type AnyOptimizer } from './helpers.js';

interface TrajectoryCase extends FixtureCase {
  optimizer: string;
  options: Record<string, unknown>;
  groups?: Record<string, unknown>[];
  steps: number;
  initial: EncodedTensor[];
  grads: EncodedTensor[][];
  trajectory: EncodedTensor[][];
  final_state: Record<string, Record<string, EncodedTensor | number | null>>;
  extra?: EncodedTensor;
}

function build(c: TrajectoryCase, values = c.initial.map(decode)): { params: Param[]; all: Param[]; opt: AnyOptimizer } {
  const params = values.map(param);
  const extra = c.extra ? param(decode(c.extra)) : null;
  const all = extra ? [...params, extra] : params;
  const spec = c.groups ? params.map((p, i) => ({ params: [p], ...c.groups?.[i] })) : all;
  return { params, all, opt: makeOptimizer(c.optimizer, spec, c.options) };
}

function feed(params: Param[], grads: EncodedTensor[]): void {
  params.forEach((p, i) => {
    p.grad = decode(grads[i]);
  });
}

/** One test per case (params after every step, final state) and one resuming from a state dict mid-way. */
export function describeTrajectories(title: string, name: string, optimizers: readonly string[]): void {
  const fixture = loadFixture<TrajectoryCase>('optim', name);
  describe(title, () => {
    // what the fixture file covers is checked where every case loads (a device without float64 drops some)
    it.skipIf(fixtureDevice() !== 'cpu')('covers every optimizer in both dtypes', () => {
      const names = new Set(fixture.cases.map((c) => `${c.optimizer}.${c.dtype}`));
      for (const o of optimizers) {
        expect(names.has(`${o}.float32`) && names.has(`${o}.float64`), o).toBe(true);
      }
    });

    for (const c of fixture.cases) {
      it(`${c.id}: params after each of ${c.steps} steps and the final state`, () => {
        const { params, all, opt } = build(c);
        const extraBefore = c.extra ? decode(c.extra) : null;
        for (let k = 0; k < c.steps; k++) {
          feed(params, c.grads[k]);
          opt.step();
          params.forEach((p, i) => expectTensor(p, c.trajectory[k][i], c, `step ${k + 1} param ${i}`));
        }
        if (extraBefore) {
          // a param whose grad stays null is skipped: unchanged, no state
          expectTensor(all[2], c.extra as EncodedTensor, { rtol: 0, atol: 0 }, 'param without grad');
          expect(opt.state.has(all[2])).toBe(false);
        }
        const sd = opt.stateDict();
        for (const [idx, st] of Object.entries(c.final_state)) {
          expectState(sd.state[Number(idx)] as Record<string, unknown>, st, c, `state[${idx}]`);
        }
      });

      it(`${c.id}: stateDict() after 3 steps, loaded into a fresh optimizer, resumes exactly`, () => {
        const first = build(c);
        const split = 3;
        for (let k = 0; k < split; k++) {
          feed(first.params, c.grads[k]);
          first.opt.step();
        }
        const saved = first.opt.stateDict();
        // a fresh optimizer on the params as they are after 3 steps (fresh leaves: copies cut from any graph)
        const resumed = build(c, first.params.map((p) => p.detach().clone()));
        (resumed.opt as Optimizer<never, object>).loadStateDict(saved as never);
        // stepping the original afterwards must not change the saved dict
        feed(first.params, c.grads[split]);
        first.opt.step();
        for (let k = split; k < c.steps; k++) {
          feed(resumed.params, c.grads[k]);
          resumed.opt.step();
          resumed.params.forEach((p, i) => expectTensor(p, c.trajectory[k][i], c, `resumed step ${k + 1} param ${i}`));
        }
      });
    }
  });
}
