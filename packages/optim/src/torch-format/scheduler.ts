// Scheduler state in PyTorch 1.13's structure: the scheduler's __dict__ without the optimizer, as JSON.
import { TorchletError } from '@torchlet/tensor-core';
import type { Scheduler } from '../lr-scheduler/base.js';
import { decodeData, encodeData, type TorchJson } from './json.js';
import { torchName, torchletName } from './keys.js';
import { childSchedulers, COMPOSITE_NAMES, KINDS } from './scheduler-kinds.js';

/**
 * A scheduler's state in PyTorch's names (a JSON object; schedulers hold no tensors).
 *
 * @pytorch torch.optim.lr_scheduler.LRScheduler.state_dict as JSON
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const json: TorchSchedulerJson = schedulerToTorch(new StepLR(optimizer, { stepSize: 10 }));
 * ```
 */
export type TorchSchedulerJson = { [key: string]: TorchJson };

const PHASE_VALUES = new Set(['startLr', 'endLr', 'startMomentum', 'endMomentum']);

function schedulerName(s: Scheduler, where: string): string {
  const name = (s as object).constructor.name;
  if (!(name in KINDS)) {
    throw new TorchletError(`${where}: argument 'scheduler' expected one of ${Object.keys(KINDS).join(', ')}, got ${name}`);
  }
  return name;
}

/** OneCycleLR's phases name group fields (`'initialLr'`): in PyTorch's names (`'initial_lr'`) both ways. */
function mapPhases(phases: unknown, name: (k: string) => string): unknown {
  if (!Array.isArray(phases)) return phases;
  return phases.map((p: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p)) {
      const key = name(k);
      out[key] = PHASE_VALUES.has(torchletName(torchName(k))) && typeof v === 'string' ? name(v) : v;
    }
    return out;
  });
}

/** torchlet's field name for PyTorch's key in a scheduler of class `name`. */
function fieldName(name: string, key: string): string {
  if (name === 'SequentialLR' || name === 'ChainedScheduler') {
    const field = Object.keys(COMPOSITE_NAMES).find((f) => COMPOSITE_NAMES[f] === key);
    if (field !== undefined) return field;
  }
  return torchletName(key);
}

/**
 * The scheduler's state in PyTorch 1.13's structure: `scheduler.state_dict()` for the same run, key
 * for key. What PyTorch holds as functions is written as data: OneCycleLR's and SWALR's `anneal_func`
 * (a method) as the strategy, `"cos"` or `"linear"`; CyclicLR's `_scale_fn_ref` as the method's name
 * and `_scale_fn_custom` as null; LambdaLR's and MultiplicativeLR's `lr_lambdas` as PyTorch's own
 * state dict has them (null for a plain function). MultiStepLR's milestones are PyTorch's Counter as
 * a `{ "<epoch>": count }` object; SequentialLR's and ChainedScheduler's `_schedulers` hold each
 * child's state in this structure.
 *
 * @pytorch torch.optim.lr_scheduler.LRScheduler.state_dict, with PyTorch's keys
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const json = schedulerToTorch(new StepLR(optimizer, { stepSize: 10 }));
 * // { step_size: 10, gamma: 0.1, last_epoch: 0, ... }
 * ```
 */
export function schedulerToTorch(scheduler: Scheduler): TorchSchedulerJson {
  const name = schedulerName(scheduler, 'schedulerToTorch()');
  const kind = KINDS[name];
  const composite = name === 'SequentialLR' || name === 'ChainedScheduler';
  const sd = scheduler.stateDict() as Record<string, unknown>;
  const out: TorchSchedulerJson = {};
  for (const [k, v] of Object.entries(sd)) {
    // PyTorch's ReduceLROnPlateau sets _last_lr in its first step(), not in its constructor
    if (name === 'ReduceLROnPlateau' && k === 'lastLr' && sd.lastEpoch === 0) continue;
    if (composite && k === 'schedulers') {
      out._schedulers = childSchedulers(scheduler).map(schedulerToTorch);
      continue;
    }
    const value = k === 'phases' ? mapPhases(v, torchName) : v;
    out[(composite ? COMPOSITE_NAMES[k] : undefined) ?? torchName(k)] = encodeData(value, k);
  }
  kind.write?.(out, scheduler);
  return { ...out, ...kind.torchOnly(sd, scheduler) };
}

/**
 * Load a scheduler state in PyTorch 1.13's structure (from PyTorch or `schedulerToTorch`), as
 * PyTorch's `load_state_dict`. Fields PyTorch derives or keeps for printing (`verbose`,
 * `_get_lr_called_within_step`, `mode_worse`, CyclicLR's `_scale_fn_ref` and `_scale_fn_custom`)
 * are ignored, and so are functions: the scheduler keeps its own (LambdaLR's and MultiplicativeLR's
 * `lr_lambdas` entries that are objects are copied onto them, as PyTorch's callable objects' fields).
 * Any other key the scheduler lacks is an error.
 *
 * @pytorch torch.optim.lr_scheduler.LRScheduler.load_state_dict, from a state saved by PyTorch
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new StepLR(optimizer, { stepSize: 10 });
 * schedulerFromTorch(scheduler, schedulerToTorch(scheduler));
 * ```
 */
export function schedulerFromTorch(scheduler: Scheduler, json: TorchSchedulerJson): void {
  const where = 'schedulerFromTorch()';
  const name = schedulerName(scheduler, where);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TorchletError(`${where}: argument 'json' expected a scheduler state object, got ${json === null ? 'null' : typeof json}`);
  }
  const kind = KINDS[name];
  const own = scheduler.stateDict();
  const ignored = kind.torchOnly(own as Record<string, unknown>, scheduler);
  const read = kind.read?.(json, scheduler, where) ?? { json };
  const sd: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(read.json)) {
    if (k in ignored) continue;
    const field = fieldName(name, k);
    if (!(field in own)) throw new TorchletError(`${where}: key '${k}' expected one of ${name}'s fields, got an unknown key`);
    if (field === 'schedulers') {
      loadChildren(scheduler, v, where);
      continue;
    }
    const value = decodeData(v, {}, k);
    sd[field] = field === 'phases' ? mapPhases(value, torchletName) : value;
  }
  scheduler.loadStateDict(sd as ReturnType<Scheduler['stateDict']>);
  read.after?.();
}

/** SequentialLR's and ChainedScheduler's `_schedulers`: one state per child, each loaded into it. */
function loadChildren(scheduler: Scheduler, saved: TorchJson, where: string): void {
  const children = childSchedulers(scheduler);
  if (!Array.isArray(saved) || saved.length !== children.length) {
    const got = Array.isArray(saved) ? `a list of ${saved.length}` : JSON.stringify(saved);
    throw new TorchletError(`${where}: key '_schedulers' expected a list of ${children.length} scheduler states (one per scheduler), got ${got}`);
  }
  saved.forEach((s, i) => schedulerFromTorch(children[i], s as TorchSchedulerJson));
}
