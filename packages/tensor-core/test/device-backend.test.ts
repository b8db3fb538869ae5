// A device besides the CPU, played by test/helpers/fake-device.ts: tensors placed on it, ops routed to
// its backend, PyTorch's mixed-device error, sync readers refused with the async ones named.
import { beforeAll, describe, expect, it } from 'vitest';
import { add, exp, matmul, ones, rand, registerDevice, relu, softmax, tensor, where, zeros, zerosLike, type Tensor } from '../src/index.js';
import { sgdUpdate_ } from '../src/internal.js';
import { fakeDevice, fakeDeviceCalls } from './helpers/fake-device.js';

beforeAll(() => registerDevice(fakeDevice()));

async function values(t: Tensor): Promise<number[]> {
  return Array.from(await t.toTypedArrayAsync());
}

describe('a registered device', () => {
  it('holds tensors moved or created there; sync readers name the async ones', async () => {
    const cpu = tensor([[1, 2], [3, 4]]);
    const x = cpu.to('webgpu');
    expect(x.device).toBe('webgpu');
    expect(x.storage).not.toBeNull();
    expect(() => x.sum().item()).toThrow(/on 'webgpu', whose storage cannot be read synchronously: use the async readers \(await t\.itemAsync\(\), t\.toArrayAsync\(\), t\.toTypedArrayAsync\(\)\)/);
    expect(() => x.tolist()).toThrow(/cannot be read synchronously/);
    expect(() => x.toTypedArray()).toThrow(/cannot be read synchronously/);
    expect(() => x.to('cpu')).toThrow(/await t\.toAsync\('cpu'\)/);
    expect(await x.toArrayAsync()).toEqual(cpu.tolist());
    expect(await x.sum().itemAsync()).toBe(10);
    const back = await x.toAsync('cpu');
    expect(back.device).toBe('cpu');
    expect(back.tolist()).toEqual(cpu.tolist());
    expect(x.to('webgpu')).toBe(x);
    expect(zeros([3], { device: 'webgpu' }).device).toBe('webgpu');
    expect(await values(ones([3], { device: 'webgpu' }))).toEqual([1, 1, 1]);
    expect(zerosLike(x).device).toBe('webgpu');
    expect(zerosLike(x, { device: 'cpu' }).device).toBe('cpu');
    // views stay on the device and share its storage
    expect(x.t().device).toBe('webgpu');
    expect(await x.t().contiguous().toArrayAsync()).toEqual(cpu.t().tolist());
  });

  it('runs ops on the device backend, with the results the CPU gives', async () => {
    const a = rand([8, 5]);
    const b = rand([5, 3]);
    const da = a.to('webgpu');
    const db = b.to('webgpu');
    fakeDeviceCalls.clear();
    const cases: [Tensor, Tensor][] = [
      [add(da, da), add(a, a)],
      [da.mul(2).sub(1), a.mul(2).sub(1)],
      [exp(da), exp(a)],
      [relu(da.sub(0.5)), relu(a.sub(0.5))],
      [matmul(da, db), matmul(a, b)],
      [softmax(da, 1), softmax(a, 1)],
      [da.sum(0), a.sum(0)],
    ];
    for (const [onDevice, onCpu] of cases) {
      expect(onDevice.device).toBe('webgpu');
      expect(await values(onDevice)).toEqual(Array.from(onCpu.toTypedArray()));
    }
    expect(fakeDeviceCalls.get('matmul')).toBe(1);
    expect(fakeDeviceCalls.get('binary')).toBeGreaterThan(0);
  });

  it("refuses operands on two devices with PyTorch's error", () => {
    const x = rand([2, 2]).to('webgpu');
    const y = rand([2, 2]);
    expect(() => add(x, y)).toThrow('Expected all tensors to be on the same device, but found at least two devices, webgpu and cpu!');
    expect(() => matmul(y, x)).toThrow('Expected all tensors to be on the same device, but found at least two devices, cpu and webgpu!');
  });
});

describe('scalar operands of kernels on a device', () => {
  it('live on the device: where, maskedFill, lerp_ with numbers', async () => {
    const x = tensor([[1.5, -2], [3, -4]]);
    const d = x.to('webgpu');
    expect(await where(d.gt(0), d, 0).toArrayAsync()).toEqual(where(x.gt(0), x, 0).tolist());
    expect(await where(d.gt(0), 1.5, d).toArrayAsync()).toEqual(where(x.gt(0), 1.5, x).tolist());
    expect(await d.maskedFill(d.lt(0), 7).toArrayAsync()).toEqual(x.maskedFill(x.lt(0), 7).tolist());
    expect(await d.clone().maskedFill_(d.lt(0), 7).toArrayAsync()).toEqual(x.clone().maskedFill_(x.lt(0), 7).tolist());
    const e = tensor([[0.5, 0], [1, 1]]);
    expect(await d.clone().lerp_(e.to('webgpu'), 0.25).toArrayAsync()).toEqual(x.clone().lerp_(e, 0.25).tolist());
  });
});

describe('reductions and indexing ops on a device', () => {
  it('mean, std, max of a 0-d tensor and gather run without reading the device synchronously', async () => {
    const x = tensor([[1.5, 2, 4], [3, 5, 9]]);
    const d = x.to('webgpu');
    expect(await d.mean(1).toArrayAsync()).toEqual(x.mean(1).tolist());
    expect(await d.mean().itemAsync()).toBe(x.mean().item());
    const s = (await d.std(1).toArrayAsync()) as number[];
    (x.std(1).tolist() as number[]).forEach((v, i) => expect(s[i]).toBeCloseTo(v, 6));
    expect(await tensor(2.5).to('webgpu').max(0).values.itemAsync()).toBe(2.5);
    const idx = tensor([[2, 0], [1, 1]]);
    expect(await d.gather(1, idx.to('webgpu')).toArrayAsync()).toEqual(x.gather(1, idx).tolist());
    const src = tensor([[10.5, 20], [30, 40]]);
    expect(await d.scatter(1, idx.to('webgpu'), src.to('webgpu')).toArrayAsync()).toEqual(x.scatter(1, idx, src).tolist());
  });
});

describe('fused optimizer steps on a device', () => {
  it('sgdUpdate_ runs there (overlap checks on device storage) and matches the CPU', async () => {
    const p = tensor([1.5, -2, 3]);
    const g = tensor([0.5, 0.25, -1]);
    const pd = p.to('webgpu');
    const gd = g.to('webgpu');
    const opts = { lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0.01, nesterov: false, maximize: false };
    let buf = sgdUpdate_(p, g, null, opts);
    let bufd = sgdUpdate_(pd, gd, null, opts);
    buf = sgdUpdate_(p, g, buf, opts);
    bufd = sgdUpdate_(pd, gd, bufd, opts);
    expect(await pd.toArrayAsync()).toEqual(p.tolist());
    expect(await bufd?.toArrayAsync()).toEqual(buf?.tolist());
    expect(() => sgdUpdate_(pd, gd, pd, opts)).toThrow(/shares no memory/);
  });
});
