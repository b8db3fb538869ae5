// CosineAnnealingLR (PyTorch 1.13's recursive form) and CosineAnnealingWarmRestarts (SGDR).
import { ValueError } from '@torchlet/tensor-core';
import { checkNumber } from '../errors.js';
import { checkKnownOptions, withDefaults } from '../options.js';
import { LRScheduler, checkOptimizer, type LastEpochOption, type SchedulableOptimizer } from './base.js';

/**
 * What the `CosineAnnealingLR` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.CosineAnnealingLR
 * @example
 * ```ts
 * const options: CosineAnnealingLROptions = { TMax: 50 };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new CosineAnnealingLR(optimizer, options);
 * ```
 */
export interface CosineAnnealingLROptions extends LastEpochOption {
  /** Half period in epochs (PyTorch's T_max), a finite number > 0 (required). */
  TMax: number;
  /** Minimum lr (default 0), a finite number >= 0. */
  etaMin?: number;
}

/**
 * Cosine annealing computed recursively from the previous lr, exactly as PyTorch 1.13's get_lr
 * (so it keeps oscillating past TMax and composes with other changes to lr).
 *
 * @pytorch torch.optim.lr_scheduler.CosineAnnealingLR
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new CosineAnnealingLR(optimizer, { TMax: 100, etaMin: 1e-4 });
 * optimizer.step();
 * scheduler.step(); // once per epoch, after optimizer.step()
 * ```
 */
export class CosineAnnealingLR extends LRScheduler {
  TMax: number;
  etaMin: number;
  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingLROptions) {
    checkOptimizer('CosineAnnealingLR', optimizer);
    checkKnownOptions('CosineAnnealingLR', options, ['TMax', 'etaMin', 'lastEpoch']);
    const o = withDefaults('CosineAnnealingLR', { etaMin: 0 }, options);
    // TMax 0 divides by zero (PyTorch: ZeroDivisionError at the first step)
    const TMax = checkNumber('CosineAnnealingLR', 'TMax', o.TMax, { min: 0, minExclusive: true });
    const etaMin = checkNumber('CosineAnnealingLR', 'etaMin', o.etaMin, { min: 0 });
    super(optimizer, o.lastEpoch);
    this.TMax = TMax;
    this.etaMin = etaMin;
    this.initialStep();
  }
  protected getLr(): number[] {
    const { TMax: T, etaMin: eta, lastEpoch: t } = this;
    const groups = this.optimizer.paramGroups;
    if (t === 0) return this.groupLrs();
    if (this.stepCount === 1 && t > 0) {
      // resumed: lr = eta + (base - eta)(1 + cos(pi t / T)) / 2
      return this.baseLrs.map((b) => eta + ((b - eta) * (1 + Math.cos((t * Math.PI) / T))) / 2);
    }
    if ((t - 1 - T) % (2 * T) === 0) {
      // at a trough: lr = lr + (base - eta)(1 - cos(pi / T)) / 2
      return this.baseLrs.map((b, i) => groups[i].lr + ((b - eta) * (1 - Math.cos(Math.PI / T))) / 2);
    }
    // lr_t = (1 + cos(pi t / T)) / (1 + cos(pi (t - 1) / T)) (lr_{t-1} - eta) + eta
    return groups.map(
      (g) => ((1 + Math.cos((Math.PI * t) / T)) / (1 + Math.cos((Math.PI * (t - 1)) / T))) * (g.lr - eta) + eta,
    );
  }
  protected override closedFormLr(): number[] {
    // lr_t = eta + (base - eta)(1 + cos(pi t / T)) / 2
    const { TMax: T, etaMin: eta, lastEpoch: t } = this;
    return this.baseLrs.map((b) => eta + ((b - eta) * (1 + Math.cos((Math.PI * t) / T))) / 2);
  }
}

/**
 * What the `CosineAnnealingWarmRestarts` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.CosineAnnealingWarmRestarts
 * @example
 * ```ts
 * const options: CosineAnnealingWarmRestartsOptions = { T0: 5, etaMin: 1e-5 };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new CosineAnnealingWarmRestarts(optimizer, options);
 * ```
 */
export interface CosineAnnealingWarmRestartsOptions extends LastEpochOption {
  /** Epochs until the first restart (PyTorch's T_0), a positive integer (required). */
  T0: number;
  /** Factor by which the period grows after each restart (integer >= 1, default 1). */
  TMult?: number;
  /** Minimum lr (default 0), a finite number >= 0. */
  etaMin?: number;
}

/**
 * SGDR: lr = eta + (base - eta)(1 + cos(pi Tcur / Ti)) / 2, restarting when Tcur reaches Ti.
 *
 * @pytorch torch.optim.lr_scheduler.CosineAnnealingWarmRestarts
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new CosineAnnealingWarmRestarts(optimizer, { T0: 10, TMult: 2 });
 * optimizer.step();
 * scheduler.step(); // once per epoch, after optimizer.step()
 * ```
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  T0: number;
  Ti: number;
  TMult: number;
  etaMin: number;
  Tcur: number;
  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingWarmRestartsOptions) {
    const name = 'CosineAnnealingWarmRestarts';
    checkKnownOptions('CosineAnnealingWarmRestarts', options, ['T0', 'TMult', 'etaMin', 'lastEpoch']);
    checkOptimizer(name, optimizer);
    const o = withDefaults(name, { TMult: 1, etaMin: 0 }, options);
    const T0 = checkNumber(name, 'T0', o.T0, { integer: true, min: 1 });
    const TMult = checkNumber(name, 'TMult', o.TMult, { integer: true, min: 1 });
    const etaMin = checkNumber(name, 'etaMin', o.etaMin, { min: 0 });
    super(optimizer, o.lastEpoch);
    this.T0 = T0;
    this.Ti = T0;
    this.TMult = TMult;
    this.etaMin = etaMin;
    this.Tcur = this.lastEpoch;
    this.initialStep();
  }
  protected getLr(): number[] {
    // lr = eta + (base - eta)(1 + cos(pi Tcur / Ti)) / 2
    return this.baseLrs.map(
      (b) => this.etaMin + ((b - this.etaMin) * (1 + Math.cos((Math.PI * this.Tcur) / this.Ti))) / 2,
    );
  }
  /** Advance one epoch, or jump to a (possibly fractional) `epoch`. */
  override step(epoch?: number): void {
    let e = epoch;
    if (e === undefined && this.lastEpoch < 0) e = 0;
    if (e === undefined) {
      e = this.lastEpoch + 1;
      this.Tcur += 1;
      if (this.Tcur >= this.Ti) {
        this.Tcur -= this.Ti;
        this.Ti *= this.TMult;
      }
    } else {
      if (!(e >= 0)) {
        throw new ValueError(`CosineAnnealingWarmRestarts.step(): invalid epoch: expected a number >= 0, got ${e}`);
      }
      if (e >= this.T0) {
        if (this.TMult === 1) {
          this.Tcur = e % this.T0;
        } else {
          // n restarts so far: T0 (TMult^n - 1) / (TMult - 1) <= e
          const n = Math.trunc(Math.log((e / this.T0) * (this.TMult - 1) + 1) / Math.log(this.TMult));
          this.Tcur = e - (this.T0 * (this.TMult ** n - 1)) / (this.TMult - 1);
          this.Ti = this.T0 * this.TMult ** n;
        }
      } else {
        this.Ti = this.T0;
        this.Tcur = e;
      }
    }
    this.lastEpoch = Math.floor(e);
    this.stepCount += 1;
    const values = this.getLr();
    this.optimizer.paramGroups.forEach((g, i) => {
      g.lr = values[i];
    });
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }
}
