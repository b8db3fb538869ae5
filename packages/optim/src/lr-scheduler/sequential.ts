// SequentialLR: hand over from one scheduler to the next at each milestone.
import { checkNumber, count, invalid, listOf } from '../errors.js';
import { checkKnownOptions, withDefaults } from '../options.js';
import {
  LRScheduler,
  checkOptimizer,
  dataFields,
  type SchedulableOptimizer,
  type Scheduler,
  type SchedulerStateDict,
} from './base.js';
import { bisectRight, checkEpochList } from './simple.js';
import { checkStateDictObject } from '../util.js';

/**
 * What the `SequentialLR` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.SequentialLR
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const options: SequentialLROptions = { schedulers: [new ConstantLR(optimizer), new StepLR(optimizer, { stepSize: 5 })], milestones: [4] };
 * const scheduler = new SequentialLR(optimizer, options);
 * ```
 */
export interface SequentialLROptions {
  /** The schedulers (at least one), all on `optimizer`, each created before this one. */
  schedulers: LRScheduler[];
  /** Epochs at which the next scheduler takes over: increasing integers, one fewer than schedulers. */
  milestones: number[];
  lastEpoch?: number;
}

/** An LRScheduler, or one from another copy of this package (step, initialStep and lastEpoch). */
function isLRScheduler(s: unknown): s is LRScheduler {
  if (s instanceof LRScheduler) return true;
  const x = s as Partial<Record<'step' | 'initialStep' | 'lastEpoch', unknown>> | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.step === 'function' &&
    typeof x.initialStep === 'function' &&
    typeof x.lastEpoch === 'number'
  );
}

/**
 * Runs schedulers one after another: each one's epochs start at the milestone that ends the previous one.
 *
 * @pytorch torch.optim.lr_scheduler.SequentialLR
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new SequentialLR(optimizer, {
 *   schedulers: [new LinearLR(optimizer, { startFactor: 0.1, totalIters: 5 }), new ExponentialLR(optimizer, { gamma: 0.9 })],
 *   milestones: [5],
 * });
 * optimizer.step();
 * scheduler.step(); // once per epoch, after optimizer.step()
 * ```
 */
export class SequentialLR implements Scheduler {
  readonly optimizer: SchedulableOptimizer;
  lastEpoch: number;
  milestones: number[];
  private readonly schedulers: LRScheduler[];
  protected lastLr: number[];

  constructor(optimizer: SchedulableOptimizer, options: SequentialLROptions) {
    const name = 'SequentialLR';
    checkKnownOptions('SequentialLR', options, ['schedulers', 'milestones', 'lastEpoch']);
    checkOptimizer(name, optimizer);
    const o = withDefaults(name, { lastEpoch: -1 }, options);
    if (!Array.isArray(o.schedulers) || o.schedulers.length === 0) {
      invalid(name, 'schedulers', 'a non-empty list of schedulers (StepLR, LinearLR, ...)', o.schedulers);
    }
    const schedulers: LRScheduler[] = [...o.schedulers];
    schedulers.forEach((s, i) => {
      if (!isLRScheduler(s)) {
        invalid(name, `schedulers[${i}]`, 'an LRScheduler (StepLR, LinearLR, ...; not ReduceLROnPlateau)', s);
      }
      if (s.optimizer !== optimizer) {
        invalid(
          name,
          `schedulers[${i}]`,
          'a scheduler on the optimizer passed to SequentialLR (all schedulers must belong to the same optimizer)',
          'a scheduler on another optimizer',
        );
      }
    });
    const milestones = checkEpochList(name, 'milestones', o.milestones);
    if (milestones.length !== schedulers.length - 1) {
      invalid(
        name,
        'milestones',
        `${count(schedulers.length - 1, 'milestone')} ` +
          `(one more scheduler than milestones: ${count(schedulers.length, 'scheduler')})`,
        listOf(milestones),
      );
    }
    milestones.forEach((m, i) => {
      // bisect needs them sorted; an equal pair would skip a scheduler
      if (i > 0 && !(m > milestones[i - 1])) invalid(name, 'milestones', 'increasing epochs', milestones);
    });
    this.optimizer = optimizer;
    this.schedulers = schedulers;
    this.milestones = milestones;
    this.lastEpoch = checkNumber(name, 'lastEpoch', o.lastEpoch, { integer: true, min: -1 }) + 1;
    // undo the initial steps the schedulers took when created, then restart the first one
    for (const g of optimizer.paramGroups) g.lr = g.initialLr as number;
    for (const s of schedulers) s.lastEpoch -= 1;
    schedulers[0].initialStep();
    this.lastLr = schedulers[0].getLastLr();
  }

  step(): void {
    this.lastEpoch += 1;
    const idx = bisectRight(this.milestones, this.lastEpoch);
    const scheduler = this.schedulers[idx];
    // at a milestone the next scheduler restarts from epoch 0
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) scheduler.step(0);
    else scheduler.step();
    this.lastLr = scheduler.getLastLr();
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): SchedulerStateDict {
    const out = dataFields(this, ['schedulers']);
    out.schedulers = this.schedulers.map((s) => s.stateDict());
    return out;
  }

  loadStateDict(stateDict: SchedulerStateDict): void {
    checkStateDictObject('SequentialLR.loadStateDict()', stateDict);
    const { schedulers, ...rest } = stateDict;
    this.lastEpoch = rest.lastEpoch as number;
    this.milestones = [...(rest.milestones as number[])];
    this.lastLr = [...(rest.lastLr as number[])];
    if (Array.isArray(schedulers)) {
      schedulers.forEach((s, i) => this.schedulers[i]?.loadStateDict(s as SchedulerStateDict));
    }
  }
}
