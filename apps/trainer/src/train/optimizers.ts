import type { Tensor } from '@torchlet/tensor-core';
import {
  Adam,
  AdamW,
  CosineAnnealingLR,
  OneCycleLR,
  RMSprop,
  SGD,
  StepLR,
  type BaseGroupOptions,
  type LRScheduler,
  type Optimizer,
  type OptimizerStateDict,
} from '@torchlet/optim';
import type { TrainConfig } from './config.js';

/** The optimizers the app offers. */
export type TrainOptimizer = SGD | Adam | AdamW | RMSprop;

/** A learning-rate scheduler stepped without arguments (`step`, `getLastLr`, state dicts). */
export type TrainScheduler = LRScheduler;

export interface ScheduleSetup {
  scheduler: TrainScheduler | null;
  /** OneCycleLR steps after every batch; the others after every epoch (PyTorch's convention). */
  perBatch: boolean;
}

/** The optimizer named in the config over `params`. */
export function buildOptimizer(params: Tensor[], cfg: TrainConfig): TrainOptimizer {
  const { lr, weightDecay, momentum } = cfg;
  switch (cfg.optimizer) {
    case 'sgd':
      return new SGD(params, { lr, momentum, nesterov: cfg.nesterov, weightDecay });
    case 'adam':
      return new Adam(params, { lr, weightDecay });
    case 'adamw':
      return new AdamW(params, { lr, weightDecay });
    case 'rmsprop':
      return new RMSprop(params, { lr, momentum, weightDecay });
  }
}

/**
 * The scheduler named in the config: `step` = StepLR(stepSize epochs, stepGamma), `cosine` =
 * CosineAnnealingLR(T_max = epochs), `onecycle` = OneCycleLR(max_lr = lr, total_steps = epochs x batches).
 */
export function buildScheduler(optimizer: TrainOptimizer, cfg: TrainConfig, stepsPerEpoch: number): ScheduleSetup {
  const opt = optimizer;
  switch (cfg.scheduler) {
    case 'none':
      return { scheduler: null, perBatch: false };
    case 'step':
      return { scheduler: new StepLR(opt, { stepSize: cfg.stepSize, gamma: cfg.stepGamma }), perBatch: false };
    case 'cosine':
      return { scheduler: new CosineAnnealingLR(opt, { TMax: cfg.epochs }), perBatch: false };
    case 'onecycle':
      return { scheduler: new OneCycleLR(opt, { maxLr: cfg.lr, totalSteps: cfg.epochs * stepsPerEpoch }), perBatch: true };
  }
}

/**
 * Restores an optimizer from a state dict read back from a checkpoint. The dict was written by
 * `stateDict()` of the same optimizer class (the run's config.json fixes it), so its layout matches.
 */
export function restoreOptimizer(optimizer: TrainOptimizer, state: unknown): void {
  const opt: Optimizer<BaseGroupOptions, object> = optimizer;
  opt.loadStateDict(state as OptimizerStateDict<BaseGroupOptions, object>);
}
