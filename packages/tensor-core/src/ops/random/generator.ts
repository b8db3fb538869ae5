import { ValueError, argError } from '../../errors.js';
import { MT19937 } from './mt19937.js';

/** torch's default seed for a fresh `torch.Generator()` (c10's default_rng_seed_val). */
export const DEFAULT_SEED = 67280421310721;

const TWO_POW_32 = 4294967296;

/**
 * A seeded random stream, like torch's CPU generator (at::CPUGeneratorImpl): an mt19937 engine
 * seeded with the low 32 bits of the seed, plus the cached second Box-Muller sample of the scalar
 * normal sampler (reset by `manualSeed`, as in torch).
 *
 * @pytorch torch.Generator
 * @example
 * ```ts
 * const g = new Generator().manualSeed(42);
 * const a = randn([3], { generator: g }); // the numbers torch.randn(3, generator=g) gives
 * ```
 */
export class Generator {
  private readonly engine: MT19937;
  private seedValue: number;
  /**
   * @internal The sin-half of the last scalar Box-Muller pair, consumed by the next scalar normal
   * draw (torch's next_double_normal_sample).
   */
  nextDoubleNormal: number | undefined = undefined;

  constructor(seed: number = DEFAULT_SEED) {
    checkSeed(seed);
    this.seedValue = seed;
    this.engine = new MT19937(seed % TWO_POW_32);
  }

  /** Re-seed (torch.Generator.manual_seed): same stream as torch for the same seed. */
  manualSeed(seed: number): this {
    checkSeed(seed);
    this.seedValue = seed;
    this.engine.seed(seed % TWO_POW_32);
    this.nextDoubleNormal = undefined;
    return this;
  }

  initialSeed(): number {
    return this.seedValue;
  }

  /** The next 32-bit unsigned integer (CPUGeneratorImpl::random). */
  random(): number {
    return this.engine.next();
  }

  /** The next 64-bit unsigned integer: (first draw << 32) | second draw (CPUGeneratorImpl::random64). */
  random64(): bigint {
    const hi = this.engine.next();
    const lo = this.engine.next();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** A copy with the same state: both then produce the same stream. */
  clone(): Generator {
    const g = new Generator(this.seedValue);
    g.engine.restore(this.engine.snapshot());
    g.nextDoubleNormal = this.nextDoubleNormal;
    return g;
  }
}

function checkSeed(seed: number): void {
  // torch takes a uint64 (negative seeds wrap); numbers are exact only up to 2^53
  if (!Number.isSafeInteger(seed) || seed < 0) {
    argError('manualSeed', 'seed', 'a non-negative safe integer', String(seed), ValueError);
  }
}

let defaultGen: Generator | undefined;

/**
 * The process-wide generator used when none is given (created lazily, seeded with DEFAULT_SEED).
 *
 * @pytorch torch.default_generator
 * @example
 * ```ts
 * defaultGenerator().manualSeed(0);
 * const x = rand([2]);
 * ```
 */
export function defaultGenerator(): Generator {
  defaultGen ??= new Generator();
  return defaultGen;
}
