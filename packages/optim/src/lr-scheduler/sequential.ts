// SequentialLR: hand over from one scheduler to the next at each milestone.
import { ValueError } from '@torchlet/tensor-core';
import { dataFields, type LRScheduler, type SchedulableOptimizer, type Scheduler, type SchedulerStateDict } from './base.js';
import { bisectRight } from './simple.js';

export interface SequentialLROptions {
  /** The schedulers, all on `optimizer`, each created before this one. */
  schedulers: LRScheduler[];
  /** Epochs at which the next scheduler takes over (one fewer than schedulers). */
  milestones: number[];
  lastEpoch?: number;
}

export class SequentialLR implements Scheduler {
  readonly optimizer: SchedulableOptimizer;
  lastEpoch: number;
  milestones: number[];
  private readonly schedulers: LRScheduler[];
  protected lastLr: number[];

  constructor(optimizer: SchedulableOptimizer, options: SequentialLROptions) {
    const { schedulers, milestones } = options;
    schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) {
        throw new ValueError(
          `SequentialLR: expects all schedulers to belong to the same optimizer, but got scheduler at index ${i} on another optimizer`,
        );
      }
    });
    if (milestones.length !== schedulers.length - 1) {
      throw new ValueError(
        `SequentialLR: expects one more scheduler than milestones, but got ${schedulers.length} schedulers and ${milestones.length} milestones`,
      );
    }
    this.optimizer = optimizer;
    this.schedulers = schedulers;
    this.milestones = [...milestones];
    this.lastEpoch = (options.lastEpoch ?? -1) + 1;
    // undo the initial steps the schedulers took when created, then restart the first one
    for (const g of optimizer.paramGroups) g.lr = g.initialLr as number;
    for (const s of schedulers) s.lastEpoch -= 1;
    schedulers[0].initialStep();
    this.lastLr = schedulers[0].getLastLr();
  }

  step(): void {
    this.lastEpoch += 1;
    const idx = bisectRight(this.milestones, this.lastEpoch);
    const scheduler = this.schedulers[idx];
    // at a milestone the next scheduler restarts from epoch 0
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) scheduler.step(0);
    else scheduler.step();
    this.lastLr = scheduler.getLastLr();
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): SchedulerStateDict {
    const out = dataFields(this, ['schedulers']);
    out.schedulers = this.schedulers.map((s) => s.stateDict());
    return out;
  }

  loadStateDict(stateDict: SchedulerStateDict): void {
    const { schedulers, ...rest } = stateDict;
    this.lastEpoch = rest.lastEpoch as number;
    this.milestones = [...(rest.milestones as number[])];
    this.lastLr = [...(rest.lastLr as number[])];
    if (Array.isArray(schedulers)) {
      schedulers.forEach((s, i) => this.schedulers[i]?.loadStateDict(s as SchedulerStateDict));
    }
  }
}
