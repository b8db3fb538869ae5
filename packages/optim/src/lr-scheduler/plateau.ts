// ReduceLROnPlateau: multiply the lr by factor once a metric stops improving for `patience` epochs.
import { TorchletError, ValueError } from '@torchlet/tensor-core';
import { assignFields, dataFields, type SchedulableOptimizer, type Scheduler, type SchedulerStateDict } from './base.js';

export interface ReduceLROnPlateauOptions {
  /** 'min': the metric should decrease (a loss); 'max': increase (an accuracy). */
  mode?: 'min' | 'max';
  /** new lr = lr * factor (default 0.1, must be < 1). */
  factor?: number;
  /** Epochs without improvement tolerated before reducing (default 10). */
  patience?: number;
  /** Minimum change that counts as an improvement (default 1e-4). */
  threshold?: number;
  /** 'rel': best * (1 -/+ threshold); 'abs': best -/+ threshold. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting bad epochs again (default 0). */
  cooldown?: number;
  /** Lower bound on the lr, for every group or one per group (default 0). */
  minLr?: number | number[];
  /** Reductions smaller than eps are skipped (default 1e-8). */
  eps?: number;
}

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
    const factor = options.factor ?? 0.1;
    if (!(factor < 1)) throw new ValueError(`ReduceLROnPlateau: invalid factor: expected a number < 1, got ${factor}`);
    this.optimizer = optimizer;
    this.factor = factor;
    const n = optimizer.paramGroups.length;
    const minLr = options.minLr ?? 0;
    if (Array.isArray(minLr) && minLr.length !== n) {
      throw new ValueError(`ReduceLROnPlateau: expected ${n} minLrs, got ${minLr.length}`);
    }
    this.minLrs = Array.isArray(minLr) ? [...minLr] : new Array<number>(n).fill(minLr);
    this.patience = options.patience ?? 10;
    this.cooldown = options.cooldown ?? 0;
    this.mode = options.mode ?? 'min';
    this.threshold = options.threshold ?? 1e-4;
    this.thresholdMode = options.thresholdMode ?? 'rel';
    this.eps = options.eps ?? 1e-8;
    if (this.mode !== 'min' && this.mode !== 'max') {
      throw new ValueError(`ReduceLROnPlateau: invalid mode: expected 'min' or 'max', got ${String(this.mode)}`);
    }
    if (this.thresholdMode !== 'rel' && this.thresholdMode !== 'abs') {
      throw new ValueError(
        `ReduceLROnPlateau: invalid thresholdMode: expected 'rel' or 'abs', got ${String(this.thresholdMode)}`,
      );
    }
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
