// batchNorm (tensor-core's batch-norm kernels with their closed-form backward, for speed) and
// layerNorm (composed from differentiable tensor ops), as torch.nn.functional. Batch statistics and
// the in-place running-statistics update are float64, as ATen's CPU kernel keeps them.
import { noGrad } from '@torchlet/autograd';
import { ShapeError, ValueError, type Tensor } from '@torchlet/tensor-core';
import { batchNormBackward, batchNormForward, batchNormMoments, coreOps, holdsFloat64 } from '@torchlet/tensor-core/internal';
import { fusedOp } from '@torchlet/autograd/internal';
import { checkFloat, checkOptions, checkSameDType, shapeText } from './util.js';

/**
 * Options of `functional.batchNorm`: the affine weight and bias, training mode, momentum and eps.
 *
 * @pytorch the keyword arguments of torch.nn.functional.batch_norm
 * @example
 * ```ts
 * const options: BatchNormOptions = { training: true, momentum: 0.1 };
 * const y = functional.batchNorm(randn([4, 3]), zeros([3]), ones([3]), options);
 * ```
 */
export interface BatchNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  /** Use (and update) batch statistics (default false). */
  training?: boolean;
  /** Running-average factor (default 0.1): running = (1 - momentum) * running + momentum * batch. */
  momentum?: number;
  eps?: number;
}

/**
 * running = momentum * batch + (1 - momentum) * running, computed in float64 (`batch` is float64) and
 * rounded once. `momentum` is a 0-d tensor where it is only known on a device (a cumulative average).
 */
function updateRunning(running: Tensor, batch: Tensor, momentum: number | Tensor): void {
  // in float64 (in the buffer's own dtype on a device without float64)
  const prev = holdsFloat64(running.device) ? running.to('float64') : running;
  const keep = typeof momentum === 'number' ? 1 - momentum : momentum.neg().add(1);
  running.copy_(batch.mul(momentum).add(prev.mul(keep)));
}

/**
 * Batch normalization over dim 1 of [N, C, ...]: y = (x - mean) / sqrt(var + eps) * weight + bias.
 * Training uses the batch's biased variance and updates the running mean and the unbiased running
 * variance in place; otherwise the running statistics are used (they are required then).
 */
export function batchNorm(input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, options: BatchNormOptions = {}): Tensor {
  checkOptions('batch_norm', options, ['weight', 'bias', 'training', 'momentum', 'eps']);
  return batchNormWithFactor(input, runningMean, runningVar, options, options.momentum ?? 0.1);
}

/**
 * batchNorm with the running-average factor given apart: a number, or a 0-d tensor on the input's
 * device (BatchNorm's cumulative average 1 / num_batches_tracked, which a device cannot read synchronously).
 */
export function batchNormWithFactor(
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  options: Omit<BatchNormOptions, 'momentum'>,
  momentum: number | Tensor,
): Tensor {
  const op = 'batch_norm';
  checkFloat(op, 'input', input);
  const { weight = null, bias = null, training = false, eps = 1e-5 } = options;
  checkSameDType(op, 'weight', input, weight);
  checkSameDType(op, 'bias', input, bias);
  if (input.ndim < 2) throw new ShapeError(`${op}(): expected at least 2D input (got ${input.ndim}D input)`);
  const c = input.shape[1];
  for (const [name, t] of [['running_mean', runningMean], ['running_var', runningVar], ['weight', weight], ['bias', bias]] as const) {
    if (t && t.numel() !== c) throw new ShapeError(`${op}(): ${name} should contain ${c} elements not ${t.numel()}`);
  }
  let mean: Tensor;
  let variance: Tensor;
  if (training) {
    const count = input.numel() / Math.max(c, 1);
    if (count <= 1) {
      throw new ValueError(`${op}(): Expected more than 1 value per channel when training, got input size ${shapeText(input.shape)}`);
    }
    // float64 [C]: the mean and the biased variance
    ({ mean, variance } = batchNormMoments(input));
    if (runningMean || runningVar) {
      noGrad(() => {
        if (runningMean) updateRunning(runningMean, mean, momentum);
        if (runningVar) updateRunning(runningVar, variance.mul(count).div(count - 1), momentum); // unbiased: var * m / (m - 1)
      });
    }
  } else {
    if (!runningMean || !runningVar) throw new ValueError(`${op}(): running_mean and running_var must be given when not training`);
    // the statistics as they are now (a later training step updates the buffers in place)
    mean = coreOps.clone(runningMean);
    variance = coreOps.clone(runningVar);
  }
  return fusedOp('NativeBatchNorm', [input, weight, bias], () => ({
    output: batchNormForward(input, mean, variance, eps, weight, bias),
    backward: (grad, needs) => {
      const r = batchNormBackward(input, grad, mean, variance, eps, weight, training, { input: needs[0], weight: needs[1], bias: needs[2] });
      return [
        r.gradInput,
        r.gradWeight && weight ? coreOps.reshape(r.gradWeight, weight.shape) : null,
        r.gradBias && bias ? coreOps.reshape(r.gradBias, bias.shape) : null,
      ];
    },
    saved: weight ? [input, weight] : [input],
  }));
}

