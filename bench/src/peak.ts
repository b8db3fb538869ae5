// The machine's limit for the instructions the wasm matmul uses (f32x4 mul + add, or with relaxed SIMD
// f32x4 fused multiply-add; one thread): compiles assembly/peak.ts (or peak-fma.ts) with
// AssemblyScript at run time and times it.
import { compileAssembly } from './asc.js';

interface PeakExports {
  peak(iters: number, s: number, factor: number): number;
}

export async function measurePeakGflops(fma = false): Promise<number | string> {
  try {
    const module = await compileAssembly(fma ? 'peak-fma.ts' : 'peak.ts', fma ? ['--enable', 'relaxed-simd'] : []);
    if (typeof module === 'string') return `peak: ${module}`;
    const instance = new WebAssembly.Instance(module, {});
    const ex = instance.exports as unknown as PeakExports;
    // wasm code starts in V8's baseline tier and a running call never switches tiers: short calls
    // first, until the optimised code is in (about a second at most), then the timed ones
    const warmEnd = performance.now() + 1500;
    while (performance.now() < warmEnd) ex.peak(100_000, 0.5, 1);
    const iters = 5_000_000;
    const samples: number[] = [];
    for (let r = 0; r < 15; r++) {
      const t0 = performance.now();
      ex.peak(iters, 0.5, 1);
      samples.push((iters * 12 * 4 * (fma ? 2 : 1)) / (performance.now() - t0) / 1e6); // 12 ops of 4 lanes per iteration (an FMA: 2 flops)
    }
    return Math.max(...samples); // the best: the limit, not the load
  } catch (e) {
    return `peak: skipped (${(e as Error).message})`;
  }
}
