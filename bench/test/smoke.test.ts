// Keeps the bench from rotting: every runner runs every workload once on small sizes (the PyTorch
// peer only when Debian's python3.11 with torch is installed). `pnpm bench` is the real run.
import { installAutograd } from '@torchlet/autograd';
import { crossEntropy } from '@torchlet/losses';
import { SGD } from '@torchlet/optim';
import * as core from '@torchlet/tensor-core';
import { availableBackends, getBackend, initWasmBackend, useBackend } from '@torchlet/tensor-core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { jaxCase, jaxRunner, jaxWrites, mlpInit, useJaxWasm } from '../src/jax.ts';
import { printKernelBreakdown } from '../src/kernels.ts';
import { measureMemoryModel, medianMemoryModel, memoryModelNote } from '../src/memory.ts';
import { runTorch } from '../src/pytorch.ts';
import { EncoderClassifier, LstmClassifier } from '../src/sequence-torchlet.ts';
import { tfEncoderStep, tfLstmStep } from '../src/sequence-tfjs.ts';
import { tfjsRunner, useTfBackend } from '../src/tfjs.ts';
import { time, timeAsync } from '../src/timing.ts';
import { torchletRunner } from '../src/torchlet.ts';
import { randomClasses, randomFloats, SMOKE_WORKLOADS, type Workload } from '../src/workloads.ts';

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

  const sequenceSteps = SMOKE_WORKLOADS.filter((w) => w.kind === 'lstm' || w.kind === 'transformer');

  it('the LSTM and transformer steps learn their batch: torchlet', () => {
    useBackend('cpu');
    for (const w of sequenceSteps) {
      const d = w.dims;
      core.manualSeed(0);
      const model = w.kind === 'lstm' ? new LstmClassifier(d[2], d[3], d[4]) : new EncoderClassifier(d[2], d[3], d[4], d[5]);
      const x = core.tensor(randomFloats(d[0] * d[1] * d[2], 12), { shape: [d[0], d[1], d[2]] });
      const y = core.tensor(Float64Array.from(randomClasses(d[0], d.at(-1) as number, 13)), { shape: [d[0]], dtype: 'int64' });
      const opt = new SGD(model.parameters(), { lr: 0.1 });
      const losses: number[] = [];
      for (let i = 0; i < 30; i++) {
        opt.zeroGrad();
        const loss = crossEntropy(model.forward(x), y);
        losses.push(loss.item());
        loss.backward();
        opt.step();
      }
      expect(losses[29], w.name).toBeLessThan(losses[0] * 0.8);
    }
  });

  it('the LSTM and transformer steps learn their batch: tfjs', async () => {
    await useTfBackend('cpu');
    for (const w of sequenceSteps) {
      const m = w.kind === 'lstm' ? tfLstmStep(w, 0.1) : tfEncoderStep(w, 0.1);
      try {
        const first = m.loss();
        for (let i = 0; i < 30; i++) m.step();
        expect(m.loss(), w.name).toBeLessThan(first * 0.8);
      } finally {
        m.dispose();
      }
    }
  });

  it('jax-js-wasm runs every workload', async () => {
    await useJaxWasm();
    const runner = jaxRunner();
    for (const w of SMOKE_WORKLOADS.filter(jaxWrites)) {
      expect((await timeAsync(runner.prepare(w), once)).medianMs).toBeGreaterThanOrEqual(0);
      runner.release?.();
    }
  });

  it('jax-js-wasm computes what torchlet computes on the same inputs (every workload)', async () => {
    await useJaxWasm();
    useBackend('cpu');
    installAutograd();
    for (const w of SMOKE_WORKLOADS.filter(jaxWrites)) {
      const c = jaxCase(w);
      try {
        const got = await Promise.all((await c.call()).map((a) => a.data()));
        const want = torchletReference(w);
        expect(got.length, w.name).toBe(want.length);
        for (let i = 0; i < want.length; i++) expectClose(Float32Array.from(got[i]), want[i], `${w.name}, result ${i}`);
      } finally {
        c.release();
      }
    }
  });

  it('jax-js-wasm: a timed call leaves no array behind (wasm memory stays flat over many calls)', async () => {
    await useJaxWasm();
    const runner = jaxRunner();
    // sizes where a leaked result or intermediate would grow wasm memory by megabytes over 300 calls
    const cases: Workload[] = [
      { name: 'add 64K', kind: 'add', dims: [1 << 16] },
      { name: 'cross entropy 256x64', kind: 'ce', dims: [256, 64] },
      { name: 'MLP 64-64-10, batch 32', kind: 'mlp', dims: [32, 64, 64, 10] },
    ];
    for (const w of cases) {
      const fn = runner.prepare(w);
      try {
        for (let i = 0; i < 20; i++) await fn(); // jit compile, allocator warm
        const before = process.memoryUsage().external;
        for (let i = 0; i < 300; i++) await fn();
        expect(process.memoryUsage().external - before, w.name).toBeLessThan(1 << 20);
      } finally {
        runner.release?.();
      }
    }
  });

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

