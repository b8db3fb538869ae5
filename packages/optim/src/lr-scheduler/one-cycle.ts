// OneCycleLR (1cycle policy): warm up to maxLr, anneal down, optionally cycling momentum (or beta1).
import { ValueError } from '@torchlet/tensor-core';
import { checkBoolean, checkNumber, checkOneOf, invalid } from '../errors.js';
import { checkKnownOptions, withDefaults } from '../options.js';
import {
  LRScheduler,
  checkOptimizer,
  perGroupValues,
  type LastEpochOption,
  type SchedulableGroup,
  type SchedulableOptimizer,
} from './base.js';

/**
 * What the `OneCycleLR` constructor takes: PyTorch's arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.optim.lr_scheduler.OneCycleLR
 * @example
 * ```ts
 * const options: OneCycleLROptions = { maxLr: 0.1, epochs: 10, stepsPerEpoch: 100 };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1, momentum: 0.9 });
 * const scheduler = new OneCycleLR(optimizer, options);
 * ```
 */
export interface OneCycleLROptions extends LastEpochOption {
  /** Peak lr (required, >= 0), for every group or a list with one per group. */
  maxLr: number | number[];
  /** Total steps, a positive integer; or give epochs and stepsPerEpoch (positive integers). */
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing the lr (default 0.3), in [0, 1]. */
  pctStart?: number;
  /** 'cos' (default) or 'linear'. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle momentum (or Adam's beta1) inversely to the lr (default true; the optimizer needs momentum or betas). */
  cycleMomentum?: boolean;
  /** Lowest momentum (default 0.85), for every group or one per group. */
  baseMomentum?: number | number[];
  /** Highest momentum (default 0.95), for every group or one per group. */
  maxMomentum?: number | number[];
  /** initialLr = maxLr / divFactor (default 25, > 0). */
  divFactor?: number;
  /** minLr = initialLr / finalDivFactor (default 1e4, > 0). */
  finalDivFactor?: number;
  /** Three phases (up, down to initialLr, down to minLr) instead of two. */
  threePhase?: boolean;
}

type GroupKey = 'initialLr' | 'maxLr' | 'minLr' | 'maxMomentum' | 'baseMomentum';

interface Phase {
  endStep: number;
  startLr: GroupKey;
  endLr: GroupKey;
  startMomentum: GroupKey;
  endMomentum: GroupKey;
}

const NAME = 'OneCycleLR';

/**
 * The 1cycle policy: the learning rate rises from `maxLr / divFactor` to `maxLr`, then anneals to far below the start (momentum moves the other way).
 *
 * @pytorch torch.optim.lr_scheduler.OneCycleLR
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1, momentum: 0.9 });
 * const scheduler = new OneCycleLR(optimizer, { maxLr: 0.1, totalSteps: 100 });
 * optimizer.step();
 * scheduler.step(); // once per batch
 * ```
 */
export class OneCycleLR extends LRScheduler {
  totalSteps: number;
  phases: Phase[];
  annealStrategy: 'cos' | 'linear';
  cycleMomentum: boolean;
  useBeta1: boolean;

