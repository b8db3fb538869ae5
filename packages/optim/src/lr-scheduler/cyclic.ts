// CyclicLR (cyclical learning rates, PyTorch 1.13): lr cycles between baseLr and maxLr, momentum inversely.
import { ValueError } from '@torchlet/tensor-core';
import { checkBoolean, checkNumber, checkOneOf, invalid } from '../errors.js';
import { checkKnownOptions, withDefaults } from '../options.js';
import {
  LRScheduler,
  assignFields,
  checkOptimizer,
  dataFields,
  perGroupValues,
  type LastEpochOption,
  type SchedulableOptimizer,
  type SchedulerStateDict,
} from './base.js';

/**
 * The amplitude policy of `CyclicLR`: constant, halved every cycle, or scaled by gamma^iteration.
 *
 * @pytorch the mode argument of torch.optim.lr_scheduler.CyclicLR
 * @example
 * ```ts
 * const mode: CyclicLRMode = 'exp_range';
 * const options: CyclicLROptions = { baseLr: 1e-3, maxLr: 1e-2, mode, gamma: 0.99 };
 * ```
 */
export type CyclicLRMode = 'triangular' | 'triangular2' | 'exp_range';
/**
 * What a custom `CyclicLR` `scaleFn` is evaluated on: the cycle number or the iterations since the start.
 *
 * @pytorch the scale_mode argument of torch.optim.lr_scheduler.CyclicLR
 * @example
 * ```ts
 * const scaleMode: CyclicLRScaleMode = 'iterations';
 * const options: CyclicLROptions = { baseLr: 1e-3, maxLr: 1e-2, scaleFn: (x) => 0.999 ** x, scaleMode };
 * ```
 */
export type CyclicLRScaleMode = 'cycle' | 'iterations';

/**
 * What the `CyclicLR` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.CyclicLR
 * @example
 * ```ts
 * const options: CyclicLROptions = { baseLr: 1e-3, maxLr: 1e-2, mode: 'triangular2' };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1, momentum: 0.9 });
 * const scheduler = new CyclicLR(optimizer, options);
 * ```
 */
export interface CyclicLROptions extends LastEpochOption {
  /** Lower lr boundary (required, >= 0), for every group or a list with one per group. */
  baseLr: number | number[];
  /** Upper lr boundary (required, >= 0), for every group or one per group. */
  maxLr: number | number[];
  /** Steps in the increasing half of a cycle (default 2000), > 0. */
  stepSizeUp?: number;
  /** Steps in the decreasing half (default: stepSizeUp; `null` too, as PyTorch's None), >= 0. */
  stepSizeDown?: number | null;
  /** The amplitude's scaling (default 'triangular'); ignored when scaleFn is given. */
  mode?: CyclicLRMode;
  /** exp_range's factor per step: amplitude * gamma^t (default 1), a finite number >= 0. */
  gamma?: number;
  /** A custom amplitude scaling in [0, 1], replacing mode; not part of the state dict. */
  scaleFn?: ((x: number) => number) | null;
  /** What scaleFn gets (default 'cycle'): the cycle number (from 1) or the step count. */
  scaleMode?: CyclicLRScaleMode;
  /** Cycle the optimizer's momentum inversely to the lr (default true; the optimizer needs a momentum option). */
  cycleMomentum?: boolean;
  /** Momentum at the lr's peak (default 0.8), for every group or one per group. */
  baseMomentum?: number | number[];
  /** Momentum at the cycle's start (default 0.9), for every group or one per group. */
  maxMomentum?: number | number[];
}

const NAME = 'CyclicLR';
const KNOWN = [
  'baseLr', 'maxLr', 'stepSizeUp', 'stepSizeDown', 'mode', 'gamma', 'scaleFn', 'scaleMode',
  'cycleMomentum', 'baseMomentum', 'maxMomentum', 'lastEpoch',
];

/**
 * lr_t = baseLr + (maxLr - baseLr) * h(t) * scale, with h rising linearly from 0 to 1 over stepSizeUp
 * steps and back over stepSizeDown; scale is 1 (triangular), 1 / 2^(cycle - 1) (triangular2),
 * gamma^t (exp_range) or scaleFn(cycle or t). Computed from baseLrs (not chainable), one step per batch.
 *
 * @pytorch torch.optim.lr_scheduler.CyclicLR
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1, momentum: 0.9 });
 * const scheduler = new CyclicLR(optimizer, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 10 });
 * optimizer.step();
 * scheduler.step(); // once per batch
 * ```
 */
export class CyclicLR extends LRScheduler {
  maxLrs: number[];
  totalSize: number;
  stepRatio: number;
  mode: string;
  gamma: number;
  scaleMode: CyclicLRScaleMode;
  cycleMomentum: boolean;
  baseMomentums: number[] = [];
  maxMomentums: number[] = [];
  private readonly customScaleFn: ((x: number) => number) | null;