/**
 * Options of `functional.layerNorm`: the affine weight and bias and eps.
 *
 * @pytorch the keyword arguments of torch.nn.functional.layer_norm
 * @example
 * ```ts
 * const options: LayerNormOptions = { eps: 1e-6 };
 * const y = functional.layerNorm(randn([2, 8]), [8], options);
 * ```
 */
export interface LayerNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/** Normalize over the trailing `normalizedShape` dims: (x - mean) / sqrt(var + eps) * weight + bias. */
export function layerNorm(input: Tensor, normalizedShape: readonly number[], options: LayerNormOptions = {}): Tensor {
  const op = 'layer_norm';
  checkOptions(op, options, ['weight', 'bias', 'eps']);
  checkFloat(op, 'input', input);
  const { weight = null, bias = null, eps = 1e-5 } = options;
  checkSameDType(op, 'weight', input, weight);
  checkSameDType(op, 'bias', input, bias);
  const k = normalizedShape.length;
  const tail = input.shape.slice(input.ndim - k);
  if (k === 0 || input.ndim < k || tail.some((s, i) => s !== normalizedShape[i])) {
    throw new ShapeError(
      `${op}(): Given normalized_shape=${shapeText(normalizedShape)}, expected input with shape [*, ${normalizedShape.join(', ')}], but got input of size${shapeText(input.shape)}`,
    );
  }
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t && (t.ndim !== k || t.shape.some((s, i) => s !== normalizedShape[i]))) {
      throw new ShapeError(`${op}(): expected ${name} of shape ${shapeText(normalizedShape)}, got ${shapeText(t.shape)}`);
    }
  }
  const dims = Array.from({ length: k }, (_, i) => input.ndim - k + i);
  const mean = input.mean(dims, true);
  const variance = input.var(dims, { correction: 0, keepdim: true });
  let out = input.sub(mean).mul(variance.add(eps).rsqrt()); // (x - mean) / sqrt(var + eps)
  if (weight) out = out.mul(weight);
  if (bias) out = out.add(bias);
  return out;
}

/**
 * Options of `functional.groupNorm`: the affine weight and bias and eps.
 *
 * @pytorch the keyword arguments of torch.nn.functional.group_norm
 * @example
 * ```ts
 * const options: GroupNormOptions = { weight: ones([4]), bias: zeros([4]) };
 * const y = functional.groupNorm(randn([2, 4, 3]), 2, options);
 * ```
 */
export interface GroupNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/**
 * Group normalization of [N, C, *]: the C channels split into `numGroups` groups, each (sample,
 * group) normalized with its own mean and biased variance, then a per-channel weight and bias.
 * Composed from differentiable tensor ops (no backward of its own).
 */
