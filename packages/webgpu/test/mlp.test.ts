// End to end: a small MLP (Linear, ReLU) moved with module.to('webgpu') trains there as on the CPU:
// forward, backward and SGD steps (plain, and with momentum: the fused sgdUpdate kernel), read back
// with the async readers, equal to the CPU within float32 tolerance; and a classifier (Linear, GELU)
// with cross entropy and Adam, every kernel of its step on the GPU.
import { it, expect } from 'vitest';
import { manualSeed, rand, randint, randn, type Tensor } from '@torchlet/tensor-core';
import { GELU, Linear, ReLU, Sequential } from '@torchlet/nn-layers';
import { crossEntropy } from '@torchlet/losses';
import { Adam, SGD } from '@torchlet/optim';
import { describeGpu } from './helpers/gpu.js';

/** |a - b| <= rtol |b| + atol elementwise. */
function close(a: number[], b: number[], rtol: number, atol: number): string[] {
  return b.flatMap((y, i) => (Math.abs(a[i] - y) <= rtol * Math.abs(y) + atol ? [] : [`[${i}] gpu ${a[i]} cpu ${y}`]));
}

async function flat(t: Tensor): Promise<number[]> {
  return Array.from(await t.toTypedArrayAsync());
}

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
      for (let step = 0; step < 3; step++) {
        optCpu.zeroGrad();
        optGpu.zeroGrad();
        const lossCpu = cpu.forward(x).sub(y).pow(2).mean();
        const lossGpu = gpu.forward(xg).sub(yg).pow(2).mean();
        expect(lossGpu.device).toBe('webgpu');
        expect(close([await lossGpu.itemAsync()], [lossCpu.item()], rtol, atol)).toEqual([]);
        lossCpu.backward();
        lossGpu.backward();
        const gradsCpu = [...cpu.parameters()].map((p) => p.grad as Tensor);
        const gradsGpu = [...gpu.parameters()].map((p) => p.grad as Tensor);
        for (let i = 0; i < gradsCpu.length; i++) {
          expect(gradsGpu[i].device).toBe('webgpu');
          expect(close(await flat(gradsGpu[i]), Array.from(gradsCpu[i].toTypedArray()), rtol, atol)).toEqual([]);
        }
        optCpu.step();
        optGpu.step();
      }
      const pc = [...cpu.parameters()];
      const pg = [...gpu.parameters()];
      for (let i = 0; i < pc.length; i++) expect(close(await flat(pg[i]), Array.from(pc[i].toTypedArray()), rtol, atol)).toEqual([]);
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
      const losses: number[] = [];
      for (let step = 0; step < 4; step++) {
        optCpu.zeroGrad();
        optGpu.zeroGrad();
        const lossCpu = crossEntropy(cpu.forward(x), y);
        const lossGpu = crossEntropy(gpu.forward(xg), yg);
        expect(lossGpu.device).toBe('webgpu');
        const value = await lossGpu.itemAsync();
        losses.push(value);
        expect(close([value], [lossCpu.item()], rtol, atol)).toEqual([]);
        lossCpu.backward();
        lossGpu.backward();
        const gradsCpu = [...cpu.parameters()].map((p) => p.grad as Tensor);
        const gradsGpu = [...gpu.parameters()].map((p) => p.grad as Tensor);
        for (let i = 0; i < gradsCpu.length; i++) {
          expect(gradsGpu[i].device).toBe('webgpu');
          expect(close(await flat(gradsGpu[i]), Array.from(gradsCpu[i].toTypedArray()), rtol, atol)).toEqual([]);
        }
        optCpu.step();
        optGpu.step();
      }
      expect(losses[3]).toBeLessThan(losses[0]);
      const pc = [...cpu.parameters()];
      const pg = [...gpu.parameters()];
      for (let i = 0; i < pc.length; i++) expect(close(await flat(pg[i]), Array.from(pc[i].toTypedArray()), rtol, 1e-5)).toEqual([]);
    });
  }
});
