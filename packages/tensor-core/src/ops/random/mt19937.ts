/**
 * The 32-bit Mersenne Twister (Matsumoto & Nishimura 1998), seeded like std::mt19937 and
 * at::mt19937 (torch's CPUGeneratorImpl engine): state[0] = seed mod 2^32,
 * state[i] = 1812433253 * (state[i-1] ^ (state[i-1] >>> 30)) + i (mod 2^32).
 */
const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class MT19937 {
  private readonly state = new Uint32Array(N);
  private index = N;

  constructor(seed = 5489) {
    this.seed(seed);
  }

  /** Re-seed from the low 32 bits of `seed` (torch truncates its uint64 seed the same way). */
  seed(seed: number): void {
    const s = this.state;
    s[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = s[i - 1] ^ (s[i - 1] >>> 30);
      s[i] = (Math.imul(1812433253, prev) + i) >>> 0; // 32-bit wrap-around product
    }
    this.index = N;
  }

  /** The next 32-bit output as a non-negative integer. */
  next(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A copy of the full state (for Generator.getState / clone). */
  snapshot(): { state: Uint32Array; index: number } {
    return { state: this.state.slice(), index: this.index };
  }

  restore(snap: { state: Uint32Array; index: number }): void {
    this.state.set(snap.state);
    this.index = snap.index;
  }

  private twist(): void {
    const s = this.state;
    let i = 0;
    for (; i < N - M; i++) {
      const y = (s[i] & UPPER_MASK) | (s[i + 1] & LOWER_MASK);
      s[i] = s[i + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < N - 1; i++) {
      const y = (s[i] & UPPER_MASK) | (s[i + 1] & LOWER_MASK);
      s[i] = s[i + M - N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (s[N - 1] & UPPER_MASK) | (s[0] & LOWER_MASK);
    s[N - 1] = s[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.index = 0;
  }
}
