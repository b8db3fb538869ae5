// End to end: a small MLP (Linear, ReLU) moved with module.to('webgpu') trains there as on the CPU:
// forward, backward and SGD steps (plain, and with momentum: the fused sgdUpdate kernel), read back
// with the async readers, equal to the CPU within float32 tolerance; and a classifier (Linear, GELU)
// with cross entropy and Adam, every kernel of its step on the GPU.
import { it, expect } from 'vitest';
import { manualSeed, rand, randint, randn } from '@torchlet/tensor-core';
import { GELU, Linear, ReLU, Sequential } from '@torchlet/nn-layers';
import { crossEntropy } from '@torchlet/losses';
import { Adam, SGD } from '@torchlet/optim';
import { describeGpu, expectClose, trainSideBySide } from './helpers/gpu.js';

describeGpu('an MLP on webgpu', () => {
  for (const momentum of [0, 0.9]) {
    it(`trains like the CPU: forward, backward, SGD (momentum ${momentum}), 3 steps`, async () => {
      manualSeed(3);
      const make = () => new Sequential(new Linear(4, 16), new ReLU(), new Linear(16, 3));
      const cpu = make();
      const gpu = make();
      gpu.loadStateDict(cpu.stateDict());
      gpu.to('webgpu');
      const x = randn([8, 4]);
      const y = rand([8, 3]);
      const xg = x.to('webgpu');
      const yg = y.to('webgpu');
      const optCpu = new SGD([...cpu.parameters()], { lr: 0.1, momentum });
      const optGpu = new SGD([...gpu.parameters()], { lr: 0.1, momentum });
      // sums of a few float32 products and the mean of 24 squares: the reference accumulates in
      // doubles, the GPU in float32 (Kahan-compensated), so values may differ in the last bits and
      // the differences grow a little over the steps
      const rtol = 1e-5;
      const atol = 1e-6;
      await trainSideBySide({ cpu, gpu, optCpu, optGpu, loss: (m, onGpu) => m.forward(onGpu ? xg : x).sub(onGpu ? yg : y).pow(2).mean() }, 3, rtol, atol);
      const pc = [...cpu.parameters()];
      const pg = [...gpu.parameters()];
      for (let i = 0; i < pc.length; i++) await expectClose(pg[i], pc[i], rtol, atol, `parameter ${i}`);
      await gpu.toAsync('cpu');
      expect([...gpu.parameters()].every((p) => p.device === 'cpu')).toBe(true);
    });
  }

  for (const approximate of ['none', 'tanh'] as const) {
    it(`a classifier with GELU (${approximate}), cross entropy and Adam trains like the CPU, 4 steps`, async () => {
      manualSeed(11);
      const make = () => new Sequential(new Linear(6, 24), new GELU({ approximate }), new Linear(24, 24), new ReLU(), new Linear(24, 5));
      const cpu = make();
      const gpu = make();
      gpu.loadStateDict(cpu.stateDict());
      gpu.to('webgpu');
      const x = randn([16, 6]);
      const y = randint(0, 5, [16]);
      const xg = x.to('webgpu');
      const yg = y.to('webgpu');
      const optCpu = new Adam([...cpu.parameters()], { lr: 0.01 });
      const optGpu = new Adam([...gpu.parameters()], { lr: 0.01 });
      // as above; Adam divides by sqrt(v) + eps, which turns last-bit differences of tiny gradients
      // into relative ones, so the parameters get a slightly looser absolute tolerance
      const rtol = 1e-5;
      const atol = 1e-6;
      const losses = await trainSideBySide({ cpu, gpu, optCpu, optGpu, loss: (m, onGpu) => crossEntropy(m.forward(onGpu ? xg : x), onGpu ? yg : y) }, 4, rtol, atol);
      expect(losses[3]).toBeLessThan(losses[0]);
      const pc = [...cpu.parameters()];
      const pg = [...gpu.parameters()];
      for (let i = 0; i < pc.length; i++) await expectClose(pg[i], pc[i], rtol, 1e-5, `parameter ${i}`);
    });
  }
});
