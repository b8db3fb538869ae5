// Autograd on a device besides the CPU (tensor-core's fake device): backward runs there, and moving a
// tensor that requires grad across devices is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { rand, registerDevice } from '@torchlet/tensor-core';
import { fakeDevice } from '../../tensor-core/test/helpers/fake-device.js';

beforeAll(() => registerDevice(fakeDevice()));

describe('autograd on a device', () => {
  it('backward through device ops leaves .grad on the device, equal to the CPU one', async () => {
    const w0 = rand([4, 3]);
    const x = rand([5, 4]);
    const w = w0.to('webgpu').requiresGrad_();
    x.to('webgpu').matmul(w).relu().mul(w.sum()).sum().backward();
    const wc = w0.clone().requiresGrad_();
    x.matmul(wc).relu().mul(wc.sum()).sum().backward();
    expect(w.grad?.device).toBe('webgpu');
    expect(await w.grad?.toArrayAsync()).toEqual(wc.grad?.tolist());
  });

  it('refuses to move a tensor that requires grad (its backward would need a synchronous read back)', () => {
    const w = rand([2]).requiresGrad_();
    expect(() => w.to('webgpu')).toThrow(/requires grad to 'webgpu' is not recorded for backward/);
    expect(w.detach().to('webgpu').requiresGrad_().requiresGrad).toBe(true);
  });
});
