/**
 * Random sampling with torch's CPU streams (PyTorch 1.13, CPUGeneratorImpl = mt19937).
 *
 * Checked against PyTorch 1.13.1 (Debian, AVX2 build without MKL) by
 * conformance/test/tensor-core/random.test.ts on fixtures from conformance/generator/cases_random.py.
 *
 * Bit for bit (zero tolerance in the fixtures), float32 and float64:
 * - `manualSeed` / `Generator`, `random()`, `random64()`: the mt19937 stream (seeded with the low
 *   32 bits of the seed; random64 = first draw << 32 | second draw).
 * - `rand`, `uniform_`: float32 takes the low 24 bits of one 32-bit word, float64 the low 53 bits
 *   of one 64-bit word; u * (to - from) + from is a fused multiply-add, as GCC compiles torch.
 * - `randint`: (word mod range) + low, one 32-bit word per element below a 2^32 range, else 64-bit.
 * - `randperm`: torch's CPU swap shuffle, z = random() mod (n - i), swap i and i + z.
 * - `bernoulli_(p)` with a scalar p: a 53-bit uniform per element, 1 when u < p (the non-MKL
 *   kernel; torch builds with MKL draw bernoulli from a different stream).
 * - `randn` / `normal_` float32: both of torch's paths. Fewer than 16 elements or non-contiguous:
 *   the scalar Box-Muller in double with the cached second sample, rounded to float32. 16 or more
 *   contiguous: uniforms, then blocks of 16 through avx_mathfun's float32 log / sincos (the ragged
 *   tail redraws the last 16), emulated lane by lane in float32 with GCC's fused multiply-adds
 *   (src/ops/random/avx2-normal.ts; 20000 draws compared). A torch build without AVX2 uses libm's
 *   logf / cosf on that path instead and would differ from this at the ulp level.
 * - `normal_` float32 with mean / std: the final fmadd(n, std, mean) is fused as in torch.
 *
 * Same draws, last-bit differences: `randn` / `normal_` float64. The algorithm, the draws and the
 * order are torch's, but torch calls glibc's log / sin / cos and we call V8's Math.log / sin / cos;
 * the two libms disagree by an ulp on about 6% of inputs, so about 6% of float64 normals differ
 * from torch by a few ulp (up to 11 ulp seen, on near-zero values; always within 1e-15
 * relative + 1e-15 absolute). glibc is not correctly rounded either, so exact agreement would need
 * a port of glibc's table-driven log / sin / cos.
 *
 * Elements are visited in memory order (torch's TensorIterator order), so filling a transposed or
 * permuted view consumes the stream as torch does. The default generator is deterministic (seeded
 * with torch's default seed 67280421310721) rather than seeded from the OS as torch's is; seeds
 * must be non-negative safe integers (torch also takes negative seeds, as uint64).
 */