/** torchlet's results for the jax-js case of `w`, on the same inputs (the seeds of src/torchlet.ts and src/jax.ts). */
function torchletReference(w: Workload): Float32Array[] {
  const d = w.dims;
  const f32 = (data: Float32Array, shape: number[]): core.Tensor => core.tensor(data, { shape, dtype: 'float32' });
  const classes = (n: number, c: number, seed: number): core.Tensor => core.tensor(Float64Array.from(randomClasses(n, c, seed)), { shape: [n], dtype: 'int64' });
  const out = (...ts: core.Tensor[]): Float32Array[] => ts.map((t) => Float32Array.from(t.toTypedArray() as Float32Array));
  switch (w.kind) {
    case 'matmul':
      return out(core.matmul(f32(randomFloats(d[0] * d[1], 1), [d[0], d[1]]), f32(randomFloats(d[1] * d[2], 2), [d[1], d[2]])));
    case 'ce': {
      const x = f32(randomFloats(d[0] * d[1], 3), [d[0], d[1]]).requiresGrad_();
      const loss = crossEntropy(x, classes(d[0], d[1], 4));
      loss.backward();
      return out(loss.detach(), x.grad as core.Tensor);
    }
    case 'mlp':
    case 'tutorial': {
      const layers = w.kind === 'mlp' ? [d[1], d[2], d[3]] : [d[1], d[2]];
      const [xSeed, ySeed] = w.kind === 'mlp' ? [5, 6] : [7, 8];
      const lr = w.kind === 'mlp' ? 0.01 : 0.1;
      const params = mlpInit(layers, 100).map((p, i) => f32(p, i % 2 === 0 ? [layers[i / 2], layers[i / 2 + 1]] : [p.length]).requiresGrad_());
      let h = f32(randomFloats(d[0] * layers[0], xSeed), [d[0], layers[0]]);
      for (let l = 0; l < params.length; l += 2) {
        h = core.add(core.matmul(h, params[l]), params[l + 1]);
        if (l + 2 < params.length) h = h.relu();
      }
      const loss = crossEntropy(h, classes(d[0], layers[layers.length - 1], ySeed));
      loss.backward();
      return out(loss.detach(), ...params.map((p) => core.sub(p.detach(), core.mul(p.grad as core.Tensor, lr))));
    }
    case 'add':
      return out(core.add(f32(randomFloats(d[0], 9), [d[0]]), f32(randomFloats(d[0], 10), [d[0]])));
    case 'exp':
      return out(core.exp(f32(randomFloats(d[0], 11), [d[0]])));
    case 'lstm':
    case 'transformer':
      throw new Error(`jax-js has no ${w.kind} case to compare`);
  }
}

function expectClose(got: Float32Array, want: Float32Array, what: string): void {
  expect(got.length, what).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (1e-5 + 1e-4 * Math.abs(want[i])));
  expect(worst, `${what}: worst error in units of (1e-5 + 1e-4 |want|)`).toBeLessThanOrEqual(1);
}
