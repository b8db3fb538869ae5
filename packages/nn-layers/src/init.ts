// torch.nn.init: fill tensors in place with PyTorch's fan computations, gains and bounds, without
// recording gradients (as torch.nn.init's no_grad), so parameters can be initialised in place.
// Draws go through tensor-core's uniform_/normal_, which reproduce torch's CPU random stream after
// manualSeed, so the same seed gives PyTorch's initial weights.
import { noGrad } from '@torchlet/autograd';
import { checkOptions } from './functional/util.js';
import { ValueError, empty, scalarTensor, Tensor, type Generator } from '@torchlet/tensor-core';

/**
 * A nonlinearity `init.calculateGain` knows (PyTorch's names).
 *
 * @pytorch the nonlinearity argument of torch.nn.init.calculate_gain
 * @example
 * ```ts
 * const nonlinearity: Nonlinearity = 'leaky_relu';
 * const gain = init.calculateGain(nonlinearity, 0.2);
 * ```
 */
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

/**
 * Which fan `init.kaimingUniform_` and `init.kaimingNormal_` preserve the variance of: 'fan_in' (forward) or 'fan_out' (backward).
 *
 * @pytorch the mode argument of torch.nn.init.kaiming_uniform_
 * @example
 * ```ts
 * const mode: FanMode = 'fan_out';
 * init.kaimingNormal_(new Linear(3, 4).weight, { mode });
 * ```
 */
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

/**
 * Options of `init.kaimingUniform_` and `init.kaimingNormal_`: the negative slope, the fan mode, the nonlinearity and a generator.
 *
 * @pytorch the keyword arguments of torch.nn.init.kaiming_uniform_
 * @example
 * ```ts
 * const options: KaimingOptions = { mode: 'fan_in', nonlinearity: 'relu' };
 * init.kaimingUniform_(new Linear(3, 4).weight, options);
 * ```
 */
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

/**
 * Options of `init.xavierUniform_` and `init.xavierNormal_`: the gain and a generator.
 *
 * @pytorch the gain argument of torch.nn.init.xavier_uniform_
 * @example
 * ```ts
 * const options: XavierOptions = { gain: init.calculateGain('tanh') };
 * init.xavierUniform_(new Linear(3, 4).weight, options);
 * ```
 */
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

/** erf of one double, through tensor-core's float64 erf. */
function erf(x: number): number {
  return scalarTensor(x, 'float64').erf().item();
}

/**
 * The inverse error function of float64 values, as ATen's calc_erfinv: a rational first guess
 * (Pavlis's erfinv) improved by two Newton steps.
 */
function erfinv64(y: Tensor): Tensor {
  const v = y.toTypedArray() as Float64Array;
  const a = [0.886226899, -1.645349621, 0.914624893, -0.140543331];
  const b = [-2.118377725, 1.442710462, -0.329097515, 0.012229801];
  const c = [-1.970840454, -1.624906493, 3.429567803, 1.641345311];
  const d = [3.5438892, 1.6370678];
  const x0 = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const t = v[i];
    const abs = Math.abs(t);
    if (abs > 1 || Number.isNaN(t)) x0[i] = NaN;
    else if (abs === 1) x0[i] = t > 0 ? Infinity : -Infinity;
    else if (abs <= 0.7) {
      const z = t * t;
      x0[i] = (t * (((a[3] * z + a[2]) * z + a[1]) * z + a[0])) / ((((b[3] * z + b[2]) * z + b[1]) * z + b[0]) * z + 1);
    } else {
      const z = Math.sqrt(-Math.log((1 - abs) / 2));
      x0[i] = (Math.sign(t) * (((c[3] * z + c[2]) * z + c[1]) * z + c[0])) / ((d[1] * z + d[0]) * z + 1);
    }
  }
  let x = new Tensor(x0, y.shape, 'float64');
  const k = 2 / Math.sqrt(Math.PI);
  for (let step = 0; step < 2; step++) {
    // x - (erf(x) - y) / (2/sqrt(pi) * exp(-x^2)); infinities stay (their update is NaN)
    const next = x.sub(x.erf().sub(y).div(x.mul(x).neg().exp().mul(k)));
    const n = next.toTypedArray() as Float64Array;
    const cur = x.toTypedArray() as Float64Array;
    for (let i = 0; i < n.length; i++) if (!Number.isFinite(cur[i])) n[i] = cur[i];
    x = new Tensor(n, y.shape, 'float64');
  }
  return x;
}

/**
 * Options of `init.truncNormal_`: the mean, the std, the cut-off [a, b] and a generator.
 *
 * @pytorch the keyword arguments of torch.nn.init.trunc_normal_
 * @example
 * ```ts
 * const options: TruncNormalOptions = { std: 0.02, a: -0.04, b: 0.04 };
 * init.truncNormal_(new Linear(3, 4).weight, options);
 * ```
 */
