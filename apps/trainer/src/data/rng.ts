/**
 * A small seeded PRNG (mulberry32) for the data pipeline: the split, the imbalance and the
 * per-epoch batch order. It is independent of torchlet's generator so the batch order of a run is
 * a pure function of (seed, epoch), which makes `--resume` and `--parity` exact.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Fisher-Yates shuffle of a copy of `items`. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** A seed for one named stream derived from the run seed (FNV-1a over the stream name). */
export function deriveSeed(seed: number, stream: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The order in which the training samples are visited in `epoch` (0-based). */
export function epochOrder(count: number, seed: number, epoch: number): number[] {
  const rng = new Rng(deriveSeed(seed, `epoch:${epoch}`));
  return rng.shuffle(Array.from({ length: count }, (_, i) => i));
}
