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

/**
 * What the `ConstantLR` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.ConstantLR
 * @example
 * ```ts
 * const options: ConstantLROptions = { factor: 0.25, totalIters: 3 };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new ConstantLR(optimizer, options);
 * ```
 */
export interface ConstantLROptions extends LastEpochOption {
  /**
   * Factor applied until totalIters (default 1/3), in (0, 1]: PyTorch rejects values outside [0, 1];
   * 0 would divide by zero when the factor is undone at totalIters.
   */
  factor?: number;
  /** Epochs with the factor applied (default 5), a positive integer. */
  totalIters?: number;
}

/**
 * lr = base * factor for epochs 0 .. totalIters - 1, then base.
 *
 * @pytorch torch.optim.lr_scheduler.ConstantLR
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new ConstantLR(optimizer, { factor: 0.5, totalIters: 4 });
 * optimizer.step();
 * scheduler.step(); // once per epoch, after optimizer.step()
 * ```
 */
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

/**
 * What the `PolynomialLR` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.PolynomialLR
 * @example
 * ```ts
 * const options: PolynomialLROptions = { totalIters: 20, power: 1 };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new PolynomialLR(optimizer, options);
 * ```
 */
export interface PolynomialLROptions extends LastEpochOption {
  /** Epochs over which the lr decays to 0 (default 5), a positive integer. */
  totalIters?: number;
  /** The power of the polynomial (default 1), a finite number >= 0 (a negative one raises 0 to it at totalIters). */
  power?: number;
}

/**
 * lr = base * (1 - min(t, totalIters) / totalIters)^power (added in PyTorch 1.13).
 *
 * @pytorch torch.optim.lr_scheduler.PolynomialLR
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new PolynomialLR(optimizer, { totalIters: 10, power: 2 });
 * optimizer.step();
 * scheduler.step(); // once per epoch, after optimizer.step()
 * ```
 */
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

/**
 * What the `MultiplicativeLR` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.MultiplicativeLR
 * @example
 * ```ts
 * const options: MultiplicativeLROptions = { lrLambda: () => 0.9 };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new MultiplicativeLR(optimizer, options);
 * ```
 */
export interface MultiplicativeLROptions extends LastEpochOption {
  /** The factor for epoch t: one function for every group, or a list with one per group (required). */
  lrLambda: LrLambda | LrLambda[];
}

/**
 * lr = lr * lrLambda(t) at every epoch t > 0 (no closed form: `step(epoch)` multiplies once by
 * lrLambda(epoch), as PyTorch). The functions are not part of the state dict.
 *
 * @pytorch torch.optim.lr_scheduler.MultiplicativeLR
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new MultiplicativeLR(optimizer, { lrLambda: () => 0.95 });
 * optimizer.step();
 * scheduler.step(); // once per epoch, after optimizer.step()
 * ```
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
