// The webgpu runners at small sizes, on Dawn's adapter (SwiftShader here): each runner runs every
// workload it writes, and each one's training step lowers the loss. Skipped, with the reason
// printed, where Dawn finds no adapter. A file of its own: navigator.gpu is set for the whole process.
import { afterAll, describe, expect, it } from 'vitest';
import { timeAsync } from '../src/timing.ts';
import { CHROMIUM_DIR, dawnGpu, probeAdapter, webgpuChildEnv } from '../src/webgpu.ts';
import { SMOKE_WORKLOADS, type Workload } from '../src/workloads.ts';

const once = { samples: 1, warmup: 1, warmupMs: 0, minSampleMs: 0, maxCellMs: 1_000 };
const adapter = await probeAdapter();
if (typeof adapter === 'string') console.warn(`[bench] webgpu runners skipped: ${adapter}`);

const mlp: Workload = { name: 'MLP small', kind: 'mlp', dims: [16, 12, 8, 3] };
const STEPS = 20;
// tfjs compiles a shader per op and shape, on the CPU under SwiftShader: 17 s alone, 34 s beside the
// other test file on 2 cores; `pnpm test` runs every package at once
const slow = { timeout: 300_000 };

it("the webgpu child's environment keeps a Vulkan driver it is given, and adds Chromium's loader only where the system has none", () => {
  const [env, set] = webgpuChildEnv({ VK_ICD_FILENAMES: '/elsewhere/icd.json', LD_LIBRARY_PATH: '/opt/lib' });
  expect(env.VK_ICD_FILENAMES).toBe('/elsewhere/icd.json');
  expect(set.filter((s) => s.startsWith('VK_ICD_FILENAMES'))).toEqual([]);
  expect(env.LD_LIBRARY_PATH).toBe(set.includes(`LD_LIBRARY_PATH=${CHROMIUM_DIR}`) ? `${CHROMIUM_DIR}:/opt/lib` : '/opt/lib');
});

describe.skipIf(typeof adapter === 'string')('bench webgpu runners', () => {
  afterAll(async () => {
    const { disposeWebGPU } = await import('@torchlet/webgpu');
    disposeWebGPU();
  });

  it('the adapter is described, and SwiftShader counts as software', () => {
    if (typeof adapter === 'string') throw new Error(adapter);
    expect(adapter.line).toMatch(/^vendor .*, architecture .*, description /);
    if (/swiftshader/i.test(adapter.line)) expect(adapter.software).toBe(true);
  });

  it('torchlet-webgpu runs every workload it writes, and its MLP step lowers the loss', slow, async () => {
    const { torchletWebgpuRunner, torchletWebgpuTrainStep, useTorchletWebgpu, webgpuWrites } = await import('../src/webgpu-torchlet.ts');
    const info = await useTorchletWebgpu(await dawnGpu());
    expect(info.software).toBe(typeof adapter !== 'string' && adapter.software);
    const runner = torchletWebgpuRunner();
    const written = SMOKE_WORKLOADS.filter(webgpuWrites);
    expect(written.map((w) => w.kind).sort()).toEqual(['add', 'ce', 'exp', 'matmul', 'mlp', 'tutorial']);
    for (const w of written) expect((await timeAsync(runner.prepare(w), once)).medianMs, w.name).toBeGreaterThanOrEqual(0);
    const s = torchletWebgpuTrainStep(mlp);
    const first = await s.loss();
    for (let i = 0; i < STEPS; i++) await s.step();
    expect(await s.loss()).toBeLessThan(first);
  });

  it('tfjs-webgpu runs every workload it writes, and its MLP step lowers the loss', slow, async () => {
    const { tfjsWebgpuRunner, tfWebgpuTrainStep, useTfWebgpu } = await import('../src/webgpu-tfjs.ts');
    const { webgpuWrites } = await import('../src/webgpu-torchlet.ts');
    await useTfWebgpu();
    const runner = tfjsWebgpuRunner();
    for (const w of SMOKE_WORKLOADS.filter(webgpuWrites)) {
      expect((await timeAsync(runner.prepare(w), once)).medianMs, w.name).toBeGreaterThanOrEqual(0);
      runner.release?.();
    }
    const s = tfWebgpuTrainStep(mlp);
    try {
      const first = await s.loss();
      for (let i = 0; i < STEPS; i++) await s.step();
      expect(await s.loss()).toBeLessThan(first);
    } finally {
      s.dispose();
    }
  });

  it('jax-js-webgpu runs every workload it writes, and its MLP step lowers the loss', slow, async () => {
    const { jaxWebgpuCase, jaxWebgpuRunner, useJaxWebgpu } = await import('../src/webgpu-jax.ts');
    const { webgpuWrites } = await import('../src/webgpu-torchlet.ts');
    await useJaxWebgpu();
    const runner = jaxWebgpuRunner();
    for (const w of SMOKE_WORKLOADS.filter(webgpuWrites)) {
      expect((await timeAsync(runner.prepare(w), once)).medianMs, w.name).toBeGreaterThanOrEqual(0);
      runner.release?.();
    }
    // each call returns the loss before its step, then the parameters after it
    const c = jaxWebgpuCase(mlp);
    try {
      const losses: number[] = [];
      for (let i = 0; i <= STEPS; i++) {
        const [loss, ...params] = await c.call();
        losses.push((await loss.data())[0]);
        for (const p of params) p.dispose();
      }
      expect(losses[STEPS]).toBeLessThan(losses[0]);
    } finally {
      c.release();
    }
  });
});
