// Scheduler state in PyTorch 1.13's structure: the scheduler's __dict__ without the optimizer, as JSON.
import { TorchletError } from '@torchlet/tensor-core';
import type { Scheduler } from '../lr-scheduler/base.js';
import { decodeData, encodeData, type TorchJson } from './json.js';
import { torchName, torchletName } from './keys.js';

/** A scheduler's state in PyTorch's names (a JSON object; schedulers hold no tensors). */
export type TorchSchedulerJson = { [key: string]: TorchJson };

const LR_SCHEDULER_ONLY: TorchSchedulerJson = { verbose: false, _get_lr_called_within_step: false };

/** Fields PyTorch 1.13's scheduler has and torchlet's derives, computed from torchlet's state. */
const TORCH_ONLY: Record<string, (s: Record<string, unknown>) => TorchSchedulerJson> = {
  StepLR: () => LR_SCHEDULER_ONLY,
  ExponentialLR: () => LR_SCHEDULER_ONLY,
  CosineAnnealingLR: () => LR_SCHEDULER_ONLY,
  LinearLR: () => LR_SCHEDULER_ONLY,
  ConstantLR: () => LR_SCHEDULER_ONLY,
  PolynomialLR: () => LR_SCHEDULER_ONLY,
  OneCycleLR: () => LR_SCHEDULER_ONLY,
  // mode_worse: the worst value for the mode (inf for min, -inf for max)
  ReduceLROnPlateau: (s) => ({ verbose: false, mode_worse: { $number: s.mode === 'max' ? '-Infinity' : 'Infinity' } }),
};

const PHASE_VALUES = new Set(['startLr', 'endLr', 'startMomentum', 'endMomentum']);

function schedulerName(s: Scheduler, where: string): string {
  const name = (s as object).constructor.name;
  if (!(name in TORCH_ONLY)) {
    throw new TorchletError(`${where}: argument 'scheduler' expected one of ${Object.keys(TORCH_ONLY).join(', ')}, got ${name}`);
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

/**
 * The scheduler's state in PyTorch 1.13's structure: `scheduler.state_dict()` for the same run, key
 * for key. OneCycleLR's `anneal_func` (a method in PyTorch) is written as its strategy, `"cos"` or
 * `"linear"`.
 */
export function schedulerToTorch(scheduler: Scheduler): TorchSchedulerJson {
  const name = schedulerName(scheduler, 'schedulerToTorch()');
  const sd = scheduler.stateDict() as Record<string, unknown>;
  const out: TorchSchedulerJson = {};
  for (const [k, v] of Object.entries(sd)) {
    // PyTorch's ReduceLROnPlateau sets _last_lr in its first step(), not in its constructor
    if (name === 'ReduceLROnPlateau' && k === 'lastLr' && sd.lastEpoch === 0) continue;
    const value = k === 'phases' ? mapPhases(v, torchName) : v;
    out[torchName(k)] = encodeData(value, k);
  }
  return { ...out, ...TORCH_ONLY[name](sd) };
}

/**
 * Load a scheduler state in PyTorch 1.13's structure (from PyTorch or `schedulerToTorch`), as
 * PyTorch's `load_state_dict`. Fields PyTorch derives or keeps for printing (`verbose`,
 * `_get_lr_called_within_step`, `mode_worse`) are ignored; any other key the scheduler lacks is an error.
 */
export function schedulerFromTorch(scheduler: Scheduler, json: TorchSchedulerJson): void {
  const where = 'schedulerFromTorch()';
  const name = schedulerName(scheduler, where);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TorchletError(`${where}: argument 'json' expected a scheduler state object, got ${json === null ? 'null' : typeof json}`);
  }
  const ignored = TORCH_ONLY[name](scheduler.stateDict() as Record<string, unknown>);
  const own = scheduler.stateDict();
  const sd: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) {
    if (k in ignored) continue;
    const field = torchletName(k);
    if (!(field in own)) throw new TorchletError(`${where}: key '${k}' expected one of ${name}'s fields, got an unknown key`);
    const value = decodeData(v, {}, k);
    sd[field] = field === 'phases' ? mapPhases(value, torchletName) : value;
  }
  scheduler.loadStateDict(sd as ReturnType<Scheduler['stateDict']>);
}
