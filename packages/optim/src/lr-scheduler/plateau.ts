// ReduceLROnPlateau: multiply the lr by factor once a metric stops improving for `patience` epochs.
import { TorchletError } from '@torchlet/tensor-core';
import { checkNumber, checkOneOf } from '../errors.js';
import { checkKnownOptions, withDefaults } from '../options.js';
import {
  assignFields,
  checkOptimizer,
  dataFields,
  perGroupValues,
  type SchedulableOptimizer,
  type Scheduler,
  type SchedulerStateDict,
} from './base.js';

/**
 * What the `ReduceLROnPlateau` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.ReduceLROnPlateau
 * @example
 * ```ts
 * const options: ReduceLROnPlateauOptions = { mode: 'max', patience: 3, minLr: 1e-5 };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new ReduceLROnPlateau(optimizer, options);
 * ```
 */
export interface ReduceLROnPlateauOptions {
  /** 'min': the metric should decrease (a loss); 'max': increase (an accuracy). */
  mode?: 'min' | 'max';
  /** new lr = lr * factor (default 0.1), in [0, 1). */
  factor?: number;
  /** Epochs without improvement tolerated before reducing (default 10), an integer >= 0. */
  patience?: number;
  /** Minimum change that counts as an improvement (default 1e-4), >= 0. */
  threshold?: number;
  /** 'rel': best * (1 -/+ threshold); 'abs': best -/+ threshold. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting bad epochs again (default 0), an integer >= 0. */
  cooldown?: number;
  /** Lower bound on the lr (>= 0), for every group or a list with one per group (default 0). */
  minLr?: number | number[];
  /** Reductions smaller than eps are skipped (default 1e-8), >= 0. */
  eps?: number;
}

/**
 * Multiplies the learning rate by `factor` once a metric has stopped improving for `patience` epochs.
 *
 * @pytorch torch.optim.lr_scheduler.ReduceLROnPlateau
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new ReduceLROnPlateau(optimizer, { mode: 'min', factor: 0.1, patience: 10 });
 * const validationLoss = 0.42;
 * scheduler.step(validationLoss); // once per epoch, with the metric
 * ```
 */
export class ReduceLROnPlateau implements Scheduler {
  readonly optimizer: SchedulableOptimizer;
  mode: 'min' | 'max';
  factor: number;
  patience: number;
  threshold: number;
  thresholdMode: 'rel' | 'abs';
  cooldown: number;
  cooldownCounter = 0;
  minLrs: number[];
  eps: number;
  /** Best metric so far (Infinity / -Infinity before the first step). */
  best: number;
  numBadEpochs = 0;
  lastEpoch = 0;
  protected lastLr: number[];

  constructor(optimizer: SchedulableOptimizer, options: ReduceLROnPlateauOptions = {}) {
    const name = 'ReduceLROnPlateau';
    checkKnownOptions('ReduceLROnPlateau', options, ['mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'minLr', 'eps']);
    checkOptimizer(name, optimizer);
    const defaults = { mode: 'min', factor: 0.1, patience: 10, threshold: 1e-4, thresholdMode: 'rel' };
    const o = withDefaults(name, { ...defaults, cooldown: 0, minLr: 0, eps: 1e-8 }, options);
    // PyTorch checks factor < 1; a negative factor would set every lr to minLr at once
    this.factor = checkNumber(name, 'factor', o.factor, { min: 0, max: 1, maxExclusive: true });
    this.optimizer = optimizer;
    this.minLrs = perGroupValues(name, 'minLr', optimizer, o.minLr, { min: 0 });
    this.patience = checkNumber(name, 'patience', o.patience, { integer: true, min: 0 });
    this.cooldown = checkNumber(name, 'cooldown', o.cooldown, { integer: true, min: 0 });
    this.mode = checkOneOf(name, 'mode', o.mode, ['min', 'max'] as const);
    this.threshold = checkNumber(name, 'threshold', o.threshold, { min: 0 });
    this.thresholdMode = checkOneOf(name, 'thresholdMode', o.thresholdMode, ['rel', 'abs'] as const);
    this.eps = checkNumber(name, 'eps', o.eps, { min: 0 });
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  /** Whether `a` improves on `best` by more than the threshold. */
  isBetter(a: number, best: number): boolean {
    if (this.mode === 'min' && this.thresholdMode === 'rel') return a < best * (1 - this.threshold);
    if (this.mode === 'min') return a < best - this.threshold;
    if (this.thresholdMode === 'rel') return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }

  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  /** Record this epoch's metric (a number or a 0-d tensor) and reduce the lr if it has plateaued. */
  step(metrics: number | { item(): number }): void {
    const current = typeof metrics === 'number' ? metrics : metrics.item();
    if (typeof current !== 'number') {
      throw new TorchletError("ReduceLROnPlateau.step(): argument 'metrics' expected a number");
    }
    this.lastEpoch += 1;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.inCooldown) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs > this.patience) {
      this.reduceLr();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  private reduceLr(): void {
    this.optimizer.paramGroups.forEach((g, i) => {
      // new lr = max(lr * factor, minLr), applied only if it changes the lr by more than eps
      const newLr = Math.max(g.lr * this.factor, this.minLrs[i]);
      if (g.lr - newLr > this.eps) g.lr = newLr;
    });
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): SchedulerStateDict {
    return dataFields(this);
  }

  loadStateDict(stateDict: SchedulerStateDict): void {
    assignFields(this, stateDict);
  }
}
