// ConstantLR, PolynomialLR and MultiplicativeLR (PyTorch 1.13: chainable get_lr, closed forms where 1.13 has them).
import { checkNumber } from '../errors.js';
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
import { lrLambdasFor, type LrLambda } from './simple.js';

export interface ConstantLROptions extends LastEpochOption {
  /**
   * Factor applied until totalIters (default 1/3), in (0, 1]: PyTorch rejects values outside [0, 1];
   * 0 would divide by zero when the factor is undone at totalIters.
   */
  factor?: number;
  /** Epochs with the factor applied (default 5), a positive integer. */
  totalIters?: number;
}

/** lr = base * factor for epochs 0 .. totalIters - 1, then base. */
export class ConstantLR extends LRScheduler {
  factor: number;
  totalIters: number;
  constructor(optimizer: SchedulableOptimizer, options: ConstantLROptions = {}) {
    checkOptimizer('ConstantLR', optimizer);
    checkKnownOptions('ConstantLR', options, ['factor', 'totalIters', 'lastEpoch']);
    const o = withDefaults('ConstantLR', { factor: 1 / 3, totalIters: 5 }, options);
    const factor = checkNumber('ConstantLR', 'factor', o.factor, { min: 0, max: 1, minExclusive: true });
    // 0 or 2.5 is never reached by the chainable form: the factor would never be undone
    const totalIters = checkNumber('ConstantLR', 'totalIters', o.totalIters, { integer: true, min: 1 });
    super(optimizer, o.lastEpoch);
    this.factor = factor;
    this.totalIters = totalIters;
    this.initialStep();
  }
  protected getLr(): number[] {
    // lr_0 = lr * factor; lr_n = lr * (1 / factor) at n = totalIters; else unchanged
    if (this.lastEpoch === 0) return this.groupLrs().map((lr) => lr * this.factor);
    if (this.lastEpoch !== this.totalIters) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * (1 / this.factor));
  }
  protected override closedFormLr(): number[] {
    // lr_t = base * (factor + [t >= n] (1 - factor))
    const undone = this.lastEpoch >= this.totalIters ? 1 : 0;
    return this.baseLrs.map((b) => b * (this.factor + undone * (1 - this.factor)));
  }
}

export interface PolynomialLROptions extends LastEpochOption {
  /** Epochs over which the lr decays to 0 (default 5), a positive integer. */
  totalIters?: number;
  /** The power of the polynomial (default 1), a finite number >= 0 (a negative one raises 0 to it at totalIters). */
  power?: number;
}

/** lr = base * (1 - min(t, totalIters) / totalIters)^power (added in PyTorch 1.13). */
export class PolynomialLR extends LRScheduler {
  totalIters: number;
  power: number;
  constructor(optimizer: SchedulableOptimizer, options: PolynomialLROptions = {}) {
    checkOptimizer('PolynomialLR', optimizer);
    checkKnownOptions('PolynomialLR', options, ['totalIters', 'power', 'lastEpoch']);
    const o = withDefaults('PolynomialLR', { totalIters: 5, power: 1 }, options);
    // 0 divides by zero in the closed form; 2.5 stops the decay short of 0
    const totalIters = checkNumber('PolynomialLR', 'totalIters', o.totalIters, { integer: true, min: 1 });
    const power = checkNumber('PolynomialLR', 'power', o.power, { min: 0 });
    super(optimizer, o.lastEpoch);
    this.totalIters = totalIters;
    this.power = power;
    this.initialStep();
  }
  protected getLr(): number[] {
    const { lastEpoch: t, totalIters: n } = this;
    if (t === 0 || t > n) return this.groupLrs();
    // lr_t = lr_{t-1} ((1 - t / n) / (1 - (t - 1) / n))^power
    const decay = ((1 - t / n) / (1 - (t - 1) / n)) ** this.power;
    return this.groupLrs().map((lr) => lr * decay);
  }
  protected override closedFormLr(): number[] {
    // lr_t = base (1 - min(n, t) / n)^power
    const { lastEpoch: t, totalIters: n } = this;
    return this.baseLrs.map((b) => b * (1 - Math.min(n, t) / n) ** this.power);
  }
}

export interface MultiplicativeLROptions extends LastEpochOption {
  /** The factor for epoch t: one function for every group, or a list with one per group (required). */
  lrLambda: LrLambda | LrLambda[];
}

/**
 * lr = lr * lrLambda(t) at every epoch t > 0 (no closed form: `step(epoch)` multiplies once by
 * lrLambda(epoch), as PyTorch). The functions are not part of the state dict.
 */
export class MultiplicativeLR extends LRScheduler {
  lrLambdas: LrLambda[];
  constructor(optimizer: SchedulableOptimizer, options: MultiplicativeLROptions) {
    checkOptimizer('MultiplicativeLR', optimizer);
    checkKnownOptions('MultiplicativeLR', options, ['lrLambda', 'lastEpoch']);
    const o = withDefaults('MultiplicativeLR', {}, options);
    const fns = lrLambdasFor('MultiplicativeLR', optimizer, o.lrLambda);
    super(optimizer, o.lastEpoch);
    this.lrLambdas = fns;
    this.initialStep();
  }
  protected getLr(): number[] {
    // lr_t = lr_{t-1} * lambda(t) (t > 0)
    if (this.lastEpoch <= 0) return this.groupLrs();
    return this.groupLrs().map((lr, i) => lr * this.lrLambdas[i](this.lastEpoch));
  }
  override stateDict(): SchedulerStateDict {
    return dataFields(this, ['lrLambdas']);
  }
  override loadStateDict(stateDict: SchedulerStateDict): void {
    assignFields(this, stateDict, ['lrLambdas']);
  }
}
