// batchNorm (a typed-array kernel with its closed-form backward, for speed) and layerNorm
// (composed from differentiable tensor ops), as torch.nn.functional. Batch statistics and the
// in-place running-statistics update use float64 sums, as ATen's CPU kernel does.
import { noGrad } from '@torchlet/autograd';
import { ShapeError, Tensor, ValueError } from '@torchlet/tensor-core';
import { batchNormBackward, batchNormForward, channelMoments } from '../kernels/batch-norm.js';
import { allocFloat, readContiguous } from '../kernels/strided.js';
import { kernelOp } from './kernel-op.js';
import { arrayOf, checkFloat, checkSameDType, tensorFrom, shapeText } from './util.js';

export interface BatchNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  /** Use (and update) batch statistics (default false). */
  training?: boolean;
  /** Running-average factor (default 0.1): running = (1 - momentum) * running + momentum * batch. */
  momentum?: number;
  eps?: number;
}

/** running = momentum * batch + (1 - momentum) * running, computed in float64 and rounded once. */
function updateRunning(running: Tensor, batch: Float64Array, momentum: number): void {
  const current = readContiguous(running);
  const next = new Float64Array(batch.length);
  for (let i = 0; i < batch.length; i++) next[i] = momentum * batch[i] + (1 - momentum) * current[i];
  running.copy_(new Tensor(next, running.shape, 'float64'));
}

/**
 * Batch normalization over dim 1 of [N, C, ...]: y = (x - mean) / sqrt(var + eps) * weight + bias.
 * Training uses the batch's biased variance and updates the running mean and the unbiased running
 * variance in place; otherwise the running statistics are used (they are required then).
 */
export function batchNorm(input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, options: BatchNormOptions = {}): Tensor {
  const op = 'batch_norm';
  checkFloat(op, 'input', input);
  const { weight = null, bias = null, training = false, eps = 1e-5 } = options;
  const momentum = options.momentum ?? 0.1;
  checkSameDType(op, 'weight', input, weight);
  checkSameDType(op, 'bias', input, bias);
  if (input.ndim < 2) throw new ShapeError(`${op}(): expected at least 2D input (got ${input.ndim}D input)`);
  const c = input.shape[1];
  for (const [name, t] of [['running_mean', runningMean], ['running_var', runningVar], ['weight', weight], ['bias', bias]] as const) {
    if (t && t.numel() !== c) throw new ShapeError(`${op}(): ${name} should contain ${c} elements not ${t.numel()}`);
  }
  const shape = { n: input.shape[0], c, inner: input.numel() / Math.max(input.shape[0] * c, 1) };
  const x = readContiguous(input);
  let mean: ArrayLike<number>;
  let invStd: Float64Array;
  if (training) {
    const count = shape.n * shape.inner;
    if (count <= 1) {
      throw new ValueError(`${op}(): Expected more than 1 value per channel when training, got input size ${shapeText(input.shape)}`);
    }
    const moments = channelMoments(shape, x);
    mean = moments.mean;
    invStd = moments.varBiased.map((v) => 1 / Math.sqrt(v + eps)); // 1 / sqrt(var + eps)
    if (runningMean || runningVar) {
      noGrad(() => {
        if (runningMean) updateRunning(runningMean, moments.mean, momentum);
        if (runningVar) updateRunning(runningVar, moments.varBiased.map((v) => (v * count) / (count - 1)), momentum); // unbiased: var * m / (m - 1)
      });
    }
  } else {
    if (!runningMean || !runningVar) throw new ValueError(`${op}(): running_mean and running_var must be given when not training`);
    mean = readContiguous(runningMean);
    invStd = Float64Array.from(readContiguous(runningVar), (v) => 1 / Math.sqrt(v + eps));
  }
  const dtype = input.dtype;
  const w = weight ? arrayOf(weight) : null;
  const b = bias ? arrayOf(bias) : null;
  return kernelOp(
    'NativeBatchNorm',
    [input, weight, bias],
    () => {
      const out = allocFloat(dtype, x.length);
      batchNormForward(shape, x, mean, invStd, w, b, out);
      return tensorFrom(out, input.shape, dtype);
    },
    (grad, needs) => {
      const r = batchNormBackward(shape, x, arrayOf(grad), mean, invStd, w, training, { input: needs[0], weight: needs[1], bias: needs[2] });
      return [
        r.gradInput ? tensorFrom(r.gradInput, input.shape, dtype) : null,
        r.gradWeight && weight ? tensorFrom(r.gradWeight, weight.shape, dtype) : null,
        r.gradBias && bias ? tensorFrom(r.gradBias, bias.shape, dtype) : null,
      ];
    },
  );
}

export interface LayerNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/** Normalize over the trailing `normalizedShape` dims: (x - mean) / sqrt(var + eps) * weight + bias. */
export function layerNorm(input: Tensor, normalizedShape: readonly number[], options: LayerNormOptions = {}): Tensor {
  const op = 'layer_norm';
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
