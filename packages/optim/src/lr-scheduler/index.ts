// torch.optim.lr_scheduler as a namespace: `lrScheduler.StepLR`, ...
export {
  LRScheduler,
  type Scheduler,
  type SchedulableGroup,
  type SchedulableOptimizer,
  type SchedulerStateDict,
  type SchedulerStateValue,
  type LastEpochOption,
} from './base.js';
export {
  StepLR,
  MultiStepLR,
  ExponentialLR,
  LinearLR,
  LambdaLR,
  type StepLROptions,
  type MultiStepLROptions,
  type ExponentialLROptions,
  type LinearLROptions,
  type LambdaLROptions,
  type LrLambda,
} from './simple.js';
export {
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  type CosineAnnealingLROptions,
  type CosineAnnealingWarmRestartsOptions,
} from './cosine.js';
export { OneCycleLR, type OneCycleLROptions } from './one-cycle.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './plateau.js';
export { SequentialLR, type SequentialLROptions } from './sequential.js';
export {
  ConstantLR,
  PolynomialLR,
  MultiplicativeLR,
  type ConstantLROptions,
  type PolynomialLROptions,
  type MultiplicativeLROptions,
} from './factor.js';
export { CyclicLR, type CyclicLROptions, type CyclicLRMode, type CyclicLRScaleMode } from './cyclic.js';
export { ChainedScheduler, type ChainableScheduler } from './chained.js';
