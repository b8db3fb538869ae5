// GPU memory given back deterministically: scope() and dispose() hand a storage's buffer back to the
// pool once no live tensor views it, so a training loop with each step in a scope holds the same
// GPU memory every step and creates no buffers (no garbage collection needed); buffers handed back
// are reused without overtaking the commands recorded before; disposed tensors refuse any use.
import { expect, it } from 'vitest';
import { dispose, manualSeed, randint, randn, scope, tensor, zeros, type Tensor } from '@torchlet/tensor-core';
import { Linear, ReLU, Sequential } from '@torchlet/nn-layers';
import { crossEntropy } from '@torchlet/losses';
import { SGD } from '@torchlet/optim';
import { currentContext } from '../src/init.js';
import { webgpuMemoryInfo } from '../src/index.js';
import type { WebGPUStorage } from '../src/buffers.js';
import { describeGpu } from './helpers/gpu.js';

const DISPOSED = /disposed/;

function bufferOf(t: Tensor): GPUBuffer {
  return (t.storage as WebGPUStorage).buffer;
}

interface Run {
  losses: number[];
  params: number[][];
  /** webgpuMemoryInfo() after each step. */
  memory: ReturnType<typeof webgpuMemoryInfo>[];
  /** Kernel parameter buffers made so far, after each step. */
  paramBuffers: number[];
}

/** `steps` SGD steps (momentum: kept optimizer state) of a small classifier, each in scope() or not. */
async function train(scoped: boolean, steps: number): Promise<Run> {
  manualSeed(5);
  const model = new Sequential(new Linear(32, 64), new ReLU(), new Linear(64, 10));
  model.to('webgpu');
  const opt = new SGD([...model.parameters()], { lr: 0.05, momentum: 0.9 });
  const x = randn([128, 32]).to('webgpu');
  const y = randint(0, 10, [128]).to('webgpu');
  const step = (): Tensor => {
    opt.zeroGrad();
    const loss = crossEntropy(model.forward(x), y);
    loss.backward();
    opt.step();
    return loss.detach();
  };
  const run: Run = { losses: [], params: [], memory: [], paramBuffers: [] };
  for (let i = 0; i < steps; i++) {
    const loss = scoped ? scope(step) : step();
    run.losses.push(await loss.itemAsync());
    if (scoped) loss.dispose();
    run.memory.push(webgpuMemoryInfo());
    run.paramBuffers.push(currentContext()?.stats.paramBuffers ?? -1);
  }
  for (const p of model.parameters()) run.params.push(Array.from(await p.toTypedArrayAsync()));
  return run;
}