import { isFloatingDType, type DType } from '../dtype.js';
import { allocateData } from '../memory/scope.js';
import { DTypeError, ValueError, argError } from '../errors.js';
import { checkShape, numel, type Shape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { uniform_, normal_, bernoulli_ } from './random/fill.js';
import type { CreationOptions } from './creation.js';
import { Generator, defaultGenerator } from './random/generator.js';
import { uniformIntFromTo } from './random/sampling.js';
import { dtypeOption, leaf, likeDevice } from './options.js';

export { Generator, defaultGenerator };

/**
 * Options of the random functions (`rand`, `randn`, `randint`, ...): `CreationOptions` plus a generator.
 *
 * @pytorch the generator, dtype, device and requires_grad arguments of torch.rand, torch.randn, ...
 * @example
 * ```ts
 * const options: RandomOptions = { generator: new Generator().manualSeed(1), dtype: 'float64' };
 * const x = randn([3], options);
 * ```
 */
export interface RandomOptions extends CreationOptions {
  generator?: Generator;
}

/**
 * Seed the default generator (torch.manual_seed).
 *
 * @pytorch torch.manual_seed
 * @example
 * ```ts
 * manualSeed(0);
 * const x = randn([3]); // the same numbers as torch.manual_seed(0); torch.randn(3)
 * ```
 */
export function manualSeed(seed: number): Generator {
  return defaultGenerator().manualSeed(seed);
}

function shapeOf(shape: Shape | number, op: string): number[] {
  const s = typeof shape === 'number' ? [shape] : [...shape];
  checkShape(s, op);
  return s;
}

function floatDType(op: string, dtype: DType | undefined): DType {
  const d = dtype ?? 'float32';
  if (!isFloatingDType(d)) argError(op, 'dtype', 'float32 or float64', d, DTypeError);
  return d;
}

function fresh(shape: number[], dtype: DType): Tensor {
  return new Tensor(allocateData(dtype, numel(shape)), shape, dtype);
}

/**
 * Uniform samples in [0, 1).
 *
 * @pytorch torch.rand
 * @example
 * ```ts
 * const u = rand([2, 3]); // uniform in [0, 1)
 * const d = rand(4, { dtype: 'float64' });
 * ```
 */
export function rand(shape: Shape | number, options?: RandomOptions): Tensor {
  const out = fresh(shapeOf(shape, 'rand'), floatDType('rand', dtypeOption('rand', options)));
  uniform_(out, 0, 1, options?.generator);
  return leaf(out, options, 'rand');
}

/**
 * Standard normal samples.
 *
 * @pytorch torch.randn
 * @example
 * ```ts
 * const x = randn([2, 3]); // standard normal
 * const w = randn([3, 4], { requiresGrad: true }); // once autograd is installed (installAutograd())
 * ```
 */
export function randn(shape: Shape | number, options?: RandomOptions): Tensor {
  const out = fresh(shapeOf(shape, 'randn'), floatDType('randn', dtypeOption('randn', options)));
  normal_(out, 0, 1, options?.generator);
  return leaf(out, options, 'randn');
}

/**
 * Integers in [low, high); int64 by default.
 *
 * @pytorch torch.randint
 * @example
 * ```ts
 * const labels = randint(0, 10, [8]); // int64 in [0, 10)
 * ```
 */
export function randint(low: number, high: number, shape: Shape | number, options?: RandomOptions): Tensor {
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
    argError('randint', 'low/high', 'safe integers', `low=${low}, high=${high}`, ValueError);
  }
  if (low >= high) {
    throw new ValueError(`randint(): random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  }
  const dtype = dtypeOption('randint', options) ?? 'int64';
  const out = fresh(shapeOf(shape, 'randint'), dtype);
  const gen = options?.generator ?? defaultGenerator();
  const range = high - low;
  const d = out.data;
  for (let i = 0; i < d.length; i++) d[i] = uniformIntFromTo(gen, range, low);
  return leaf(out, options, 'randint');
}

/**
 * A random permutation of 0..n-1; int64 by default.
 *
 * @pytorch torch.randperm
 * @example
 * ```ts
 * const order = randperm(5); // a permutation of 0..4, int64
 * ```
 */
export function randperm(n: number, options?: RandomOptions): Tensor {
  if (!Number.isSafeInteger(n) || n < 0) argError('randperm', 'n', 'a non-negative integer', String(n), ValueError);
  const out = fresh([n], dtypeOption('randperm', options) ?? 'int64');
  const gen = options?.generator ?? defaultGenerator();
  const d = out.data;
  for (let i = 0; i < n; i++) d[i] = i;
  // torch's CPU shuffle: swap position i with i + (random() mod (n - i))
  for (let i = 0; i < n - 1; i++) {
    const z = gen.random() % (n - i);
    const sav = d[i];
    d[i] = d[z + i];
    d[z + i] = sav;
  }
  return leaf(out, options, 'randperm');
}

/**
 * Uniform [0, 1) samples with `like`'s shape, dtype and device.
 *
 * @pytorch torch.rand_like
 * @example
 * ```ts
 * const noise = randLike(randn([2, 3]));
 * ```
 */
export function randLike(like: Tensor, options?: RandomOptions): Tensor {
  return leaf(rand(like.shape, { dtype: dtypeOption('randLike', options) ?? like.dtype, generator: options?.generator }), likeDevice(like, options), 'randLike');
}

/**
 * Standard normal samples with `like`'s shape, dtype and device.
 *
 * @pytorch torch.randn_like
 * @example
 * ```ts
 * const noise = randnLike(randn([2, 3]));
 * ```
 */
export function randnLike(like: Tensor, options?: RandomOptions): Tensor {
  return leaf(randn(like.shape, { dtype: dtypeOption('randnLike', options) ?? like.dtype, generator: options?.generator }), likeDevice(like, options), 'randnLike');
}

export { uniform_, normal_, bernoulli_ };
