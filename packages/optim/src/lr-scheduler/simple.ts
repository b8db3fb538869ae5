// StepLR, MultiStepLR, ExponentialLR, LinearLR and LambdaLR (PyTorch 1.13's chainable forms).
import { checkNumber, invalid, listOf, type NumberRange } from '../errors.js';
import { checkKnownOptions, withDefaults } from '../options.js';
import {
  LRScheduler,
  assignFields,
  checkOptimizer,
  dataFields,
  type LastEpochOption,
  type SchedulableOptimizer,
  type SchedulerStateDict,
} from './base.js';

/**
 * A list of epochs (integers >= 0; any iterable but a string), copied: MultiStepLR's and
 * SequentialLR's milestones. A milestone such as 2.5 or -1 would never be reached.
 */
export function checkEpochList(owner: string, argument: string, value: unknown): number[] {
  const iterable =
    value !== null && typeof value === 'object' && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function';
  if (!iterable) invalid(owner, argument, 'a list of epochs (integers >= 0)', value);
  const list = [...(value as Iterable<unknown>)];
  list.forEach((m, i) => checkNumber(owner, `${argument}[${i}]`, m, { integer: true, min: 0 }));
  return list as number[];
}

/** Number of entries of sorted `xs` that are <= x (Python's bisect_right). */
export function bisectRight(xs: readonly number[], x: number): number {
  let n = 0;
  while (n < xs.length && xs[n] <= x) n++;
  return n;
}

/** A decay factor: finite and >= 0 (NaN or Infinity would make every lr NaN or Infinity). */
const GAMMA: NumberRange = { min: 0 };

/**
 * What the `StepLR` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.StepLR
 * @example
 * ```ts
 * const options: StepLROptions = { stepSize: 10, gamma: 0.5 };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new StepLR(optimizer, options);
 * ```
 */
export interface StepLROptions extends LastEpochOption {
  /** Epochs between decays, a positive integer (required). */
  stepSize: number;
  gamma?: number;
}

