// torch.nn.init: fill tensors in place with PyTorch's fan computations, gains and bounds, without
// recording gradients (as torch.nn.init's no_grad), so parameters can be initialised in place.
// Draws go through tensor-core's uniform_/normal_, which reproduce torch's CPU random stream after
// manualSeed, so the same seed gives PyTorch's initial weights.
import { noGrad } from '@torchlet/autograd';
import { ValueError, type Generator, type Tensor } from '@torchlet/tensor-core';

export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'selu';

export type FanMode = 'fan_in' | 'fan_out';

const LINEAR_FNS = new Set(['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d']);

/** The recommended gain for a nonlinearity (torch.nn.init.calculate_gain). `param` is leaky_relu's negative slope (default 0.01). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  if (LINEAR_FNS.has(nonlinearity) || nonlinearity === 'sigmoid') return 1;
  if (nonlinearity === 'tanh') return 5.0 / 3;
  if (nonlinearity === 'relu') return Math.sqrt(2.0);
  if (nonlinearity === 'leaky_relu') {
    const slope = param ?? 0.01;
    if (typeof slope !== 'number' || !Number.isFinite(slope)) throw new ValueError(`calculateGain(): negative_slope ${String(param)} not a valid number`);
    return Math.sqrt(2.0 / (1 + slope * slope)); // sqrt(2 / (1 + a^2))
  }
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw new ValueError(`calculateGain(): unsupported nonlinearity ${String(nonlinearity)}`);
}

/** fan_in = size(1) * receptive field, fan_out = size(0) * receptive field (receptive field = prod(shape[2:])). */
export function calculateFanInAndFanOut(tensor: Tensor): { fanIn: number; fanOut: number } {
  const shape = tensor.shape;
  if (shape.length < 2) {
    throw new ValueError(
      `Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (got shape [${shape.join(', ')}])`,
    );
  }
  let receptive = 1;
  for (let i = 2; i < shape.length; i++) receptive *= shape[i];
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

function correctFan(tensor: Tensor, mode: FanMode): number {
  if (mode !== 'fan_in' && mode !== 'fan_out') throw new ValueError(`Mode ${String(mode)} not supported, please use one of fan_in, fan_out`);
  const { fanIn, fanOut } = calculateFanInAndFanOut(tensor);
  return mode === 'fan_in' ? fanIn : fanOut;
}

function isEmpty(tensor: Tensor): boolean {
  return tensor.shape.includes(0);
}

/** Fill with U(a, b). */
export function uniform_<T extends Tensor>(tensor: T, a = 0, b = 1, generator?: Generator): T {
  noGrad(() => tensor.uniform_(a, b, generator));
  return tensor;
}

/** Fill with N(mean, std^2). */
export function normal_<T extends Tensor>(tensor: T, mean = 0, std = 1, generator?: Generator): T {
  noGrad(() => tensor.normal_(mean, std, generator));
  return tensor;
}

export function constant_<T extends Tensor>(tensor: T, value: number): T {
  noGrad(() => tensor.fill_(value));
  return tensor;
}

export function zeros_<T extends Tensor>(tensor: T): T {
  noGrad(() => tensor.zero_());
  return tensor;
}

export function ones_<T extends Tensor>(tensor: T): T {
  noGrad(() => tensor.fill_(1));
  return tensor;
}

export interface KaimingOptions {
  /** Negative slope of the following leaky_relu (default 0). */
  a?: number;
  mode?: FanMode;
  nonlinearity?: Nonlinearity;
  generator?: Generator;
}

/** U(-bound, bound) with bound = gain * sqrt(3 / fan) (He et al. 2015). Zero-element tensors are left as they are. */
export function kaimingUniform_<T extends Tensor>(tensor: T, options: KaimingOptions = {}): T {
  if (isEmpty(tensor)) return tensor;
  const fan = correctFan(tensor, options.mode ?? 'fan_in');
  const gain = calculateGain(options.nonlinearity ?? 'leaky_relu', options.a ?? 0);
  const std = gain / Math.sqrt(fan);
  const bound = Math.sqrt(3.0) * std;
  return uniform_(tensor, -bound, bound, options.generator);
}

/** N(0, std^2) with std = gain / sqrt(fan). */
export function kaimingNormal_<T extends Tensor>(tensor: T, options: KaimingOptions = {}): T {
  if (isEmpty(tensor)) return tensor;
  const fan = correctFan(tensor, options.mode ?? 'fan_in');
  const gain = calculateGain(options.nonlinearity ?? 'leaky_relu', options.a ?? 0);
  const std = gain / Math.sqrt(fan);
  return normal_(tensor, 0, std, options.generator);
}

export interface XavierOptions {
  gain?: number;
  generator?: Generator;
}

/** U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)) (Glorot & Bengio 2010). */
export function xavierUniform_<T extends Tensor>(tensor: T, options: XavierOptions = {}): T {
  const { fanIn, fanOut } = calculateFanInAndFanOut(tensor);
  const std = (options.gain ?? 1) * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(tensor, -a, a, options.generator);
}

/** N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out)). */
export function xavierNormal_<T extends Tensor>(tensor: T, options: XavierOptions = {}): T {
  const { fanIn, fanOut } = calculateFanInAndFanOut(tensor);
  const std = (options.gain ?? 1) * Math.sqrt(2.0 / (fanIn + fanOut));
  return normal_(tensor, 0, std, options.generator);
}
