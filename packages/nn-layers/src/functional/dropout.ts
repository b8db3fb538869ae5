// dropout (torch.nn.functional.dropout): zero each element with probability p in training and
// scale the survivors by 1 / (1 - p) (inverted dropout), so eval needs no rescaling.
import { ValueError, zeros, type Generator, type Tensor } from '@torchlet/tensor-core';

export interface DropoutOptions {
  p?: number;
  training?: boolean;
  generator?: Generator;
}

export function dropout(input: Tensor, options: DropoutOptions = {}): Tensor {
  const p = options.p ?? 0.5;
  const training = options.training ?? true;
  if (!(p >= 0 && p <= 1)) throw new ValueError(`dropout(): dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return input;
  if (p === 1) return input.mul(0);
  // noise ~ Bernoulli(1 - p) / (1 - p); y = x * noise
  const noise = zeros(input.shape, { dtype: input.dtype }).bernoulli_(1 - p, options.generator).div_(1 - p);
  return input.mul(noise);
}
