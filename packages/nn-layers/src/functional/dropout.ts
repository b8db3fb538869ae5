// dropout (torch.nn.functional.dropout): zero each element with probability p in training and
// scale the survivors by 1 / (1 - p) (inverted dropout), so eval needs no rescaling.
import { ShapeError, ValueError, zeros, type Generator, type Tensor } from '@torchlet/tensor-core';
import { checkOptions } from './util.js';

/**
 * Options of `functional.dropout`: the probability, whether it is training (default true) and a generator.
 *
 * @pytorch the p and training arguments of torch.nn.functional.dropout
 * @example
 * ```ts
 * const options: DropoutOptions = { p: 0.2, training: true };
 * const y = functional.dropout(randn([4, 8]), options);
 * ```
 */
export interface DropoutOptions {
  p?: number;
  training?: boolean;
  generator?: Generator;
}

export function dropout(input: Tensor, options: DropoutOptions = {}): Tensor {
  checkOptions('dropout', options, ['p', 'training', 'generator']);
  const p = options.p ?? 0.5;
  const training = options.training ?? true;
  if (!(p >= 0 && p <= 1)) throw new ValueError(`dropout(): dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return input;
  if (p === 1) return input.mul(0);
  // noise ~ Bernoulli(1 - p) / (1 - p); y = x * noise
  // drawn on the CPU (the generator's stream), then moved to the input's device
  const noise = zeros(input.shape, { dtype: input.dtype }).bernoulli_(1 - p, options.generator).div_(1 - p).to(input.device);
  return input.mul(noise);
}

/**
 * Channel-wise dropout (torch.nn.functional.dropout2d, ATen's feature_dropout): in training each
 * whole channel input[n, c] is zeroed with probability p, the rest scaled by 1 / (1 - p). The mask
 * [N, C, 1, ...] is drawn as PyTorch draws it (one Bernoulli per channel), so after `manualSeed` the
 * masks are PyTorch's. A 3-D input is read as (N, C, L), as PyTorch 1.13 does (with a warning there).
 */
export function dropout2d(input: Tensor, options: DropoutOptions = {}): Tensor {
  checkOptions('dropout2d', options, ['p', 'training', 'generator']);
  const p = options.p ?? 0.5;
  const training = options.training ?? true;
  if (!(p >= 0 && p <= 1)) throw new ValueError(`dropout2d(): dropout probability has to be between 0 and 1, but got ${p}`);
  if (input.ndim < 2) throw new ShapeError(`dropout2d(): Feature dropout requires at least 2 dimensions in the input, got ${input.ndim}`);
  if (!training || p === 0) return input;
  if (p === 1) return input.mul(0);
  const noiseShape = input.shape.map((s, i) => (i < 2 ? s : 1));
  const noise = zeros(noiseShape, { dtype: input.dtype }).bernoulli_(1 - p, options.generator).div_(1 - p).to(input.device);
  return input.mul(noise);
}
