// Builds what cases_optim_extra.py built in PyTorch: its optimizers and schedulers (with its named
// functions), for extra-schedulers.test.ts and extra-errors.test.ts.
import { lrScheduler } from '@torchlet/optim';
import { zeros } from '@torchlet/tensor-core';
import { makeOptimizer, param, type AnyOptimizer } from './helpers.js';

export interface SchedulerSpec {
  kind: string;
  options: Record<string, unknown>;
}

export type OptimizerName = 'SGD' | 'RMSprop' | 'Adam';

/** The generator's FUNCTIONS: MultiplicativeLR's lrLambda and CyclicLR's scaleFn, by name. */
export const FUNCTIONS: Record<string, (x: number) => number> = {
  const95: () => 0.95,
  alternate: (epoch) => (epoch % 2 !== 0 ? 0.9 : 1.05),
  inverse: (x) => 1 / (1 + 0.1 * x),
  cosine: (x) => 0.5 * (1 + Math.cos(x)),
};

export type AnyScheduler = lrScheduler.Scheduler & { step(epoch?: number): void };
type SchedulerCtor = new (opt: AnyOptimizer, options: unknown) => AnyScheduler;

/** `new lrScheduler[kind](opt, options)`, named functions resolved; ChainedScheduler from its specs. */
export function buildScheduler(spec: SchedulerSpec, opt: AnyOptimizer): AnyScheduler {
  if (spec.kind === 'ChainedScheduler') {
    const subs = (spec.options.schedulers as SchedulerSpec[]).map((s) => buildScheduler(s, opt));
    return new lrScheduler.ChainedScheduler(subs);
  }
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec.options)) {
    const named = k === 'lrLambda' || k === 'scaleFn';
    options[k] = named ? (Array.isArray(v) ? v.map((n: string) => FUNCTIONS[n]) : FUNCTIONS[v as string]) : v;
  }
  const Ctor = (lrScheduler as unknown as Record<string, SchedulerCtor>)[spec.kind];
  return new Ctor(opt, options);
}

/** The generator's make_optimizer: two groups with lrs `groupLrs`, SGD (momentum 0.9), RMSprop (momentum 0.5) or Adam. */
export function makeGroupsOptimizer(name: OptimizerName, groupLrs: number[]): AnyOptimizer {
  const groups = groupLrs.map((lr) => ({ params: [param(zeros([2]))], lr }));
  if (name === 'SGD') return makeOptimizer('SGD', groups, { lr: 0.1, momentum: 0.9 });
  if (name === 'RMSprop') return makeOptimizer('RMSprop', groups, { momentum: 0.5 });
  return makeOptimizer('Adam', groups, {});
}

/** Each group's momentum, or Adam's beta1. */
export function momentumOf(opt: AnyOptimizer, name: OptimizerName): number[] {
  return opt.paramGroups.map((g) => {
    const group = g as unknown as { momentum?: number; betas?: [number, number] };
    return name === 'Adam' ? (group.betas as [number, number])[0] : (group.momentum as number);
  });
}
