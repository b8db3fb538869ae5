// The machine's limit for the instructions the wasm matmul uses (f32x4 mul + add, or with relaxed SIMD
// f32x4 fused multiply-add; one thread): compiles assembly/peak.ts (or peak-fma.ts) with
// AssemblyScript at run time and times it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PeakExports {
  peak(iters: number, s: number, factor: number): number;
}

export async function measurePeakGflops(fma = false): Promise<number | string> {
  try {
    const asc = (await import('assemblyscript/asc')) as unknown as {
      main(args: string[], options: { readFile(name: string): string | null; writeFile(name: string, data: Uint8Array): void; stdout: { write(s: string): boolean }; stderr: { write(s: string): boolean } }): Promise<{ error: Error | null }>;
    };
    const source = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'assembly', fma ? 'peak-fma.ts' : 'peak.ts'), 'utf8');
    let binary: Uint8Array | null = null;
    const { error } = await asc.main(['peak.ts', '--outFile', 'peak.wasm', '-O3', '--runtime', 'stub', '--enable', 'simd', ...(fma ? ['--enable', 'relaxed-simd'] : [])], {
      readFile: (name) => (name === 'peak.ts' ? source : null),
      writeFile: (name, data) => {
        if (name.endsWith('.wasm')) binary = data;
      },
      stdout: { write: () => true },
      stderr: { write: () => true },
    });
    if (error || binary === null) return `peak: could not compile (${error?.message ?? 'no output'})`;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(binary as unknown as Uint8Array<ArrayBuffer>), {});
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