/**
 * lr = lr * gamma every stepSize epochs.
 *
 * @pytorch torch.optim.lr_scheduler.StepLR
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new StepLR(optimizer, { stepSize: 30, gamma: 0.1 });
 * optimizer.step();
 * scheduler.step(); // once per epoch, after optimizer.step()
 * ```
 */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;
  constructor(optimizer: SchedulableOptimizer, options: StepLROptions) {
    checkOptimizer('StepLR', optimizer);
    checkKnownOptions('StepLR', options, ['stepSize', 'gamma', 'lastEpoch']);
    const o = withDefaults('StepLR', { gamma: 0.1 }, options);
    // 0 never decays (t % 0 is NaN), a negative one grows the lr in the closed form, 2.5 decays off-schedule
    const stepSize = checkNumber('StepLR', 'stepSize', o.stepSize, { integer: true, min: 1 });
    const gamma = checkNumber('StepLR', 'gamma', o.gamma, GAMMA);
    super(optimizer, o.lastEpoch);
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.initialStep();
  }
  protected getLr(): number[] {
    // lr_t = lr_{t-1} * gamma when t is a positive multiple of stepSize
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma);
  }
  protected override closedFormLr(): number[] {
    // lr_t = base * gamma^floor(t / stepSize)
    return this.baseLrs.map((b) => b * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}

/**
 * What the `MultiStepLR` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.MultiStepLR
 * @example
 * ```ts
 * const options: MultiStepLROptions = { milestones: [10, 20] };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new MultiStepLR(optimizer, options);
 * ```
 */
export interface MultiStepLROptions extends LastEpochOption {
  /**
   * Epochs at which lr is multiplied by gamma: integers >= 0, in any order (sorted here, as PyTorch's
   * Counter); a repeated milestone multiplies again. Required.
   */
  milestones: number[];
  gamma?: number;
}

/**
 * lr = lr * gamma^(times t appears in milestones).
 *
 * @pytorch torch.optim.lr_scheduler.MultiStepLR
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new MultiStepLR(optimizer, { milestones: [30, 80], gamma: 0.1 });
 * optimizer.step();
 * scheduler.step(); // once per epoch, after optimizer.step()
 * ```
 */
export class MultiStepLR extends LRScheduler {
  milestones: number[];
  gamma: number;
  constructor(optimizer: SchedulableOptimizer, options: MultiStepLROptions) {
    checkOptimizer('MultiStepLR', optimizer);
    checkKnownOptions('MultiStepLR', options, ['milestones', 'gamma', 'lastEpoch']);
    const o = withDefaults('MultiStepLR', { gamma: 0.1 }, options);
    const milestones = checkEpochList('MultiStepLR', 'milestones', o.milestones);
    const gamma = checkNumber('MultiStepLR', 'gamma', o.gamma, GAMMA);
    super(optimizer, o.lastEpoch);
    this.milestones = milestones.sort((a, b) => a - b);
    this.gamma = gamma;
    this.initialStep();
  }
  protected getLr(): number[] {
    // lr_t = lr_{t-1} * gamma^count(t)
    const count = this.milestones.filter((m) => m === this.lastEpoch).length;
    if (count === 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma ** count);
  }
  protected override closedFormLr(): number[] {
    // lr_t = base * gamma^(milestones <= t)
    return this.baseLrs.map((b) => b * this.gamma ** bisectRight(this.milestones, this.lastEpoch));
  }
}

/**
 * What the `ExponentialLR` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.ExponentialLR
 * @example
 * ```ts
 * const options: ExponentialLROptions = { gamma: 0.95 };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new ExponentialLR(optimizer, options);
 * ```
 */
export interface ExponentialLROptions extends LastEpochOption {
  /** Decay factor per epoch, a finite number >= 0 (required). */
  gamma: number;
}

/**
 * lr = lr * gamma every epoch.
 *
 * @pytorch torch.optim.lr_scheduler.ExponentialLR
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new ExponentialLR(optimizer, { gamma: 0.9 });
 * optimizer.step();
 * scheduler.step(); // once per epoch, after optimizer.step()
 * ```
 */
export class ExponentialLR extends LRScheduler {
  gamma: number;
  constructor(optimizer: SchedulableOptimizer, options: ExponentialLROptions) {
    checkOptimizer('ExponentialLR', optimizer);
    checkKnownOptions('ExponentialLR', options, ['gamma', 'lastEpoch']);
    const o = withDefaults('ExponentialLR', {}, options);
    const gamma = checkNumber('ExponentialLR', 'gamma', o.gamma, GAMMA);
    super(optimizer, o.lastEpoch);
    this.gamma = gamma;
    this.initialStep();
  }
  protected getLr(): number[] {
    // lr_t = lr_{t-1} * gamma (t > 0)
    if (this.lastEpoch === 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma);
  }
  protected override closedFormLr(): number[] {
    // lr_t = base * gamma^t
    return this.baseLrs.map((b) => b * this.gamma ** this.lastEpoch);
  }
}

/**
 * What the `LinearLR` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.LinearLR
 * @example
 * ```ts
 * const options: LinearLROptions = { startFactor: 0.25, endFactor: 1, totalIters: 8 };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new LinearLR(optimizer, options);
 * ```
 */
export interface LinearLROptions extends LastEpochOption {
  /** Factor at epoch 0 (default 1/3), in (0, 1] (0 would divide by zero at the first step; 2.x rejects it). */
  startFactor?: number;
  /** Factor from totalIters on (default 1), in [0, 1]. */
  endFactor?: number;
  /** Epochs over which the factor moves (default 5), a positive integer. */
  totalIters?: number;
}

/**
 * lr factor moves linearly from startFactor to endFactor over totalIters epochs.
 *
 * @pytorch torch.optim.lr_scheduler.LinearLR
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 5 });
 * optimizer.step();
 * scheduler.step(); // once per epoch, after optimizer.step()
 * ```
 */
export class LinearLR extends LRScheduler {
  startFactor: number;
  endFactor: number;
  totalIters: number;
  constructor(optimizer: SchedulableOptimizer, options: LinearLROptions = {}) {
    checkOptimizer('LinearLR', optimizer);
    checkKnownOptions('LinearLR', options, ['startFactor', 'endFactor', 'totalIters', 'lastEpoch']);
    const o = withDefaults('LinearLR', { startFactor: 1 / 3, endFactor: 1, totalIters: 5 }, options);
    const startFactor = checkNumber('LinearLR', 'startFactor', o.startFactor, { min: 0, max: 1, minExclusive: true });
    const endFactor = checkNumber('LinearLR', 'endFactor', o.endFactor, { min: 0, max: 1 });
    // 0 divides by zero in the closed form; 2.5 stops the ramp short of endFactor
    const totalIters = checkNumber('LinearLR', 'totalIters', o.totalIters, { integer: true, min: 1 });
    super(optimizer, o.lastEpoch);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.initialStep();
  }
  protected getLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: n } = this;
    if (this.lastEpoch === 0) return this.groupLrs().map((lr) => lr * s);
    if (this.lastEpoch > n) return this.groupLrs();
    // lr_t = lr_{t-1} * (1 + (e - s) / (n s + (t - 1)(e - s)))
    return this.groupLrs().map((lr) => lr * (1 + (e - s) / (n * s + (this.lastEpoch - 1) * (e - s))));
  }
  protected override closedFormLr(): number[] {
    // lr_t = base * (s + (e - s) min(n, t) / n)
    const { startFactor: s, endFactor: e, totalIters: n } = this;
    return this.baseLrs.map((b) => b * (s + ((e - s) * Math.min(n, this.lastEpoch)) / n));
  }
}

