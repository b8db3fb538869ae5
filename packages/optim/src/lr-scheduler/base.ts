// The LRScheduler base (torch.optim.lr_scheduler._LRScheduler, PyTorch 1.13): chainable get_lr plus closed forms.
import { TorchletError } from '@torchlet/tensor-core';
import type { SchedulerGroupFields } from '../types.js';

/** The param-group fields schedulers read and write. Every torchlet optimizer's groups have this shape. */
export interface SchedulableGroup extends SchedulerGroupFields {
  lr: number;
  momentum?: number;
  betas?: [number, number];
}

/** What a scheduler drives: any torchlet optimizer. */
export interface SchedulableOptimizer {
  readonly paramGroups: SchedulableGroup[];
  readonly defaults: object;
}

/** A value in a scheduler's state dict (plain data: numbers, strings, arrays, nested dicts). */
export type SchedulerStateValue =
  | number
  | string
  | boolean
  | null
  | SchedulerStateValue[]
  | { [key: string]: SchedulerStateValue };

export type SchedulerStateDict = Record<string, SchedulerStateValue>;

/** Every scheduler: `step()`, `getLastLr()` and state dicts. */
export interface Scheduler {
  readonly optimizer: SchedulableOptimizer;
  getLastLr(): number[];
  stateDict(): SchedulerStateDict;
  loadStateDict(stateDict: SchedulerStateDict): void;
}

export interface LastEpochOption {
  /** The index of the last epoch when resuming (default -1: start fresh). */
  lastEpoch?: number;
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
  for (const [k, v] of Object.entries(stateDict)) {
    if (k === 'optimizer' || skip.includes(k) || !(k in obj)) continue;
    (obj as Record<string, unknown>)[k] = copyData(v);
  }
}

export abstract class LRScheduler implements Scheduler {
  readonly optimizer: SchedulableOptimizer;
  /** Each group's initialLr when the scheduler was created. */
  baseLrs: number[];
  /** Epochs (scheduler steps) done; -1 before the initial step. */
  lastEpoch: number;
  protected stepCount = 0;
  protected lastLr: number[] = [];

  constructor(optimizer: SchedulableOptimizer, lastEpoch = -1) {
    if (typeof optimizer !== 'object' || optimizer === null || !Array.isArray(optimizer.paramGroups)) {
      throw new TorchletError(`${new.target.name}: argument 'optimizer' expected an Optimizer, got ${typeof optimizer}`);
    }
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
