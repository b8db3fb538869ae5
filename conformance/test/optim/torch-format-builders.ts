// Builds the schedulers of generator/cases_optim_torch_format_schedulers.py from their specs (functions
// by name, SequentialLR's and ChainedScheduler's children as specs), and compares torch-format JSON.
import { expect } from 'vitest';
import { lrScheduler, swaUtils } from '@torchlet/optim';
import type { Tolerance } from '../../src/fixtures.js';
import type { AnyScheduler, SchedulerSpec } from './extra-builders.js';
import { expectNumber, type AnyOptimizer } from './helpers.js';

/** The generator's Stateful: 0.95^calls, counting calls (its `calls` is in PyTorch's state_dict). */
function stateful(): (epoch: number) => number {
  const fn = Object.assign(() => 0.95 ** fn.calls++, { calls: 0 });
  return fn;
}

/** The generator's FUNCTIONS, fresh for each build. */
const FUNCTIONS: Record<string, () => (x: number) => number> = {
  pow09: () => (e) => 0.9 ** e,
  alternate: () => (e) => (e % 2 !== 0 ? 0.9 : 1.05),
  inverse: () => (x) => 1 / (1 + 0.1 * x),
  stateful,
};

function named(v: unknown): unknown {
  return Array.isArray(v) ? v.map((n: string) => FUNCTIONS[n]()) : FUNCTIONS[v as string]();
}

/** The scheduler a spec of the generator's SCHEDULERS builds on `opt`. */
export function buildSpec(spec: SchedulerSpec, opt: AnyOptimizer): AnyScheduler {
  const o = spec.options;
  if (spec.kind === 'ChainedScheduler') {
    return new lrScheduler.ChainedScheduler((o.schedulers as SchedulerSpec[]).map((s) => buildSpec(s, opt)));
  }
  if (spec.kind === 'SequentialLR') {
    const schedulers = (o.schedulers as SchedulerSpec[]).map((s) => buildSpec(s, opt) as lrScheduler.LRScheduler);
    return new lrScheduler.SequentialLR(opt, { schedulers, milestones: o.milestones as number[] });
  }
  if (spec.kind === 'SWALR') return new swaUtils.SWALR(opt, o as unknown as swaUtils.SWALROptions);
  const options: Record<string, unknown> = { ...o };
  if ('lrLambda' in o) options.lrLambda = named(o.lrLambda);
  if ('scaleFn' in o) options.scaleFn = named(o.scaleFn);
  const Ctor = (lrScheduler as unknown as Record<string, new (opt: AnyOptimizer, options: unknown) => AnyScheduler>)[spec.kind];
  return new Ctor(opt, options);
}

/** JSON from torchlet against PyTorch's: the same keys everywhere, numbers within the tolerance. */
export function expectJson(actual: unknown, expected: unknown, tol: Tolerance, path: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, `${path}: type`).toBe('number');
    expectNumber(actual as number, expected, tol, path);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual) && actual.length, `${path}: length`).toBe(expected.length);
    expected.forEach((e, i) => expectJson((actual as unknown[])[i], e, tol, `${path}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', `${path}: an object`).toBe(true);
    expect(Object.keys(actual as object).sort(), `${path}: keys`).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected)) expectJson((actual as Record<string, unknown>)[k], e, tol, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}
