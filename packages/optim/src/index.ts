// @torchlet/optim. Every public export is named here.
// Optimizers are top-level exports (`SGD`, `Adam`, ...); schedulers live in the `lrScheduler`
// namespace, as torch.optim.lr_scheduler (`lrScheduler.StepLR`), and are also exported by name.
export { Optimizer } from './optimizer.js';
export type {
  Param,
  ParamGroup,
  ParamGroupInput,
  PackedParamGroup,
  BaseGroupOptions,
  SchedulerGroupFields,
  OptimizerStateDict,
  ZeroGradOptions,
  Closure,
  AsyncClosure,
  AsyncLossLike,
  LossLike,
} from './types.js';
export {
  SGD,
  Adam,
  AdamW,
  RMSprop,
  Adagrad,
  Adadelta,
  Adamax,
  NAdam,
  RAdam,
  LBFGS,
  ASGD,
  Rprop,
  type SGDOptions,
  type SGDGroupOptions,
  type AdamOptions,
  type AdamGroupOptions,
  type RMSpropOptions,
  type RMSpropGroupOptions,
  type AdagradOptions,
  type AdagradGroupOptions,
  type AdadeltaOptions,
  type AdadeltaGroupOptions,
  type AdamaxOptions,
  type AdamaxGroupOptions,
  type NAdamOptions,
  type NAdamGroupOptions,
  type RAdamOptions,
  type RAdamGroupOptions,
  type LBFGSOptions,
  type LBFGSGroupOptions,
  type ASGDOptions,
  type ASGDGroupOptions,
  type RpropOptions,
  type RpropGroupOptions,
} from './optimizers/index.js';
/**
 * The learning-rate schedulers as a namespace, as `torch.optim.lr_scheduler` (each is also exported by name).
 *
 * @pytorch torch.optim.lr_scheduler
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new lrScheduler.CosineAnnealingLR(optimizer, { TMax: 100 });
 * ```
 */
export * as lrScheduler from './lr-scheduler/index.js';
export {
  LRScheduler,
  StepLR,
  MultiStepLR,
  ExponentialLR,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  LinearLR,
  LambdaLR,
  OneCycleLR,
  ReduceLROnPlateau,
  SequentialLR,
  ConstantLR,
  PolynomialLR,
  MultiplicativeLR,
  CyclicLR,
  ChainedScheduler,
  type Scheduler,
  type SchedulableGroup,
  type SchedulableOptimizer,
  type SchedulerStateDict,
  type SchedulerStateValue,
  type LastEpochOption,
  type StepLROptions,
  type MultiStepLROptions,
  type ExponentialLROptions,
  type CosineAnnealingLROptions,
  type CosineAnnealingWarmRestartsOptions,
  type LinearLROptions,
  type LambdaLROptions,
  type LrLambda,
  type OneCycleLROptions,
  type ReduceLROnPlateauOptions,
  type SequentialLROptions,
  type ConstantLROptions,
  type PolynomialLROptions,
  type MultiplicativeLROptions,
  type CyclicLROptions,
  type CyclicLRMode,
  type CyclicLRScaleMode,
  type ChainableScheduler,
} from './lr-scheduler/index.js';
/**
 * `torch.optim.swa_utils`' scheduler, `swaUtils.SWALR` (AveragedModel and updateBn need Module: @torchlet/nn-layers has them).
 *
 * @pytorch torch.optim.swa_utils
 * @example
 * ```ts
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const swaScheduler = new swaUtils.SWALR(optimizer, { swaLr: 0.05 });
 * ```
 */
export * as swaUtils from './swa-utils.js';
export type { SWALROptions, SWALRAnnealStrategy } from './lr-scheduler/swa.js';
/**
 * The pure update rules, usable on tensor-core tensors without autograd: `(param, grad, state, options)`, updated in place.
 *
 * @pytorch none: the single-tensor update functions inside torch.optim (e.g. torch.optim.sgd's _single_tensor_sgd)
 * @example
 * ```ts
 * const param = randn([3]);
 * const state = rules.initSGDState();
 * rules.sgdStep(param, randn([3]), state, { lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false, maximize: false });
 * ```
 */
export * as rules from './rules/index.js';
// Optimizer and scheduler state in PyTorch 1.13's structure, so a run saved by one resumes in the other.
export {
  optimizerToTorch,
  optimizerFromTorch,
  schedulerToTorch,
  schedulerFromTorch,
  type TorchOptimizerJson,
  type TorchOptimizerState,
  type TorchSchedulerJson,
  type TorchJson,
} from './torch-format/index.js';