/**
 * A function from the epoch to a factor (`LambdaLR`) or to a multiplier of the previous lr (`MultiplicativeLR`).
 *
 * @pytorch the lr_lambda argument of torch.optim.lr_scheduler.LambdaLR
 * @example
 * ```ts
 * const warmup: LrLambda = (epoch) => Math.min(1, (epoch + 1) / 5);
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new LambdaLR(optimizer, { lrLambda: warmup });
 * ```
 */
export type LrLambda = (epoch: number) => number;

/** One function for every group, or a list with exactly one per group (LambdaLR's, MultiplicativeLR's `lrLambda`). */
export function lrLambdasFor(owner: string, optimizer: SchedulableOptimizer, value: unknown): LrLambda[] {
  const n = optimizer.paramGroups.length;
  const expected = `a function (epoch) => factor, or a list of ${n} (one per param group)`;
  if (Array.isArray(value)) {
    if (value.length !== n) invalid(owner, 'lrLambda', expected, listOf(value));
    value.forEach((f, i) => {
      if (typeof f !== 'function') invalid(owner, `lrLambda[${i}]`, 'a function (epoch) => factor', f);
    });
    return [...(value as LrLambda[])];
  }
  if (typeof value !== 'function') invalid(owner, 'lrLambda', expected, value);
  return new Array<LrLambda>(n).fill(value as LrLambda);
}

/**
 * What the `LambdaLR` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.LambdaLR
 * @example
 * ```ts
 * const options: LambdaLROptions = { lrLambda: (epoch) => 1 / (epoch + 1) };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new LambdaLR(optimizer, options);
 * ```
 */
export interface LambdaLROptions extends LastEpochOption {
  /** One function for every group, or a list with one per group (required). */
  lrLambda: LrLambda | LrLambda[];
}

/**
 * lr = base * lrLambda(epoch). The lambdas are not part of the state dict (as PyTorch for plain functions).
 *
 * @pytorch torch.optim.lr_scheduler.LambdaLR
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new LambdaLR(optimizer, { lrLambda: (epoch) => 0.95 ** epoch });
 * optimizer.step();
 * scheduler.step(); // once per epoch, after optimizer.step()
 * ```
 */
export class LambdaLR extends LRScheduler {
  lrLambdas: LrLambda[];
  constructor(optimizer: SchedulableOptimizer, options: LambdaLROptions) {
    checkOptimizer('LambdaLR', optimizer);
    checkKnownOptions('LambdaLR', options, ['lrLambda', 'lastEpoch']);
    const o = withDefaults('LambdaLR', {}, options);
    const fns = lrLambdasFor('LambdaLR', optimizer, o.lrLambda);
    super(optimizer, o.lastEpoch);
    this.lrLambdas = fns;
    this.initialStep();
  }
  protected getLr(): number[] {
    // lr_t = base * lambda(t)
    return this.baseLrs.map((b, i) => b * this.lrLambdas[i](this.lastEpoch));
  }
  override stateDict(): SchedulerStateDict {
    return dataFields(this, ['lrLambdas']);
  }
  override loadStateDict(stateDict: SchedulerStateDict): void {
    assignFields(this, stateDict, ['lrLambdas']);
  }
}
