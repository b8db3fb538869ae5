// Timing: warm up (a number of calls and a minimum time), then take `samples` samples; a sample runs enough iterations to last at least
// `minSampleMs` (tiny workloads) and records the mean time per iteration. Report the median sample.

export interface TimingOptions {
  samples: number;
  /** warm-up calls, at least (then more until warmupMs passed: JIT compilers need a few hundred ms) */
  warmup: number;
  warmupMs: number;
  minSampleMs: number;
  /** Give up on more samples once this much time went into one cell (slow peers). */
  maxCellMs: number;
}

export interface Timing {
  medianMs: number;
  samples: number;
  itersPerSample: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function time(fn: () => void, o: TimingOptions): Timing {
  const cellStart = performance.now();
  let t0 = performance.now();
  fn();
  const first = performance.now() - t0;
  for (let i = 1; (i < o.warmup || performance.now() - cellStart < o.warmupMs) && performance.now() - cellStart < o.maxCellMs / 4; i++) fn();
  const iters = Math.max(1, Math.min(10_000, Math.ceil(o.minSampleMs / Math.max(first, 1e-3))));
  // re-estimate the per-iteration cost after warm-up (JIT) for the tiny workloads
  t0 = performance.now();
  fn();
  const warm = performance.now() - t0;
  const itersPerSample = Math.max(iters, Math.max(1, Math.min(10_000, Math.ceil(o.minSampleMs / Math.max(warm, 1e-3)))));
  const samples: number[] = [];
  for (let s = 0; s < o.samples; s++) {
    t0 = performance.now();
    for (let i = 0; i < itersPerSample; i++) fn();
    samples.push((performance.now() - t0) / itersPerSample);
    if (s >= 2 && performance.now() - cellStart > o.maxCellMs) break;
  }
  return { medianMs: median(samples), samples: samples.length, itersPerSample };
}

/** time() for a call that finishes when its promise settles (each call is awaited before the next starts). */
export async function timeAsync(fn: () => Promise<void>, o: TimingOptions): Promise<Timing> {
  const cellStart = performance.now();
  let t0 = performance.now();
  await fn();
  const first = performance.now() - t0;
  for (let i = 1; (i < o.warmup || performance.now() - cellStart < o.warmupMs) && performance.now() - cellStart < o.maxCellMs / 4; i++) await fn();
  const iters = Math.max(1, Math.min(10_000, Math.ceil(o.minSampleMs / Math.max(first, 1e-3))));
  t0 = performance.now();
  await fn();
  const warm = performance.now() - t0;
  const itersPerSample = Math.max(iters, Math.max(1, Math.min(10_000, Math.ceil(o.minSampleMs / Math.max(warm, 1e-3)))));
  const samples: number[] = [];
  for (let s = 0; s < o.samples; s++) {
    t0 = performance.now();
    for (let i = 0; i < itersPerSample; i++) await fn();
    samples.push((performance.now() - t0) / itersPerSample);
    if (s >= 2 && performance.now() - cellStart > o.maxCellMs) break;
  }
  return { medianMs: median(samples), samples: samples.length, itersPerSample };
}