export interface TruncNormalOptions {
  mean?: number;
  std?: number;
  /** Lower cutoff (default -2). */
  a?: number;
  /** Upper cutoff (default 2). */
  b?: number;
  generator?: Generator;
}

/**
 * Fill with N(mean, std^2) truncated to [a, b] (torch.nn.init.trunc_normal_), by PyTorch's
 * inverse-CDF method: u ~ U(2 Phi(a') - 1, 2 Phi(b') - 1) (the same uniform draws as PyTorch after
 * manualSeed), x = mean + std * sqrt(2) * erfinv(u), clamped to [a, b]. erfinv runs in float64 and
 * is rounded to the tensor's dtype, so values are PyTorch's up to the last bit or two, not bit for bit.
 */
export function truncNormal_<T extends Tensor>(tensor: T, options: TruncNormalOptions = {}): T {
  checkOptions('trunc_normal_', options, ['mean', 'std', 'a', 'b', 'generator']);
  const { mean = 0, std = 1, a = -2, b = 2, generator } = options;
  const normCdf = (x: number): number => (1 + erf(x / Math.SQRT2)) / 2;
  const l = normCdf((a - mean) / std);
  const u = normCdf((b - mean) / std);
  noGrad(() => {
    tensor.uniform_(2 * l - 1, 2 * u - 1, generator);
    tensor.copy_(erfinv64(tensor.to('float64').contiguous()));
    tensor.mul_(std * Math.SQRT2);
    tensor.add_(mean);
    tensor.clamp_(a, b);
  });
  return tensor;
}

/**
 * Householder QR of an m x n (m >= n) row-major float64 matrix: the reduced Q (m x n) and R's
 * diagonal. Q * sign(diag R) is unique for a full-rank matrix, whatever the QR algorithm.
 */
function qr(m: number, n: number, data: Float64Array): { q: Float64Array; diag: Float64Array } {
  const r = Float64Array.from(data);
  const vs: Float64Array[] = [];
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += r[i * n + k] ** 2;
    norm = Math.sqrt(norm);
    const alpha = r[k * n + k] > 0 ? -norm : norm;
    const v = new Float64Array(m);
    for (let i = k; i < m; i++) v[i] = r[i * n + k];
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < m; i++) vv += v[i] * v[i];
    if (vv > 0) {
      for (let j = k; j < n; j++) {
        let s = 0;
        for (let i = k; i < m; i++) s += v[i] * r[i * n + j];
        s = (2 * s) / vv;
        for (let i = k; i < m; i++) r[i * n + j] -= s * v[i];
      }
    }
    vs.push(vv > 0 ? v.map((x) => x * Math.sqrt(2 / vv)) : v.fill(0));
    diag[k] = r[k * n + k];
  }
  // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * q[i * n + j];
      for (let i = k; i < m; i++) q[i * n + j] -= s * v[i];
    }
  }
  return { q, diag };
}

/**
 * Options of `init.orthogonal_`: the gain and a generator.
 *
 * @pytorch the gain argument of torch.nn.init.orthogonal_
 * @example
 * ```ts
 * const options: OrthogonalOptions = { gain: 1 };
 * init.orthogonal_(new Linear(4, 4).weight, options);
 * ```
 */
export interface OrthogonalOptions {
  gain?: number;
  generator?: Generator;
}

/**
 * Fill with a (semi-)orthogonal matrix (torch.nn.init.orthogonal_): the tensor viewed as
 * [rows, numel / rows], from N(0, 1) draws (PyTorch's draws after manualSeed) through QR with
 * Q's columns signed by R's diagonal, times `gain`. The QR runs in float64 (PyTorch: LAPACK in the
 * tensor's dtype), so float32 results agree to float32 rounding, not bit for bit.
 */
export function orthogonal_<T extends Tensor>(tensor: T, options: OrthogonalOptions = {}): T {
  checkOptions('orthogonal_', options, ['gain', 'generator']);
  const { gain = 1, generator } = options;
  if (tensor.ndim < 2) throw new ValueError('orthogonal_(): Only tensors with 2 or more dimensions are supported');
  if (tensor.numel() === 0) return tensor;
  const rows = tensor.shape[0];
  const cols = tensor.numel() / rows;
  noGrad(() => {
    const flat = empty([rows, cols], { dtype: tensor.dtype }).normal_(0, 1, generator);
    const a = (rows < cols ? flat.t() : flat).to('float64').contiguous();
    const [m, n] = a.shape;
    const { q, diag } = qr(m, n, a.toTypedArray() as Float64Array);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[i * n + j] *= Math.sign(diag[j]);
    let qt = new Tensor(q, [m, n], 'float64');
    if (rows < cols) qt = qt.t();
    tensor.copy_(qt.contiguous().reshape(tensor.shape));
    tensor.mul_(gain);
  });
  return tensor;
}
