// The LRScheduler base (torch.optim.lr_scheduler._LRScheduler, PyTorch 1.13): chainable get_lr plus closed forms.
import { TorchletError } from '@torchlet/tensor-core';
import { checkNumber, describeRange, inRange, invalid, listOf, type NumberRange } from '../errors.js';
import { Optimizer } from '../optimizer.js';
import { checkStateDictObject } from '../util.js';
import type { SchedulerGroupFields } from '../types.js';

/**
 * The param-group fields schedulers read and write. Every torchlet optimizer's groups have this shape.
 *
 * @pytorch an entry of optimizer.param_groups as torch.optim.lr_scheduler reads it
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const group: SchedulableGroup = optimizer.paramGroups[0];
 * group.lr = 0.05; // what a scheduler does
 * ```
 */
export interface SchedulableGroup extends SchedulerGroupFields {
  lr: number;
  momentum?: number;
  betas?: [number, number];
}

/**
 * What a scheduler drives: any torchlet optimizer.
 *
 * @pytorch the torch.optim.Optimizer a torch.optim.lr_scheduler scheduler is given
 * @example
 * ```ts
 * const optimizer: SchedulableOptimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new StepLR(optimizer, { stepSize: 10 });
 * ```
 */
export interface SchedulableOptimizer {
  readonly paramGroups: SchedulableGroup[];
  readonly defaults: object;
}

/**
 * A value in a scheduler's state dict (plain data: numbers, strings, arrays, nested dicts).
 *
 * @pytorch a value in the dict returned by torch.optim.lr_scheduler.LRScheduler.state_dict
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const state = new StepLR(optimizer, { stepSize: 10 }).stateDict();
 * const lastEpoch: SchedulerStateValue = state.lastEpoch; // 0
 * ```
 */
export type SchedulerStateValue =
  | number
  | string
  | boolean
  | null
  | SchedulerStateValue[]
  | { [key: string]: SchedulerStateValue };

/**
 * A scheduler's state as plain data (numbers, strings, arrays, objects): what `stateDict()` returns and `loadStateDict()` restores.
 *
 * @pytorch the dict returned by torch.optim.lr_scheduler.LRScheduler.state_dict
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const state: SchedulerStateDict = new StepLR(optimizer, { stepSize: 10 }).stateDict();
 * new StepLR(optimizer, { stepSize: 10 }).loadStateDict(state);
 * ```
 */
export type SchedulerStateDict = Record<string, SchedulerStateValue>;

/**
 * Every scheduler: `step()`, `getLastLr()` and state dicts.
 *
 * @pytorch the methods every torch.optim.lr_scheduler scheduler has (get_last_lr, state_dict, load_state_dict)
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler: Scheduler = new StepLR(optimizer, { stepSize: 10 });
 * const lrs = scheduler.getLastLr(); // [0.1]
 * ```
 */
export interface Scheduler {
  readonly optimizer: SchedulableOptimizer;
  getLastLr(): number[];
  stateDict(): SchedulerStateDict;
  loadStateDict(stateDict: SchedulerStateDict): void;
}

/**
 * The `lastEpoch` option every epoch-based scheduler takes: -1 (the default) starts fresh; a later epoch resumes there.
 *
 * @pytorch the last_epoch argument of torch.optim.lr_scheduler.LRScheduler
 * @example
 * ```ts
 * const resume: LastEpochOption = { lastEpoch: -1 };
 * const options: StepLROptions = { stepSize: 10, ...resume };
 * ```
 */
export interface LastEpochOption {
  /** The index of the last epoch when resuming (default -1: start fresh). */
  lastEpoch?: number;
}

/**
 * Throw a ValueError unless `optimizer` is an Optimizer (PyTorch: "X is not an Optimizer"): a torchlet
 * `Optimizer`, or an object shaped like one (`paramGroups`, each with a numeric `lr`, and `defaults`),
 * so that a second copy of the package or a hand-written optimizer still works. Catches passing the
 * model, its parameters, the options or another scheduler where the optimizer belongs.
 */
export function checkOptimizer(owner: string, optimizer: unknown): asserts optimizer is SchedulableOptimizer {
  if (optimizer instanceof Optimizer) return;
  const o = optimizer as Partial<Record<'paramGroups' | 'defaults', unknown>> | null;
  const ok =
    typeof o === 'object' &&
    o !== null &&
    Array.isArray(o.paramGroups) &&
    o.paramGroups.every((g: unknown) => typeof (g as { lr?: unknown } | null)?.lr === 'number') &&
    typeof o.defaults === 'object' &&
    o.defaults !== null;
  if (!ok) invalid(owner, 'optimizer', 'an Optimizer (paramGroups with an lr each, and defaults)', optimizer);
}

