// StepLR, MultiStepLR, ExponentialLR, LinearLR and LambdaLR (PyTorch 1.13's chainable forms).
import { ValueError } from '@torchlet/tensor-core';
import { LRScheduler, assignFields, dataFields, type LastEpochOption, type SchedulableOptimizer, type SchedulerStateDict } from './base.js';

/** Number of entries of sorted `xs` that are <= x (Python's bisect_right). */
export function bisectRight(xs: readonly number[], x: number): number {
  let n = 0;
  while (n < xs.length && xs[n] <= x) n++;
  return n;
}

export interface StepLROptions extends LastEpochOption {
  stepSize: number;
  gamma?: number;
}

/** lr = lr * gamma every stepSize epochs. */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;
  constructor(optimizer: SchedulableOptimizer, options: StepLROptions) {
    super(optimizer, options.lastEpoch);
    this.stepSize = options.stepSize;
    this.gamma = options.gamma ?? 0.1;
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

export interface MultiStepLROptions extends LastEpochOption {
  /** Epochs at which lr is multiplied by gamma (a repeated milestone multiplies again). */
  milestones: number[];
  gamma?: number;
}

/** lr = lr * gamma^(times t appears in milestones). */
export class MultiStepLR extends LRScheduler {
  milestones: number[];
  gamma: number;
  constructor(optimizer: SchedulableOptimizer, options: MultiStepLROptions) {
    super(optimizer, options.lastEpoch);
    this.milestones = [...options.milestones].sort((a, b) => a - b);
    this.gamma = options.gamma ?? 0.1;
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

export interface ExponentialLROptions extends LastEpochOption {
  gamma: number;
}

/** lr = lr * gamma every epoch. */
export class ExponentialLR extends LRScheduler {
  gamma: number;
  constructor(optimizer: SchedulableOptimizer, options: ExponentialLROptions) {
    super(optimizer, options.lastEpoch);
    this.gamma = options.gamma;
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

export interface LinearLROptions extends LastEpochOption {
  /** Factor at epoch 0 (default 1/3), in [0, 1]. */
  startFactor?: number;
  /** Factor from totalIters on (default 1), in [0, 1]. */
  endFactor?: number;
  totalIters?: number;
}

/** lr factor moves linearly from startFactor to endFactor over totalIters epochs. */
export class LinearLR extends LRScheduler {
  startFactor: number;
  endFactor: number;
  totalIters: number;
  constructor(optimizer: SchedulableOptimizer, options: LinearLROptions = {}) {
    const startFactor = options.startFactor ?? 1 / 3;
    const endFactor = options.endFactor ?? 1;
    if (!(startFactor >= 0 && startFactor <= 1)) {
      throw new ValueError(`LinearLR: invalid startFactor: expected a number in [0, 1], got ${startFactor}`);
    }
    if (!(endFactor >= 0 && endFactor <= 1)) {
      throw new ValueError(`LinearLR: invalid endFactor: expected a number in [0, 1], got ${endFactor}`);
    }
    super(optimizer, options.lastEpoch);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = options.totalIters ?? 5;
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

export type LrLambda = (epoch: number) => number;

export interface LambdaLROptions extends LastEpochOption {
  /** One function for every group, or one per group. */
  lrLambda: LrLambda | LrLambda[];
}

/** lr = base * lrLambda(epoch). The lambdas are not part of the state dict (as PyTorch for plain functions). */
export class LambdaLR extends LRScheduler {
  lrLambdas: LrLambda[];
  constructor(optimizer: SchedulableOptimizer, options: LambdaLROptions) {
    const n = optimizer.paramGroups.length;
    const fns = Array.isArray(options.lrLambda) ? options.lrLambda : new Array<LrLambda>(n).fill(options.lrLambda);
    if (fns.length !== n) throw new ValueError(`LambdaLR: expected ${n} lrLambdas, but got ${fns.length}`);
    super(optimizer, options.lastEpoch);
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
