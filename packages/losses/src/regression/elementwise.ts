// mseLoss, l1Loss, smoothL1Loss, huberLoss: PyTorch's pointwise regression losses.
import { nameGradFn } from '@torchlet/autograd/internal';
import { ValueError, type Tensor } from '@torchlet/tensor-core';
import { checkBroadcast, checkFloating, checkReduction, fail, promotedTarget, reduce, withDefaults, type Reduction } from '../common.js';

/**
 * Options of `mseLoss` and `l1Loss` (and their modules `MSELoss`, `L1Loss`).
 *
 * @pytorch the keyword arguments of torch.nn.functional.mse_loss and torch.nn.functional.l1_loss
 * @example
 * ```ts
 * const options: RegressionLossOptions = { reduction: 'sum' };
 * const loss = mseLoss(randn([4]), randn([4]), options);
 * ```
 */
export interface RegressionLossOptions {
  /** Default 'mean'. */
  reduction?: Reduction;
}

/**
 * Options of `smoothL1Loss` and `SmoothL1Loss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.smooth_l1_loss
 * @example
 * ```ts
 * const options: SmoothL1LossOptions = { beta: 0.5 };
 * const criterion = new SmoothL1Loss(options);
 * ```
 */
export interface SmoothL1LossOptions extends RegressionLossOptions {
  /** Where the loss turns from quadratic to linear; >= 0 (0 gives l1Loss). Default 1. */
  beta?: number;
}

/**
 * Options of `huberLoss` and `HuberLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.huber_loss
 * @example
 * ```ts
 * const options: HuberLossOptions = { delta: 0.5 };
 * const criterion = new HuberLoss(options);
 * ```
 */
export interface HuberLossOptions extends RegressionLossOptions {
  /** Where the loss turns from quadratic to linear; > 0. Default 1. */
  delta?: number;
}

/** PyTorch's defaults of mseLoss and l1Loss (MSELoss and L1Loss take them from here). */
export const REGRESSION_DEFAULTS: Readonly<Required<RegressionLossOptions>> = { reduction: 'mean' };
/** PyTorch's defaults (SmoothL1Loss takes them from here). */
export const SMOOTH_L1_DEFAULTS: Readonly<Required<SmoothL1LossOptions>> = { beta: 1, reduction: 'mean' };
/** PyTorch's defaults (HuberLoss takes them from here). */
export const HUBER_DEFAULTS: Readonly<Required<HuberLossOptions>> = { delta: 1, reduction: 'mean' };

/** input - target, after PyTorch's broadcast check (it warns and broadcasts when the shapes differ). */
function difference(op: string, input: Tensor, target: Tensor): Tensor {
  checkFloating(op, 'input', input);
  const t = promotedTarget(target, input);
  checkBroadcast(op, 'target', t, input.shape, 'input of shape');
  return input.sub(t);
}

/**
 * |x - y| for smoothL1Loss with beta = 0. PyTorch's backward takes its `d <= -beta` branch at
 * d = x - y = 0 for the input, and (with the roles swapped) for the target too: both gradients are
 * -1 there. Away from 0 the slopes are +-1 as for |d|; at 0 the value is (x + y) - (x + y) = 0
 * exactly, whose gradient is -1 for both arguments when the sum is taken from the detached copy.
 */
function absWithPyTorchKink(x: Tensor, y: Tensor, d: Tensor): Tensor {
  const sum = x.add(y);
  const kink = sum.detach().sub(sum);
  return d.where(d.gt(0), d.neg().where(d.lt(0), kink));
}

/**
 * loss = (x - y)^2, as `torch.nn.functional.mse_loss` (target broadcast against input).
 *
 * @pytorch torch.nn.functional.mse_loss
 * @example
 * ```ts
 * const prediction = randn([4, 2]);
 * const loss = mseLoss(prediction, randn([4, 2]));
 * ```
 */
export function mseLoss(input: Tensor, target: Tensor, options: RegressionLossOptions = {}): Tensor {
  const r = checkReduction('mseLoss', withDefaults('mseLoss', REGRESSION_DEFAULTS, options).reduction);
  const d = difference('mseLoss', input, target);
  return nameGradFn(reduce(d.mul(d), r), 'MseLossBackward0');
}

/**
 * loss = |x - y|, as `torch.nn.functional.l1_loss` (gradient sign(x - y), 0 at x = y).
 *
 * @pytorch torch.nn.functional.l1_loss
 * @example
 * ```ts
 * const prediction = randn([4, 2]);
 * const loss = l1Loss(prediction, randn([4, 2]), { reduction: 'sum' });
 * ```
 */
export function l1Loss(input: Tensor, target: Tensor, options: RegressionLossOptions = {}): Tensor {
  const r = checkReduction('l1Loss', withDefaults('l1Loss', REGRESSION_DEFAULTS, options).reduction);
  return reduce(difference('l1Loss', input, target).abs(), r);
}

/**
 * As `torch.nn.functional.smooth_l1_loss`: with z = |x - y|,
 *   loss = 0.5 z^2 / beta  if z < beta,  z - 0.5 beta otherwise   (beta = 0: l1Loss).
 *
 * @pytorch torch.nn.functional.smooth_l1_loss
 * @example
 * ```ts
 * const prediction = randn([4, 2]);
 * const loss = smoothL1Loss(prediction, randn([4, 2]), { beta: 0.5 });
 * ```
 */
export function smoothL1Loss(input: Tensor, target: Tensor, options: SmoothL1LossOptions = {}): Tensor {
  const { beta, reduction } = withDefaults('smoothL1Loss', SMOOTH_L1_DEFAULTS, options);
  const r = checkReduction('smoothL1Loss', reduction);
  if (typeof beta !== 'number' || !(beta >= 0)) fail('smoothL1Loss', 'beta', 'a number >= 0', String(beta), ValueError);
  const d = difference('smoothL1Loss', input, target);
  if (beta === 0) return nameGradFn(reduce(absWithPyTorchKink(input, target, d), r), 'SmoothL1LossBackward0');
  const z = d.abs();
  const quadratic = z.mul(z).mul(0.5).div(beta);
  return nameGradFn(reduce(quadratic.where(z.lt(beta), z.sub(0.5 * beta)), r), 'SmoothL1LossBackward0');
}

/**
 * As `torch.nn.functional.huber_loss`: with z = |x - y|,
 *   loss = 0.5 z^2  if z < delta,  delta (z - 0.5 delta) otherwise   (= delta * smoothL1Loss with beta = delta).
 *
 * @pytorch torch.nn.functional.huber_loss
 * @example
 * ```ts
 * const prediction = randn([4, 2]);
 * const loss = huberLoss(prediction, randn([4, 2]), { delta: 2 });
 * ```
 */
export function huberLoss(input: Tensor, target: Tensor, options: HuberLossOptions = {}): Tensor {
  const { delta, reduction } = withDefaults('huberLoss', HUBER_DEFAULTS, options);
  const r = checkReduction('huberLoss', reduction);
  if (typeof delta !== 'number' || !(delta > 0)) fail('huberLoss', 'delta', 'a number > 0', String(delta), ValueError);
  const z = difference('huberLoss', input, target).abs();
  const quadratic = z.mul(z).mul(0.5);
  return nameGradFn(reduce(quadratic.where(z.lt(delta), z.sub(0.5 * delta).mul(delta)), r), 'HuberLossBackward0');
}