/**
 * A per-group option given as one value for every group or as a list with one value per group
 * (PyTorch's `_format_param`), each value checked against `range`.
 */
export function perGroupValues(
  owner: string,
  argument: string,
  optimizer: SchedulableOptimizer,
  value: unknown,
  range: NumberRange,
): number[] {
  const n = optimizer.paramGroups.length;
  if (Array.isArray(value)) {
    if (value.length !== n) {
      invalid(owner, argument, `${describeRange(range)}, or a list of ${n} (one per param group)`, listOf(value));
    }
    value.forEach((v, i) => checkNumber(owner, `${argument}[${i}]`, v, range));
    return [...(value as number[])];
  }
  if (!inRange(value, range)) {
    invalid(owner, argument, `${describeRange(range)}, or a list of ${n} (one per param group)`, value);
  }
  return new Array<number>(n).fill(value);
}

/** A deep copy of plain data (numbers, strings, arrays, plain objects). */
function copyData(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyData);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = copyData(x);
    return out;
  }
  return v;
}

/** A deep copy of the own data fields of `obj` except `skip` (functions and the optimizer never). */
export function dataFields(obj: object, skip: readonly string[] = []): SchedulerStateDict {
  const out: SchedulerStateDict = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'optimizer' || skip.includes(k) || typeof v === 'function') continue;
    out[k] = copyData(v) as SchedulerStateValue;
  }
  return out;
}

/** Copy the saved fields that `obj` has back onto it. */
export function assignFields(obj: object, stateDict: SchedulerStateDict, skip: readonly string[] = []): void {
  checkStateDictObject(`${obj.constructor.name}.loadStateDict()`, stateDict);
  for (const [k, v] of Object.entries(stateDict)) {
    if (k === 'optimizer' || skip.includes(k) || !(k in obj)) continue;
    (obj as Record<string, unknown>)[k] = copyData(v);
  }
}

/**
 * The base class of the epoch-based learning-rate schedulers: a subclass computes each group's lr in `getLr()`; `step()` advances the epoch.
 *
 * @pytorch torch.optim.lr_scheduler.LRScheduler
 * @example
 * ```ts
 * class HalvingLR extends LRScheduler {
 *   protected getLr(): number[] {
 *     return this.optimizer.paramGroups.map((g) => (this.lastEpoch === 0 ? g.lr : g.lr / 2));
 *   }
 * }
 * ```
 */
export abstract class LRScheduler implements Scheduler {
  readonly optimizer: SchedulableOptimizer;
  /** Each group's initialLr when the scheduler was created. */
  baseLrs: number[];
  /** Epochs (scheduler steps) done; -1 before the initial step. */
  lastEpoch: number;
  protected stepCount = 0;
  protected lastLr: number[] = [];

  /**
   * Checks the optimizer and `lastEpoch` (an integer >= -1; `undefined` is -1). Subclasses resolve
   * their options with `withDefaults` and check them before calling this.
   */
  constructor(optimizer: SchedulableOptimizer, lastEpoch = -1) {
    checkOptimizer(new.target.name, optimizer);
    checkNumber(new.target.name, 'lastEpoch', lastEpoch, { integer: true, min: -1 });
    this.optimizer = optimizer;
    optimizer.paramGroups.forEach((g, i) => {
      if (lastEpoch === -1) g.initialLr ??= g.lr;
      else if (g.initialLr === undefined) {
        throw new TorchletError(`param 'initialLr' is not specified in paramGroups[${i}] when resuming an optimizer`);
      }
    });
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr as number);
    this.lastEpoch = lastEpoch;
  }

  /** The step every scheduler's constructor ends with (PyTorch's `_initial_step`). */
  initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** The lrs for `lastEpoch`, computed from the groups' current lrs (PyTorch's chainable form). */
  protected abstract getLr(): number[];

  /** The lrs for `lastEpoch` from `baseLrs` alone, where a closed form exists (used by `step(epoch)`). */
  protected closedFormLr(): number[] | null {
    return null;
  }

  /** Advance one epoch (or jump to `epoch`, PyTorch's deprecated form) and set each group's lr. */
  step(epoch?: number): void {
    this.stepCount += 1;
    let values: number[];
    if (epoch === undefined) {
      this.lastEpoch += 1;
      values = this.getLr();
    } else {
      this.lastEpoch = epoch;
      values = this.closedFormLr() ?? this.getLr();
    }
    this.optimizer.paramGroups.forEach((g, i) => {
      g.lr = values[i];
    });
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The lrs set by the last `step()`. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** Every field except the optimizer (and functions), as plain data. */
  stateDict(): SchedulerStateDict {
    return dataFields(this);
  }

  loadStateDict(stateDict: SchedulerStateDict): void {
    assignFields(this, stateDict);
  }

  /** The groups' current lrs. */
  protected groupLrs(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }
}
