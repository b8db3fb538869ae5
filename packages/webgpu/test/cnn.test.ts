// End to end: a small convolutional classifier (Conv2d, BatchNorm2d, MaxPool2d, AvgPool2d,
// AdaptiveAvgPool2d, Linear) trained with cross entropy and SGD on webgpu gives the CPU's losses,
// gradients, parameters and batch-norm running statistics, every kernel of its step on the GPU.
import { it, expect } from 'vitest';
import { manualSeed, randint, randn, useBackend } from '@torchlet/tensor-core';
import { AdaptiveAvgPool2d, AvgPool2d, BatchNorm2d, Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '@torchlet/nn-layers';
import { crossEntropy } from '@torchlet/losses';
import { SGD } from '@torchlet/optim';
import { describeGpu, expectClose, trainSideBySide } from './helpers/gpu.js';

useBackend('cpu');

function makeModel(): Sequential {
  return new Sequential(
    new Conv2d(3, 6, 3, { padding: 1 }),
    new BatchNorm2d(6),
    new ReLU(),
    new MaxPool2d(2, { ceilMode: true }),
    new Conv2d(6, 4, 3, { padding: 2, dilation: 2, stride: [1, 2] }),
    new AvgPool2d(3, { stride: 1, padding: 1, countIncludePad: false }),
    new AdaptiveAvgPool2d([3, 2]),
    new Flatten(),
    new Linear(24, 5),
  );
}

describeGpu('a CNN on webgpu', () => {
  it('trains like the CPU: conv, batch norm, pooling, cross entropy, SGD with momentum, 3 steps', async () => {
    manualSeed(61);
    const cpu = makeModel();
    const gpu = makeModel();
    gpu.loadStateDict(cpu.stateDict());
    gpu.to('webgpu');
    const x = randn([6, 3, 9, 9]);
    const y = randint(0, 5, [6]);
    const xg = x.to('webgpu');
    const yg = y.to('webgpu');
    const optCpu = new SGD([...cpu.parameters()], { lr: 0.05, momentum: 0.9 });
    const optGpu = new SGD([...gpu.parameters()], { lr: 0.05, momentum: 0.9 });
    // f32 on the GPU (compensated sums) against doubles rounded once: last-bit differences, which
    // grow a little through the steps; the first conv's bias gradient is 0 up to rounding (batch
    // norm subtracts the mean), about 1e-9 either way, hence the absolute tolerance
    const rtol = 1e-5;
    const atol = 1e-6;
    const losses = await trainSideBySide({ cpu, gpu, optCpu, optGpu, loss: (m, onGpu) => crossEntropy(m.forward(onGpu ? xg : x), onGpu ? yg : y) }, 3, rtol, atol);
    expect(losses[2]).toBeLessThan(losses[0]);
    const sc = cpu.stateDict();
    const sg = gpu.stateDict();
    for (const [name, t] of Object.entries(sc)) {
      await expectClose(sg[name], t, rtol, atol, name);
    }
  });
});
