// OneCycleLR (1cycle policy): warm up to maxLr, anneal down, optionally cycling momentum (or beta1).
import { TorchletError, ValueError } from '@torchlet/tensor-core';
import { LRScheduler, type LastEpochOption, type SchedulableGroup, type SchedulableOptimizer } from './base.js';

export interface OneCycleLROptions extends LastEpochOption {
  /** Peak lr, for every group or one per group. */
  maxLr: number | number[];
  /** Total steps; or give epochs and stepsPerEpoch. */
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing the lr (default 0.3). */
  pctStart?: number;
  annealStrategy?: 'cos' | 'linear';
  cycleMomentum?: boolean;
  baseMomentum?: number | number[];
  maxMomentum?: number | number[];
  /** initialLr = maxLr / divFactor (default 25). */
  divFactor?: number;
  /** minLr = initialLr / finalDivFactor (default 1e4). */
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

function perGroup(name: string, optimizer: SchedulableOptimizer, value: number | number[]): number[] {
  const n = optimizer.paramGroups.length;
  if (!Array.isArray(value)) return new Array<number>(n).fill(value);
  if (value.length !== n) throw new ValueError(`OneCycleLR: expected ${n} values for ${name}, got ${value.length}`);
  return value;
}

function positiveInt(name: string, v: number | undefined): number {
  if (v === undefined || !Number.isInteger(v) || v <= 0) {
    throw new ValueError(`OneCycleLR: invalid ${name}: expected a positive integer, got ${v}`);
  }
  return v;
}

export class OneCycleLR extends LRScheduler {
  totalSteps: number;
  phases: Phase[];
  annealStrategy: 'cos' | 'linear';
  cycleMomentum: boolean;
  useBeta1: boolean;

  constructor(optimizer: SchedulableOptimizer, options: OneCycleLROptions) {
    const o = options;
    let totalSteps: number;
    if (o.totalSteps === undefined && o.epochs === undefined && o.stepsPerEpoch === undefined) {
      throw new ValueError('OneCycleLR: you must define either totalSteps OR (epochs AND stepsPerEpoch)');
    } else if (o.totalSteps !== undefined) {
      totalSteps = positiveInt('totalSteps', o.totalSteps);
    } else {
      totalSteps = positiveInt('epochs', o.epochs) * positiveInt('stepsPerEpoch', o.stepsPerEpoch);
    }
    const pctStart = o.pctStart ?? 0.3;
    if (!(pctStart >= 0 && pctStart <= 1)) {
      throw new ValueError(`OneCycleLR: invalid pctStart: expected a number in [0, 1], got ${pctStart}`);
    }
    const annealStrategy = o.annealStrategy ?? 'cos';
    if (annealStrategy !== 'cos' && annealStrategy !== 'linear') {
      throw new ValueError(`OneCycleLR: invalid annealStrategy: expected 'cos' or 'linear', got ${String(annealStrategy)}`);
    }
    const lastEpoch = o.lastEpoch ?? -1;
    const divFactor = o.divFactor ?? 25;
    const finalDivFactor = o.finalDivFactor ?? 1e4;
    const maxLrs = perGroup('maxLr', optimizer, o.maxLr);
    if (lastEpoch === -1) {
      optimizer.paramGroups.forEach((g: SchedulableGroup, i) => {
        g.initialLr = maxLrs[i] / divFactor;
        g.maxLr = maxLrs[i];
        g.minLr = g.initialLr / finalDivFactor;
      });
    }
    const cycleMomentum = o.cycleMomentum ?? true;
    let useBeta1 = false;
    if (cycleMomentum) {
      if (!('momentum' in optimizer.defaults) && !('betas' in optimizer.defaults)) {
        throw new TorchletError('OneCycleLR: optimizer must support momentum (momentum or betas) with cycleMomentum');
      }
      useBeta1 = 'betas' in optimizer.defaults;
      const maxM = perGroup('maxMomentum', optimizer, o.maxMomentum ?? 0.95);
      const baseM = perGroup('baseMomentum', optimizer, o.baseMomentum ?? 0.85);
      if (lastEpoch === -1) {
        optimizer.paramGroups.forEach((g, i) => {
          if (useBeta1) g.betas = [maxM[i], (g.betas as [number, number])[1]];
          else g.momentum = maxM[i];
          g.maxMomentum = maxM[i];
          g.baseMomentum = baseM[i];
        });
      }
    }
    super(optimizer, lastEpoch);
    this.totalSteps = totalSteps;
    this.annealStrategy = annealStrategy;
    this.cycleMomentum = cycleMomentum;
    this.useBeta1 = useBeta1;
    const up = pctStart * totalSteps - 1;
    this.phases = o.threePhase
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
