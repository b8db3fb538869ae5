// Per-scheduler differences between torchlet's state dict and PyTorch 1.13's: fields PyTorch has and
// torchlet derives, and the fields whose PyTorch value is not torchlet's data as it is.
import { TorchletError } from '@torchlet/tensor-core';
import type { Scheduler } from '../lr-scheduler/base.js';
import { encodeData, type TorchJson } from './json.js';

type JsonObject = { [key: string]: TorchJson };

/** How one scheduler class differs from the plain field-for-field mapping. */
export interface SchedulerKind {
  /** Fields PyTorch has and torchlet derives: written as given, ignored when loading. */
  torchOnly(sd: Record<string, unknown>, scheduler: Scheduler): JsonObject;
  /** Rewrite PyTorch-named JSON (from torchlet's fields) into PyTorch's values, in place. */
  write?(out: JsonObject, scheduler: Scheduler): void;
  /**
   * Rewrite PyTorch's JSON into what torchlet's fields hold (a copy); the function returned, if any,
   * runs after the fields are loaded.
   */
  read?(json: JsonObject, scheduler: Scheduler, where: string): { json: JsonObject; after?: () => void };
}

const LR_SCHEDULER_ONLY: JsonObject = { verbose: false, _get_lr_called_within_step: false };
const plain: SchedulerKind = { torchOnly: () => LR_SCHEDULER_ONLY };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** MultiStepLR's milestones as PyTorch's Counter gives them to JSON: `{ "<epoch>": count }`. */
function milestonesToCounter(out: JsonObject): void {
  const counter: JsonObject = {};
  for (const m of out.milestones as number[]) counter[String(m)] = ((counter[String(m)] as number | undefined) ?? 0) + 1;
  out.milestones = counter;
}

/** The inverse: `{ "2": 1, "4": 2 }` -> [2, 4, 4] (sorted, as torchlet keeps them). */
function counterToMilestones(value: TorchJson | undefined, where: string): number[] {
  if (!isObject(value)) {
    throw new TorchletError(`${where}: key 'milestones' expected a {milestone: count} object (PyTorch's Counter), got ${JSON.stringify(value)}`);
  }
  const out: number[] = [];
  for (const [k, count] of Object.entries(value)) {
    const m = Number(k);
    if (!/^\d+$/.test(k) || typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw new TorchletError(`${where}: key 'milestones' expected epochs (integers >= 0) with integer counts, got ${JSON.stringify(k)}: ${JSON.stringify(count)}`);
    }
    for (let i = 0; i < count; i++) out.push(m);
  }
  return out.sort((a, b) => a - b);
}

type StatefulFn = ((...args: number[]) => number) & Record<string, unknown>;

function lambdasOf(scheduler: Scheduler): StatefulFn[] {
  return (scheduler as unknown as { lrLambdas: StatefulFn[] }).lrLambdas;
}

/**
 * LambdaLR's and MultiplicativeLR's `lr_lambdas`: null for a plain function, as PyTorch; a function
 * with own enumerable properties (torchlet's callable object) gives them, as PyTorch gives a
 * callable object's `__dict__`. Loading keeps the scheduler's own functions and copies such
 * properties back onto them.
 */
const lambdas: SchedulerKind = {
  torchOnly: () => LR_SCHEDULER_ONLY,
  write(out, scheduler) {
    out.lr_lambdas = lambdasOf(scheduler).map((fn) => (Object.keys(fn).length === 0 ? null : encodeData({ ...fn }, 'lr_lambdas')));
  },
  read(json, scheduler, where) {
    const { lr_lambdas: saved, ...rest } = json;
    const fns = lambdasOf(scheduler);
    if (saved === undefined) return { json: rest };
    if (!Array.isArray(saved) || saved.length !== fns.length || !saved.every((v) => v === null || isObject(v))) {
      throw new TorchletError(`${where}: key 'lr_lambdas' expected a list of ${fns.length} (null or an object of a function's fields), got ${JSON.stringify(saved)}`);
    }
    return { json: rest, after: () => saved.forEach((v, i) => v !== null && Object.assign(fns[i], v)) };
  },
};

/**
 * CyclicLR: `_scale_fn_custom` (PyTorch's function) is written null, and kept as the scheduler's own
 * on load; `_scale_fn_ref` (a weak reference to the built-in mode's method) as the method's name,
 * `"_triangular_scale_fn"`, or null with a custom function. Without cycleMomentum PyTorch has no
 * base_momentums or max_momentums.
 */
const cyclic: SchedulerKind = {
  torchOnly(sd, scheduler) {
    // the constructor's scaleFn option, which the state dict leaves out (a function)
    const custom = Reflect.get(scheduler, 'customScaleFn') as unknown;
    const ref = typeof custom === 'function' ? null : `_${String(sd.mode)}_scale_fn`;
    return { ...LR_SCHEDULER_ONLY, _scale_fn_custom: null, _scale_fn_ref: ref };
  },
  write(out) {
    if (out.cycle_momentum === false) {
      delete out.base_momentums;
      delete out.max_momentums;
    }
  },
};

/** The child schedulers of SequentialLR and ChainedScheduler (a private field). */
export function childSchedulers(scheduler: Scheduler): Scheduler[] {
  return Reflect.get(scheduler, 'schedulers') as Scheduler[];
}

/** SequentialLR's and ChainedScheduler's fields: PyTorch's `_milestones` and `_schedulers`. */
export const COMPOSITE_NAMES: Record<string, string> = { milestones: '_milestones', schedulers: '_schedulers' };

export const KINDS: Record<string, SchedulerKind> = {
  StepLR: plain,
  MultiStepLR: {
    torchOnly: () => LR_SCHEDULER_ONLY,
    write: milestonesToCounter,
    read: (json, _s, where) =>
      ({ json: json.milestones === undefined ? json : { ...json, milestones: counterToMilestones(json.milestones, where) } }),
  },
  ExponentialLR: plain,
  CosineAnnealingLR: plain,
  // PyTorch's step() here never counts: its _step_count stays 0 after the initial step
  CosineAnnealingWarmRestarts: { torchOnly: () => ({ ...LR_SCHEDULER_ONLY, _step_count: 0 }) },
  LinearLR: plain,
  ConstantLR: plain,
  PolynomialLR: plain,
  LambdaLR: lambdas,
  MultiplicativeLR: lambdas,
  CyclicLR: cyclic,
  OneCycleLR: plain,
  SWALR: plain,
  // mode_worse: the worst value for the mode (inf for min, -inf for max)
  ReduceLROnPlateau: { torchOnly: (s) => ({ verbose: false, mode_worse: { $number: s.mode === 'max' ? '-Infinity' : 'Infinity' } }) },
  // no verbose or _step_count: PyTorch's SequentialLR and ChainedScheduler set their own fields only
  SequentialLR: { torchOnly: () => ({}) },
  ChainedScheduler: { torchOnly: () => ({}) },
};