export function groupNorm(input: Tensor, numGroups: number, options: GroupNormOptions = {}): Tensor {
  const op = 'group_norm';
  checkOptions(op, options, ['weight', 'bias', 'eps']);
  checkFloat(op, 'input', input);
  const { weight = null, bias = null, eps = 1e-5 } = options;
  checkSameDType(op, 'weight', input, weight);
  checkSameDType(op, 'bias', input, bias);
  if (input.ndim < 2) throw new ShapeError(`${op}(): Expected at least 2 dimensions for input tensor but received ${input.ndim}`);
  const [n, c] = input.shape;
  if (!Number.isInteger(numGroups) || numGroups < 1 || c % numGroups !== 0) {
    throw new ShapeError(`${op}(): Expected number of channels in input to be divisible by num_groups, but got input of shape ${shapeText(input.shape)} and num_groups=${numGroups}`);
  }
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t && (t.ndim !== 1 || t.numel() !== c)) {
      throw new ShapeError(`${op}(): Expected ${name} to be a vector of size equal to the number of channels in input, but got ${name} of shape ${shapeText(t.shape)} and input of shape ${shapeText(input.shape)}`);
    }
  }
  const grouped = input.reshape([n, numGroups, -1]);
  const mean = grouped.mean(2, true);
  const variance = grouped.var(2, { correction: 0, keepdim: true });
  let out = grouped.sub(mean).mul(variance.add(eps).rsqrt()).reshape(input.shape); // (x - mean) / sqrt(var + eps)
  const channelShape = input.shape.map((s, i) => (i === 1 ? s : 1));
  if (weight) out = out.mul(weight.reshape(channelShape));
  if (bias) out = out.add(bias.reshape(channelShape));
  return out;
}

/**
 * Options of `functional.instanceNorm`: running statistics, affine weight and bias, momentum and eps.
 *
 * @pytorch the keyword arguments of torch.nn.functional.instance_norm
 * @example
 * ```ts
 * const options: InstanceNormOptions = { eps: 1e-3 };
 * const y = functional.instanceNorm(randn([2, 3, 10]), options);
 * ```
 */
export interface InstanceNormOptions {
  runningMean?: Tensor | null;
  runningVar?: Tensor | null;
  weight?: Tensor | null;
  bias?: Tensor | null;
  /** Normalize with each instance's own statistics (default true); false uses the running ones. */
  useInputStats?: boolean;
  momentum?: number;
  eps?: number;
}

/** `t` ([C]) repeated n times ([n * C]), differentiably (PyTorch's repeat_if_defined). */
function repeatChannels(t: Tensor, n: number): Tensor {
  return t.unsqueeze(0).expand([n, t.numel()]).reshape([n * t.numel()]);
}

/**
 * Instance normalization of [N, C, *]: each (sample, channel) normalized over its spatial dims. As
 * ATen: batch norm of the input viewed as [1, N * C, *] with the running statistics repeated N
 * times; afterwards each running statistic is the mean of its N updated copies.
 */
export function instanceNorm(input: Tensor, options: InstanceNormOptions = {}): Tensor {
  const op = 'instance_norm';
  checkOptions(op, options, ['runningMean', 'runningVar', 'weight', 'bias', 'useInputStats', 'momentum', 'eps']);
  checkFloat(op, 'input', input);
  const { runningMean = null, runningVar = null, weight = null, bias = null, useInputStats = true, momentum = 0.1, eps = 1e-5 } = options;
  if (input.ndim < 2) throw new ShapeError(`${op}(): Expected at least 2D input (got ${input.ndim}D input)`);
  const [n, c] = input.shape;
  if (useInputStats) {
    const spatial = input.shape.slice(2).reduce((a, b) => a * b, 1);
    if (spatial === 1) throw new ValueError(`${op}(): Expected more than 1 spatial element when training, got input size ${shapeText(input.shape)}`);
  }
  for (const [name, t] of [['running_mean', runningMean], ['running_var', runningVar], ['weight', weight], ['bias', bias]] as const) {
    if (t && t.numel() !== c) throw new ShapeError(`${op}(): ${name} should contain ${c} elements not ${t.numel()}`);
  }
  const rm = runningMean ? noGrad(() => repeatChannels(runningMean, n).contiguous().clone()) : null;
  const rv = runningVar ? noGrad(() => repeatChannels(runningVar, n).contiguous().clone()) : null;
  const out = batchNorm(input.contiguous().reshape([1, n * c, ...input.shape.slice(2)]), rm, rv, {
    weight: weight ? repeatChannels(weight, n) : null,
    bias: bias ? repeatChannels(bias, n) : null,
    training: useInputStats,
    momentum,
    eps,
  });
  noGrad(() => {
    if (runningMean && rm) runningMean.copy_(rm.reshape([n, c]).mean(0));
    if (runningVar && rv) runningVar.copy_(rv.reshape([n, c]).mean(0));
  });
  return out.reshape(input.shape);
}
