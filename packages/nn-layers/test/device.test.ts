// Module.to(device) with a device besides the CPU (tensor-core's fake device): parameters and
// buffers move, training runs there, and toAsync('cpu') brings them back.
import { beforeAll, describe, expect, it } from 'vitest';
import { manualSeed, rand, registerDevice } from '@torchlet/tensor-core';
import { fakeDevice } from '../../tensor-core/test/helpers/fake-device.js';
import { BatchNorm1d, Linear, ReLU, Sequential } from '../src/index.js';

beforeAll(() => registerDevice(fakeDevice()));

describe('Module.to(device)', () => {
  it('moves parameters and buffers, trains there like on the CPU, and comes back with toAsync', async () => {
    manualSeed(1);
    const make = () => new Sequential(new Linear(4, 8), new BatchNorm1d(8), new ReLU(), new Linear(8, 2));
    const onCpu = make();
    const onDevice = make();
    onDevice.loadStateDict(onCpu.stateDict());
    expect(onDevice.to('webgpu')).toBe(onDevice);
    for (const [, t] of [...onDevice.namedParameters(), ...onDevice.namedBuffers()]) expect(t.device).toBe('webgpu');
    const x = rand([6, 4]);
    onCpu.forward(x).sum().backward();
    onDevice.forward(x.to('webgpu')).sum().backward();
    const cpuGrads = [...onCpu.parameters()].map((p) => p.grad?.tolist());
    const deviceGrads = await Promise.all([...onDevice.parameters()].map((p) => p.grad?.toArrayAsync()));
    expect(deviceGrads).toEqual(cpuGrads);
    await onDevice.toAsync('cpu');
    for (const [, t] of [...onDevice.namedParameters(), ...onDevice.namedBuffers()]) expect(t.device).toBe('cpu');
    const a = onDevice.stateDict();
    const b = onCpu.stateDict();
    for (const key of Object.keys(b)) expect(a[key].tolist()).toEqual(b[key].tolist());
  });
});