  constructor(optimizer: SchedulableOptimizer, options: OneCycleLROptions) {
    checkOptimizer(NAME, optimizer);
    checkKnownOptions(NAME, options, ['maxLr', 'totalSteps', 'epochs', 'stepsPerEpoch', 'pctStart', 'annealStrategy', 'cycleMomentum', 'baseMomentum', 'maxMomentum', 'divFactor', 'finalDivFactor', 'threePhase', 'lastEpoch']);
    const o = withDefaults(
      NAME,
      {
        pctStart: 0.3,
        annealStrategy: 'cos',
        cycleMomentum: true,
        baseMomentum: 0.85,
        maxMomentum: 0.95,
        divFactor: 25,
        finalDivFactor: 1e4,
        threePhase: false,
        lastEpoch: -1,
      },
      options,
    );
    // every option is checked before the param groups are touched
    const positiveInt = { integer: true, min: 1 };
    let totalSteps: number;
    if (o.totalSteps === undefined && o.epochs === undefined && o.stepsPerEpoch === undefined) {
      throw new ValueError('OneCycleLR: you must define either totalSteps OR (epochs AND stepsPerEpoch)');
    } else if (o.totalSteps !== undefined) {
      totalSteps = checkNumber(NAME, 'totalSteps', o.totalSteps, positiveInt);
    } else {
      const epochs = checkNumber(NAME, 'epochs', o.epochs, positiveInt);
      totalSteps = epochs * checkNumber(NAME, 'stepsPerEpoch', o.stepsPerEpoch, positiveInt);
    }
    const pctStart = checkNumber(NAME, 'pctStart', o.pctStart, { min: 0, max: 1 });
    const annealStrategy = checkOneOf(NAME, 'annealStrategy', o.annealStrategy, ['cos', 'linear'] as const);
    const lastEpoch = checkNumber(NAME, 'lastEpoch', o.lastEpoch, { integer: true, min: -1 });
    // maxLr / 0 (PyTorch: ZeroDivisionError) would start from an infinite lr
    const divFactor = checkNumber(NAME, 'divFactor', o.divFactor, { min: 0, minExclusive: true });
    const finalDivFactor = checkNumber(NAME, 'finalDivFactor', o.finalDivFactor, { min: 0, minExclusive: true });
    const threePhase = checkBoolean(NAME, 'threePhase', o.threePhase);
    const maxLrs = perGroupValues(NAME, 'maxLr', optimizer, o.maxLr, { min: 0 });
    const cycleMomentum = checkBoolean(NAME, 'cycleMomentum', o.cycleMomentum);
    let useBeta1 = false;
    let maxM: number[] = [];
    let baseM: number[] = [];
    if (cycleMomentum) {
      if (!('momentum' in optimizer.defaults) && !('betas' in optimizer.defaults)) {
        invalid(
          NAME,
          'cycleMomentum',
          'false for an optimizer without momentum or betas (the optimizer must support momentum to cycle it)',
          true,
        );
      }
      useBeta1 = 'betas' in optimizer.defaults;
      maxM = perGroupValues(NAME, 'maxMomentum', optimizer, o.maxMomentum, { min: 0 });
      baseM = perGroupValues(NAME, 'baseMomentum', optimizer, o.baseMomentum, { min: 0 });
    }
    if (lastEpoch === -1) {
      optimizer.paramGroups.forEach((g: SchedulableGroup, i) => {
        g.initialLr = maxLrs[i] / divFactor;
        g.maxLr = maxLrs[i];
        g.minLr = g.initialLr / finalDivFactor;
        if (!cycleMomentum) return;
        if (useBeta1) g.betas = [maxM[i], (g.betas as [number, number])[1]];
        else g.momentum = maxM[i];
        g.maxMomentum = maxM[i];
        g.baseMomentum = baseM[i];
      });
    }
    super(optimizer, lastEpoch);
    this.totalSteps = totalSteps;
    this.annealStrategy = annealStrategy;
    this.cycleMomentum = cycleMomentum;
    this.useBeta1 = useBeta1;
    const up = pctStart * totalSteps - 1;
    this.phases = threePhase
      ? [
          { endStep: up, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: 2 * pctStart * totalSteps - 2, startLr: 'maxLr', endLr: 'initialLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
          { endStep: totalSteps - 1, startLr: 'initialLr', endLr: 'minLr', startMomentum: 'maxMomentum', endMomentum: 'maxMomentum' },
        ]
      : [
          { endStep: up, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: totalSteps - 1, startLr: 'maxLr', endLr: 'minLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
        ];
    this.initialStep();
  }

  private anneal(start: number, end: number, pct: number): number {
    // cos: end + (start - end) / 2 * (1 + cos(pi pct)); linear: start + (end - start) pct
    return this.annealStrategy === 'cos'
      ? end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1)
      : (end - start) * pct + start;
  }

  protected getLr(): number[] {
    const stepNum = this.lastEpoch;
    if (stepNum > this.totalSteps) {
      throw new ValueError(
        `OneCycleLR: tried to step ${stepNum + 1} times; the specified number of total steps is ${this.totalSteps}`,
      );
    }
    return this.optimizer.paramGroups.map((g) => {
      let start = 0;
      let lr = g.lr;
      for (let i = 0; i < this.phases.length; i++) {
        const phase = this.phases[i];
        if (stepNum <= phase.endStep || i === this.phases.length - 1) {
          const pct = (stepNum - start) / (phase.endStep - start);
          lr = this.anneal(g[phase.startLr] as number, g[phase.endLr] as number, pct);
          if (this.cycleMomentum) {
            const m = this.anneal(g[phase.startMomentum] as number, g[phase.endMomentum] as number, pct);
            if (this.useBeta1) g.betas = [m, (g.betas as [number, number])[1]];
            else g.momentum = m;
          }
          break;
        }
        start = phase.endStep;
      }
      return lr;
    });
  }
}
