// ChainedScheduler: step several schedulers of one optimizer together (their factors compose).
import { invalid } from '../errors.js';
import { checkStateDictObject } from '../util.js';
import { dataFields, type SchedulableOptimizer, type Scheduler, type SchedulerStateDict } from './base.js';
import { ReduceLROnPlateau } from './plateau.js';

/**
 * A scheduler that `step()` advances without arguments (any but ReduceLROnPlateau, which needs a metric).
 *
 * @pytorch a scheduler torch.optim.lr_scheduler.ChainedScheduler accepts
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const parts: ChainableScheduler[] = [new ExponentialLR(optimizer, { gamma: 0.9 })];
 * const scheduler = new ChainedScheduler(parts);
 * ```
 */
export type ChainableScheduler = Scheduler & { step(): void };

function isChainable(s: unknown): s is ChainableScheduler {
  const x = s as Partial<Record<'step' | 'optimizer' | 'getLastLr', unknown>> | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    !(x instanceof ReduceLROnPlateau) &&
    typeof x.step === 'function' &&
    typeof x.getLastLr === 'function' &&
    typeof x.optimizer === 'object' &&
    x.optimizer !== null
  );
}

/**
 * `step()` steps every scheduler in order (PyTorch 1.13's `ChainedScheduler(schedulers)`), so
 * chainable schedulers multiply their factors: ConstantLR(factor 0.1) with ExponentialLR(gamma 0.9)
 * gives 0.1, 0.081, 0.729 (x base), ... Takes the schedulers alone; the optimizer is theirs.
 *
 * @pytorch torch.optim.lr_scheduler.ChainedScheduler
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new ChainedScheduler([new ConstantLR(optimizer, { factor: 0.5, totalIters: 2 }), new ExponentialLR(optimizer, { gamma: 0.9 })]);
 * optimizer.step();
 * scheduler.step(); // steps every scheduler in the chain
 * ```
 */
export class ChainedScheduler implements Scheduler {
  readonly optimizer: SchedulableOptimizer;
  private readonly schedulers: ChainableScheduler[];
  protected lastLr: number[];

  constructor(schedulers: Iterable<ChainableScheduler>) {
    const name = 'ChainedScheduler';
    const iterable =
      typeof schedulers === 'object' && schedulers !== null && typeof (schedulers as Iterable<unknown>)[Symbol.iterator] === 'function';
    const list: unknown[] = iterable ? [...(schedulers as Iterable<unknown>)] : [];
    if (list.length === 0) invalid(name, 'schedulers', 'a non-empty list of schedulers (ConstantLR, ExponentialLR, ...)', schedulers);
    list.forEach((s, i) => {
      if (!isChainable(s)) invalid(name, `schedulers[${i}]`, 'a scheduler stepped without arguments (not ReduceLROnPlateau)', s);
      // PyTorch: "ChainedScheduler expects all schedulers to belong to the same optimizer"
      if (s.optimizer !== (list[0] as ChainableScheduler).optimizer) {
        invalid(
          name,
          `schedulers[${i}]`,
          'a scheduler on the optimizer of schedulers[0] (all schedulers must belong to the same optimizer)',
          'a scheduler on another optimizer',
        );
      }
    });
    this.schedulers = list as ChainableScheduler[];
    this.optimizer = this.schedulers[0].optimizer;
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** Step every scheduler, in order. */
  step(): void {
    for (const s of this.schedulers) s.step();
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** `lastLr` and each scheduler's own state dict (under `schedulers`). */
  stateDict(): SchedulerStateDict {
    const out = dataFields(this, ['schedulers']);
    out.schedulers = this.schedulers.map((s) => s.stateDict());
    return out;
  }

  loadStateDict(stateDict: SchedulerStateDict): void {
    checkStateDictObject('ChainedScheduler.loadStateDict()', stateDict);
    const { schedulers, lastLr } = stateDict;
    if (Array.isArray(lastLr)) this.lastLr = [...(lastLr as number[])];
    if (Array.isArray(schedulers)) {
      schedulers.forEach((s, i) => this.schedulers[i]?.loadStateDict(s as SchedulerStateDict));
    }
  }
}