  constructor(optimizer: SchedulableOptimizer, options: CyclicLROptions) {
    checkOptimizer(NAME, optimizer);
    checkKnownOptions(NAME, options, KNOWN);
    const o = withDefaults(
      NAME,
      { stepSizeUp: 2000, mode: 'triangular', gamma: 1, scaleMode: 'cycle', cycleMomentum: true, baseMomentum: 0.8, maxMomentum: 0.9, lastEpoch: -1 },
      options,
    );
    const lastEpoch = checkNumber(NAME, 'lastEpoch', o.lastEpoch, { integer: true, min: -1 });
    const baseLrs = perGroupValues(NAME, 'baseLr', optimizer, o.baseLr, { min: 0 });
    const maxLrs = perGroupValues(NAME, 'maxLr', optimizer, o.maxLr, { min: 0 });
    // PyTorch divides by stepSizeUp / (up + down) at step 0: 0 raises ZeroDivisionError
    const up = checkNumber(NAME, 'stepSizeUp', o.stepSizeUp, { min: 0, minExclusive: true });
    const down = o.stepSizeDown === null || o.stepSizeDown === undefined ? up : checkNumber(NAME, 'stepSizeDown', o.stepSizeDown, { min: 0 });
    const scaleFn = o.scaleFn ?? null;
    if (scaleFn !== null && typeof scaleFn !== 'function') invalid(NAME, 'scaleFn', 'a function (x) => scale, or null', scaleFn);
    // PyTorch: "mode is invalid and scale_fn is None" (with a scaleFn, mode is ignored)
    if (scaleFn === null) {
      checkOneOf(NAME, 'mode', o.mode, ['triangular', 'triangular2', 'exp_range'] as const);
    }
    const gamma = checkNumber(NAME, 'gamma', o.gamma, { min: 0 });
    const scaleMode = checkOneOf(NAME, 'scaleMode', o.scaleMode, ['cycle', 'iterations'] as const);
    const cycleMomentum = checkBoolean(NAME, 'cycleMomentum', o.cycleMomentum);
    let baseMomentums: number[] = [];
    let maxMomentums: number[] = [];
    if (cycleMomentum) {
      // PyTorch 1.13 cycles only a `momentum` option (SGD, RMSprop); Adam's betas are not cycled
      if (!('momentum' in optimizer.defaults)) {
        throw new ValueError(
          'CyclicLR: invalid cycleMomentum: expected false for an optimizer without a momentum option ' +
            '(optimizer must support momentum with `cycle_momentum` option enabled), got true',
        );
      }
      baseMomentums = perGroupValues(NAME, 'baseMomentum', optimizer, o.baseMomentum, { min: 0 });
      maxMomentums = perGroupValues(NAME, 'maxMomentum', optimizer, o.maxMomentum, { min: 0 });
    }
    // every argument checked: now the groups change (PyTorch sets lr = baseLr, momentum = baseMomentum)
    if (lastEpoch === -1) {
      optimizer.paramGroups.forEach((g, i) => {
        g.lr = baseLrs[i];
        if (cycleMomentum) g.momentum = baseMomentums[i];
      });
    }
    super(optimizer, lastEpoch);
    this.maxLrs = maxLrs;
    this.totalSize = up + down;
    this.stepRatio = up / this.totalSize;
    this.mode = o.mode;
    this.gamma = gamma;
    this.customScaleFn = scaleFn;
    // the built-in modes fix what they scale by
    this.scaleMode = scaleFn !== null ? scaleMode : o.mode === 'exp_range' ? 'iterations' : 'cycle';
    this.cycleMomentum = cycleMomentum;
    if (cycleMomentum) {
      // as PyTorch: the groups' momentums (= baseMomentum unless resuming)
      this.baseMomentums = optimizer.paramGroups.map((g) => g.momentum as number);
      this.maxMomentums = maxMomentums;
    }
    // the initial step runs with the groups' initialLr as baseLrs, as PyTorch's (baseLr unless another
    // scheduler set initialLr first); baseLr from then on
    this.initialStep();
    this.baseLrs = baseLrs;
  }

  /** The amplitude's scale at `x` (the cycle number or the step count). */
  scaleFn(x: number): number {
    if (this.customScaleFn !== null) return this.customScaleFn(x);
    if (this.mode === 'triangular2') return 1 / 2 ** (x - 1);
    if (this.mode === 'exp_range') return this.gamma ** x;
    return 1;
  }

  protected getLr(): number[] {
    const t = this.lastEpoch;
    // cycle = floor(1 + t / total); x = 1 + t / total - cycle, the position in the cycle in [0, 1)
    const cycle = Math.floor(1 + t / this.totalSize);
    const x = 1 + t / this.totalSize - cycle;
    const h = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const scale = this.scaleFn(this.scaleMode === 'cycle' ? cycle : t);
    // lr = base + (max - base) h scale;  momentum = max - (max - base) h scale
    const lrs = this.baseLrs.map((base, i) => base + (this.maxLrs[i] - base) * h * scale);
    if (this.cycleMomentum) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const [base, max] = [this.baseMomentums[i], this.maxMomentums[i]];
        g.momentum = max - (max - base) * h * scale;
      });
    }
    return lrs;
  }

  override stateDict(): SchedulerStateDict {
    return dataFields(this, ['customScaleFn']);
  }
  override loadStateDict(stateDict: SchedulerStateDict): void {
    assignFields(this, stateDict, ['customScaleFn']);
  }
}
