// initWebGPU, storage and failure modes: the adapter reported, dtypes stored and read back (int64
// range-checked, float64 refused), zero-filled and pooled buffers, sync readers refused, kernels not
// on the GPU yet named, too-large allocations naming their size, and a lost device.
import { expect, it } from 'vitest';
import { getBackend, manualSeed, randn, tensor, zeros } from '@torchlet/tensor-core';
import { currentContext } from '../src/init.js';
import { initWebGPU, webgpuInfo, syncWebGPU, UNAVAILABLE_KERNELS } from '../src/index.js';
import { bucketSize, type WebGPUStorage } from '../src/buffers.js';
import { describeGpu, gpu } from './helpers/gpu.js';

manualSeed(5);

describeGpu('initWebGPU', () => {
  it('reports the adapter it got (SwiftShader here: software)', () => {
    const info = webgpuInfo();
    expect(info).toBe(gpu.info);
    expect(typeof info?.vendor).toBe('string');
    expect(info?.limits.maxBufferSize).toBeGreaterThan(0);
    if (info?.architecture === 'swiftshader') expect(info.software).toBe(true);
  });

  it('stores float32, int32, int64 and bool and reads them back; float64 is refused', async () => {
    for (const t of [randn([3, 2]), tensor([1, -2, 2147483647, -2147483648], { dtype: 'int32' }), tensor([5, -7, 0]), tensor([true, false, true])]) {
      const d = t.to('webgpu');
      expect(d.dtype).toBe(t.dtype);
      expect(await d.toArrayAsync()).toEqual(t.tolist());
    }
    const f64 = /float64 is not supported on 'webgpu'.*keep float64 tensors on the CPU/;
    expect(() => tensor([1.5], { dtype: 'float64' }).to('webgpu')).toThrow(f64);
    expect(() => zeros([2], { dtype: 'float64', device: 'webgpu' })).toThrow(f64);
    expect(() => tensor([1, 2 ** 31]).to('webgpu')).toThrow(/int64 elements are stored as int32 on the GPU, and element 1 is 2147483648, outside \[-2\^31, 2\^31 - 1\]/);
  });

  it('refuses synchronous reads, naming the async readers', () => {
    const d = randn([2]).to('webgpu');
    expect(() => d.tolist()).toThrow(/cannot be read synchronously: use the async readers/);
  });

  it('allocates zero-filled storage, from pooled buffers too; the pool takes buffers back', async () => {
    const ctx = currentContext();
    if (ctx === null) throw new Error('no context');
    const s = ctx.pool.allocate('float32', 100, true);
    const before = ctx.pool.stats.reused;
    ctx.pool.releaseStorage(ctx.pool.allocate('float32', 100, false));
    const d = randn([10, 10]).to('webgpu'); // reuses the released buffer, now written
    expect(ctx.pool.stats.reused).toBe(before + 1);
    ctx.pool.releaseStorage(d.storage as WebGPUStorage);
    const z = zeros([10, 10], { device: 'webgpu' });
    expect(ctx.pool.stats.reused).toBe(before + 2);
    expect((await z.toTypedArrayAsync()).every((v) => v === 0)).toBe(true);
    expect(s.length).toBe(100);
    expect(bucketSize(400)).toBe(512);
    expect(bucketSize(1)).toBe(256);
    await syncWebGPU();
  });

  it('gives the buffers of garbage-collected storage back to the pool', async (t) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc === undefined) {
      t.skip();
      return;
    }
    const ctx = currentContext();
    if (ctx === null) throw new Error('no context');
    const released = ctx.pool.stats.released;
    for (let i = 0; i < 20; i++) zeros([1000], { device: 'webgpu' });
    for (let i = 0; i < 10 && ctx.pool.stats.released === released; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(ctx.pool.stats.released).toBeGreaterThan(released);
  });

  it('names the kernels that are not on the GPU yet', () => {
    const d = randn([2, 3]).to('webgpu');
    // only the CPU-shaped cross-entropy kernels, which return or take JS numbers
    expect([...UNAVAILABLE_KERNELS].sort()).toEqual(['crossEntropyBackward', 'crossEntropyForward', 'crossEntropyRows']);
    expect(() => getBackend().crossEntropyRows(d, d, -100, false, 1)).toThrow("the kernel 'crossEntropyRows' is not available on webgpu yet");
  });

  it('refuses an allocation past the device limit, naming its size; mixed devices get PyTorch\'s error', () => {
    const limit = webgpuInfo()?.limits.maxBufferSize ?? 0;
    const n = Math.ceil(limit / 4) + 1;
    expect(() => zeros([n], { device: 'webgpu' })).toThrow(new RegExp(`cannot allocate .*\\(${n * 4} bytes\\) for ${n} float32 elements: the device's largest buffer is`));
    expect(() => randn([2]).to('webgpu').add(randn([2]))).toThrow('Expected all tensors to be on the same device');
  });

  it('rejects clearly when no adapter is available, and the CPU keeps working', async () => {
    const noAdapter = { requestAdapter: async () => null };
    await expect(initWebGPU({ gpu: noAdapter })).rejects.toThrow('initWebGPU: no WebGPU adapter is available (requestAdapter() returned null); tensors stay on the CPU');
    expect(await tensor([1.5, 2]).to('webgpu').mul(2).toArrayAsync()).toEqual([3, 4]);
    expect(tensor([1, 2]).add(1).tolist()).toEqual([2, 3]);
  });

  it('reports a lost device on the next use; initWebGPU() starts again', async () => {
    const old = randn([3]).to('webgpu');
    const ctx = currentContext();
    ctx?.device.destroy();
    await ctx?.device.lost;
    expect(() => old.add(old)).toThrow(/the webgpu device was lost \(destroyed.*await initWebGPU\(\) again.*the CPU keeps working/);
    expect(randn([2]).add(1).device).toBe('cpu');
    await initWebGPU();
    expect(() => old.add(old)).toThrow(/belongs to an earlier initWebGPU\(\)/);
    const fresh = tensor([1, 2]).to('webgpu');
    expect(await fresh.add(fresh).toArrayAsync()).toEqual([2, 4]);
  });
});
