// Devices and the async readers: 'cpu' is always there, 'webgpu' once a package registers it
// (device-backend.test.ts plays one); the async readers give what the sync ones give.
import { describe, expect, it } from 'vitest';
import { DEVICES, TorchletError, arange, ones, randn, tensor, zeros, type Device } from '../src/index.js';

describe('device', () => {
  it("every tensor is on 'cpu'; to('cpu'), to({ device }) and cpu() return the tensor itself", () => {
    expect(DEVICES).toEqual(['cpu', 'webgpu']);
    const x = randn([2, 3], { device: 'cpu' });
    expect(x.device).toBe('cpu');
    expect(x.to('cpu')).toBe(x);
    expect(x.cpu()).toBe(x);
    expect(x.to({ device: 'cpu' })).toBe(x);
    const y = x.to({ device: 'cpu', dtype: 'float64' });
    expect(y.dtype).toBe('float64');
    expect(y.device).toBe('cpu');
    expect(x.to('float64').dtype).toBe('float64');
  });

  it('refuses an unknown device, naming the argument and the devices, and a device nobody initialised', () => {
    const x = ones([2]);
    expect(() => x.to('cuda' as Device)).toThrow(/to\(\): argument 'target' expected a dtype .* or a device \('cpu', 'webgpu'\), got 'cuda'/);
    expect(() => x.to({ device: 'cuda' as Device })).toThrow(/to\(\): argument 'device' expected a device \('cpu', 'webgpu'\), got 'cuda'/);
    expect(() => x.to('webgpu')).toThrow(/device 'webgpu' is not available: initialise it first \(for 'webgpu': await initWebGPU\(\) from @torchlet\/webgpu\)/);
    expect(() => zeros([2], { device: 'webgpu' })).toThrow(/device 'webgpu' is not available/);
    expect(() => zeros([2], { device: 'cuda' as Device })).toThrow(TorchletError);
    expect(() => zeros([2], { device: 'cuda' as Device })).toThrow(/zeros\(\): argument 'device'/);
    expect(() => tensor([1, 2], { device: 'mps' as Device })).toThrow(/tensor\(\): argument 'device'/);
  });
});

describe('async readers', () => {
  it('give what the sync readers give', async () => {
    const x = arange(6, undefined, undefined, { dtype: 'float64' }).reshape(2, 3).t();
    expect(await x.toArrayAsync()).toEqual(x.tolist());
    expect(Array.from(await x.toTypedArrayAsync())).toEqual(Array.from(x.toTypedArray()));
    expect(await x.sum().itemAsync()).toBe(x.sum().item());
    await expect(x.itemAsync()).rejects.toThrow(/one element/);
  });
});
