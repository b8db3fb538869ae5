// Device memory under scope() and dispose(), on the fake device of test/helpers/fake-device.ts: every
// tensor on a device storage counts (views included), the last one disposed gives the storage back
// to the device backend (release), exactly once; kept and returned tensors keep theirs; a disposed
// device tensor throws on any use. The fake device poisons released storage with NaN, so a stale
// read would show.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispose, keep, ones, rand, registerDevice, scope, tensor, where, zeros, type DeviceStorage, type Tensor } from '../src/index.js';
import { releaseIfLent } from '../src/internal.js';
import { DISPOSED_MESSAGE } from '../src/memory/released.js';
import { fakeDevice, fakeDeviceReleased } from './helpers/fake-device.js';

beforeAll(() => registerDevice(fakeDevice()));
beforeEach(() => {
  fakeDeviceReleased.length = 0;
});

const disposedError = DISPOSED_MESSAGE.slice(0, 40);

function released(t: DeviceStorage | null): number {
  return fakeDeviceReleased.filter((s) => s === t).length;
}

describe('device storage and dispose()', () => {
  it('gives the storage back when its last live view is disposed, once', () => {
    const x = ones([2, 3], { device: 'webgpu' });
    const storage = x.storage;
    const v = x.t();
    const w = v.reshape([6]);
    dispose(x);
    expect(x.isDisposed).toBe(true);
    expect(x.device).toBe('webgpu');
    expect(released(storage)).toBe(0);
    w.dispose();
    expect(released(storage)).toBe(0);
    dispose([v, v, x, w]);
    expect(released(storage)).toBe(1);
    dispose(v);
    expect(fakeDeviceReleased).toEqual([storage]);
  });

  it('a live view keeps the storage and its values', async () => {
    const onCpu = tensor([1, 2, 3, 4]);
    const x = onCpu.to('webgpu');
    const v = x.view([2, 2]);
    dispose(x);
    // the same view and op of the CPU tensor decide the values
    expect(await v.toArrayAsync()).toEqual(onCpu.view([2, 2]).tolist());
    expect(await v.add(1).sum().itemAsync()).toBe(onCpu.view([2, 2]).add(1).sum().item());
  });

  it('a disposed device tensor throws the disposed error on any use, sync or async', async () => {
    const x = rand([3], { device: 'webgpu' });
    const y = rand([3], { device: 'webgpu' });
    dispose(x);
    expect(() => x.add(1)).toThrow(disposedError);
    expect(() => y.add(x)).toThrow(disposedError);
    const view = x.view([3]); // as on the CPU: a view of a disposed tensor is disposed
    expect(view.isDisposed).toBe(true);
    expect(() => view.mul(2)).toThrow(disposedError);
    view.dispose();
    dispose(view);
    expect(fakeDeviceReleased.length).toBe(1);
    expect(() => x.storage?.length).toThrow(disposedError);
    await expect(x.toArrayAsync()).rejects.toThrow(disposedError);
    await expect(x.itemAsync()).rejects.toThrow(disposedError);
    expect(String(x)).toContain('<disposed>');
  });

  it('tensors never disposed are never released (the garbage collector takes them)', () => {
    const x = ones([4], { device: 'webgpu' });
    const y = x.mul(2).add(1);
    expect(fakeDeviceReleased).toEqual([]);
    expect(y.device).toBe('webgpu');
  });
});

describe('device storage and scope()', () => {
  it('releases what the scope made and did not return or keep; the rest stays readable', async () => {
    const outside = tensor([1, 2, 3]).to('webgpu');
    let kept: Tensor | null = null;
    let inner: Tensor[] = [];
    let innerStorages: (DeviceStorage | null)[] = [];
    const result = scope(() => {
      const a = outside.mul(2);
      const b = a.add(1);
      const view = outside.view([3, 1]); // a view of outside's storage, made inside
      kept = keep(b.mul(10));
      inner = [a, b, view];
      innerStorages = [a.storage, b.storage];
      return { sum: b.sum(), list: [a.neg()] };
    });
    expect(inner.every((t) => t.isDisposed)).toBe(true);
    expect(innerStorages.map(released)).toEqual([1, 1]);
    expect(released(outside.storage)).toBe(0);
    expect(await outside.toArrayAsync()).toEqual([1, 2, 3]);
    expect(await result.sum.itemAsync()).toBe(15);
    expect(await result.list[0].toArrayAsync()).toEqual([-2, -4, -6]);
    expect(await kept!.toArrayAsync()).toEqual([30, 50, 70]);
    for (const s of [outside.storage, result.sum.storage, result.list[0].storage, kept!.storage]) expect(released(s)).toBe(0);
  });

  it('a step in a scope gives back all it made: the same storages released every step', () => {
    const w = keep(rand([4, 3], { device: 'webgpu' }));
    const x = rand([5, 4], { device: 'webgpu' });
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      fakeDeviceReleased.length = 0;
      scope(() => {
        const h = x.matmul(w).relu();
        return h.sum().mul(0); // returned, then dropped by the caller
      });
      counts.push(fakeDeviceReleased.length);
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(new Set(counts).size).toBe(1);
  });

  it('nested scopes: what the inner returns belongs to the outer one', () => {
    const x = ones([3], { device: 'webgpu' });
    let fromInner: Tensor | null = null;
    scope(() => {
      fromInner = scope(() => x.add(1));
      expect(fromInner.isDisposed).toBe(false);
      const storage = fromInner.storage;
      fakeDeviceReleased.length = 0;
      return storage;
    });
    expect(fromInner!.isDisposed).toBe(true);
    expect(fakeDeviceReleased.length).toBe(1);
  });

  it('constant operands uploaded for one kernel go back after it', async () => {
    const x = tensor([-1, 2, -3]).to('webgpu');
    const mask = x.gt(0);
    fakeDeviceReleased.length = 0;
    const y = where(mask, x, 0);
    const z = x.maskedFill(mask, 7);
    expect(fakeDeviceReleased.length).toBe(2);
    expect(await y.toArrayAsync()).toEqual([0, 2, 0]);
    expect(await z.toArrayAsync()).toEqual([-1, 7, -3]);
    expect(released(x.storage) + released(y.storage) + released(mask.storage)).toBe(0);
  });
});

describe('releaseIfLent (zeroGrad) on a device', () => {
  it('releases a kept tensor made in a scope once the outermost scope ended, and nothing else', () => {
    const plain = zeros([3], { device: 'webgpu' });
    releaseIfLent(plain);
    expect(plain.isDisposed).toBe(false);
    let grad: Tensor | null = null;
    scope(() => {
      grad = keep(ones([3], { device: 'webgpu' }).mul(2));
      releaseIfLent(grad); // still owned by an open scope: left alone, as on the CPU
      expect(grad.isDisposed).toBe(false);
    });
    const storage = grad!.storage;
    const view = grad!.view([3]);
    releaseIfLent(grad!);
    expect(grad!.isDisposed).toBe(true);
    expect(released(storage)).toBe(0); // a live view shares it
    dispose(view);
    expect(released(storage)).toBe(1);
  });
});