describeGpu('GPU memory under scope() and dispose()', () => {
  it('a training loop with each step in scope() holds flat GPU memory and creates no buffers', async () => {
    const steps = 12;
    const scoped = await train(true, steps);
    const plain = await train(false, steps);
    const line = (r: Run) => r.memory.map((m) => `${m.allocatedBytes}/${m.created}`).join(' ');
    console.log(`allocated bytes / buffers created after each step\n  scoped:   ${line(scoped)}\n  unscoped: ${line(plain)}`);
    // from the third step on (the first makes gradients and momentum, the second gives the first's gradients back)
    const settled = scoped.memory.slice(2);
    expect(new Set(settled.map((m) => m.allocatedBytes)).size).toBe(1);
    expect(new Set(settled.map((m) => m.created)).size).toBe(1);
    expect(settled.every((m) => m.reused > 0)).toBe(true);
    // kernel parameters too: their buffers come back once each batch is submitted (a read submits it)
    expect(new Set(scoped.paramBuffers.slice(2)).size).toBe(1);
    // the same numbers as without scopes, bit for bit: reused buffers never leak old contents
    expect(scoped.losses).toEqual(plain.losses);
    expect(scoped.params).toEqual(plain.params);
    expect(scoped.losses[steps - 1]).toBeLessThan(scoped.losses[0]);
  });

  it('dispose() gives the buffer back once no live view shares it; the next same-size tensor reuses it', async () => {
    const t = randn([1000]).to('webgpu');
    const buffer = bufferOf(t);
    const expected = Array.from(await t.toTypedArrayAsync());
    const view = t.view([10, 100]);
    const before = webgpuMemoryInfo();
    dispose(t);
    expect(webgpuMemoryInfo().allocatedBytes).toBe(before.allocatedBytes);
    expect(Array.from(await view.toTypedArrayAsync())).toEqual(expected);
    view.dispose();
    const after = webgpuMemoryInfo();
    expect(after.allocatedBytes).toBe(before.allocatedBytes - 4096);
    expect(after.pooledBytes).toBe(before.pooledBytes + 4096);
    expect(after.released).toBe(before.released + 1);
    dispose([t, view]); // twice: nothing more goes back
    expect(webgpuMemoryInfo().released).toBe(after.released);
    const z = zeros([1000], { device: 'webgpu' });
    expect(bufferOf(z)).toBe(buffer);
    expect(webgpuMemoryInfo().created).toBe(after.created);
    expect((await z.toTypedArrayAsync()).every((v) => v === 0)).toBe(true);
  });

  it('commands recorded before a buffer was handed back still read the old contents', async () => {
    const a = tensor(Array.from({ length: 512 }, (_, i) => i)).to('webgpu');
    const doubled = a.mul(2); // recorded, not submitted
    const pending = doubled.toArrayAsync(); // submitted, not read yet
    const buffer = bufferOf(a);
    dispose(a);
    const b = zeros([512], { device: 'webgpu' }); // reuses a's buffer, cleared after the reads
    expect(bufferOf(b)).toBe(buffer);
    b.fill_(-1);
    const expected = Array.from({ length: 512 }, (_, i) => 2 * i);
    expect(await pending).toEqual(expected);
    // a kernel recorded before the release, read after the reuse
    const c = tensor(Array.from({ length: 512 }, (_, i) => i)).to('webgpu');
    const cBuffer = bufferOf(c);
    const tripled = c.mul(3);
    dispose(c);
    const reuse = zeros([512], { device: 'webgpu' });
    expect(bufferOf(reuse)).toBe(cBuffer);
    reuse.fill_(7);
    expect(await tripled.toArrayAsync()).toEqual(Array.from({ length: 512 }, (_, i) => 3 * i));
    expect(await reuse.sum().itemAsync()).toBe(7 * 512);
    expect(await b.sum().itemAsync()).toBe(-512);
  });

  it('a disposed tensor throws on any use; a storage given back refuses kernels', async () => {
    const t = randn([8]).to('webgpu');
    const u = randn([8]).to('webgpu');
    const pooled = webgpuMemoryInfo().pooledBytes;
    t.dispose();
    expect(webgpuMemoryInfo().pooledBytes).toBe(pooled + 256);
    expect(t.isDisposed).toBe(true);
    expect(t.device).toBe('webgpu');
    expect(() => t.add(1)).toThrow(DISPOSED);
    expect(() => u.mul(t)).toThrow(DISPOSED);
    await expect(t.toArrayAsync()).rejects.toThrow(DISPOSED);
    // below tensor-core: a storage the pool took back while a tensor still holds it
    const ctx = currentContext();
    if (ctx === null) throw new Error('no context');
    ctx.pool.releaseStorage(u.storage as WebGPUStorage);
    expect(() => u.add(1)).toThrow(/'webgpu' storage was given back/);
    await expect(u.toArrayAsync()).rejects.toThrow(/'webgpu' storage was given back/);
  });

  it('scope() keeps what a returned loss needs for backward', async () => {
    manualSeed(9);
    const model = new Linear(6, 4);
    model.to('webgpu');
    const x = randn([5, 6]).to('webgpu');
    const y = randint(0, 4, [5]).to('webgpu');
    const loss = scope(() => crossEntropy(model.forward(x).relu(), y));
    loss.backward();
    const scopedGrads = await Promise.all([...model.parameters()].map(async (p) => Array.from(await p.grad!.toTypedArrayAsync())));
    for (const p of model.parameters()) p.grad = null;
    crossEntropy(model.forward(x).relu(), y).backward();
    const plainGrads = await Promise.all([...model.parameters()].map(async (p) => Array.from(await p.grad!.toTypedArrayAsync())));
    expect(scopedGrads).toEqual(plainGrads);
  });

  it('buffers given back explicitly never go back again when the garbage collector runs', async (t) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc === undefined) {
      t.skip();
      return;
    }
    // an odd bucket (16 KiB) no other test uses
    const n = 3000;
    for (let i = 0; i < 20; i++) dispose(zeros([n], { device: 'webgpu' }));
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    // a buffer pooled twice would be handed to two live tensors at once
    const live = Array.from({ length: 20 }, () => zeros([n], { device: 'webgpu' }));
    expect(new Set(live.map(bufferOf)).size).toBe(20);
    expect(webgpuMemoryInfo().allocatedBuffers).toBeGreaterThanOrEqual(20);
  });
});
