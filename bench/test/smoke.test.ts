// Keeps the bench from rotting: every runner runs every workload once on small sizes (the PyTorch
// peer only when Debian's python3.11 with torch is installed). `pnpm bench` is the real run.
import { availableBackends, getBackend, initWasmBackend, useBackend } from '@torchlet/tensor-core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { printKernelBreakdown } from '../src/kernels.ts';
import { measureMemoryModel, medianMemoryModel, memoryModelNote } from '../src/memory.ts';
import { runTorch } from '../src/pytorch.ts';
import { tfjsRunner, useTfBackend } from '../src/tfjs.ts';
import { time } from '../src/timing.ts';
import { torchletRunner } from '../src/torchlet.ts';
import { SMOKE_WORKLOADS } from '../src/workloads.ts';

const once = { samples: 1, warmup: 1, warmupMs: 0, minSampleMs: 0, maxCellMs: 1_000 };

describe('bench smoke test', () => {
  afterAll(() => void useBackend('auto'));

  for (const backend of availableBackends()) {
    it(`torchlet (${backend}) runs every workload`, () => {
      const runner = torchletRunner(`torchlet-${backend}`, () => void useBackend(backend));
      for (const w of SMOKE_WORKLOADS) expect(time(runner.prepare(w), once).medianMs).toBeGreaterThanOrEqual(0);
    });
  }

  it.runIf(availableBackends().includes('wasm'))('torchlet (wasm, 2 threads) runs every workload', async () => {
    await initWasmBackend({ threads: 2 });
    const runner = torchletRunner('torchlet-wasm-2t');
    for (const w of SMOKE_WORKLOADS) expect(time(runner.prepare(w), once).medianMs).toBeGreaterThanOrEqual(0);
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`tfjs-${backend} runs every workload`, async () => {
      await useTfBackend(backend);
      const runner = tfjsRunner(backend);
      for (const w of SMOKE_WORKLOADS) {
        expect(time(runner.prepare(w), once).medianMs).toBeGreaterThanOrEqual(0);
        runner.release?.();
      }
    });
  }

  it('--kernels: the per-kernel breakdown lists the kernels a training step calls, and restores the backend', () => {
    useBackend('cpu');
    const before = getBackend();
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void lines.push(s));
    try {
      printKernelBreakdown(torchletRunner('torchlet-cpu', () => void useBackend('cpu')), SMOKE_WORKLOADS.filter((w) => w.kind === 'mlp'), 4);
    } finally {
      log.mockRestore();
    }
    expect(getBackend().matmul).toBe(before.matmul); // the timed wrappers are gone
    expect(lines[0]).toMatch(/^\ntorchlet-cpu, MLP small: [\d.]+ us per step/);
    // Linear(12, 8) forward on a batch of 4: x @ w.t() + bias in one kernel (the bias row broadcast to 4x8)
    expect(lines.some((l) => /1x {2}matmulAddRow\(4x12, 12x8T, 4x8, 4x8\)$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/outside the kernels$/);
  });

  it('the memory-model note: its wasm add kernel computes a + b (checked inside), and each part is timed', async () => {
    const m = await measureMemoryModel(4096, once);
    if (typeof m === 'string') throw new Error(m); // a wrong kernel result or a failed compile
    for (const ms of [m.kernelMs, m.copyInMs, m.freshMs, m.reusedMs]) expect(ms).toBeGreaterThan(0);
    expect(memoryModelNote(m, (ms) => `${ms} ms`)).toMatch(/^add 4096 by memory model: the f32x4 add alone, operands already in wasm memory, takes [\d.e-]+ ms, which is all of tfjs-wasm's work/);
    await expect(measureMemoryModel(10, once)).rejects.toThrow(/n must be a multiple of 4, got 10/);
    // rounds combine part by part
    const rounds = [1, 3, 2].map((v) => ({ n: 8, kernelMs: v, copyInMs: 10 * v, freshMs: 4 - v, reusedMs: v / 2 }));
    expect(medianMemoryModel(rounds)).toEqual({ n: 8, kernelMs: 2, copyInMs: 20, freshMs: 2, reusedMs: 1 });
  });

  // 3 s alone, but two Python processes importing torch while `pnpm test` runs every package's
  // tests at once on 2 cores took 73 s once: a longer timeout than the suite's 60 s
  it('PyTorch runs every workload (or says why it was skipped)', { timeout: 300_000 }, () => {
    const r = runTorch(SMOKE_WORKLOADS, 1, once);
    if (typeof r === 'string') expect(r).toMatch(/skipped/);
    else expect(Object.keys(r.results).sort()).toEqual(SMOKE_WORKLOADS.map((w) => w.name).sort());
  });
});
