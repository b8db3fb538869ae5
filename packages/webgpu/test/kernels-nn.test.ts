// GELU (both approximations), embedding, Adam / AdamW (amsgrad, maximize, weight decay) and the
// device cross entropy, each against the CPU reference within float32 tolerance.
import { it, expect } from 'vitest';
import { manualSeed, rand, randint, randn, tensor, type Tensor } from '@torchlet/tensor-core';
import { embeddingBackward, embeddingForward, geluBackward, geluForward } from '@torchlet/tensor-core/internal';
import { crossEntropy } from '@torchlet/losses';
import { Adam, AdamW } from '@torchlet/optim';
import { Embedding } from '@torchlet/nn-layers';
import { check, describeGpu, expectClose } from './helpers/gpu.js';

describeGpu('gelu and embedding on webgpu', () => {
  for (const approximate of ['none', 'tanh'] as const) {
    it(`gelu and its backward (${approximate})`, async () => {
      manualSeed(1);
      const x = randn([5, 7]).mul(3);
      const g = randn([5, 7]);
      // erf / tanh / exp in f32 on the GPU against doubles rounded once: a few ulps
      await check((a) => geluForward(a, approximate), [x], 1e-5, 1e-6);
      await check((a, b) => geluBackward(a, b, approximate), [x, g], 1e-5, 1e-6);
    });
  }

  it('embedding and its backward (repeated indices, padding index)', async () => {
    manualSeed(2);
    const w = randn([6, 4]);
    const idx = tensor([[0, 5, 2], [2, 2, 1]], { dtype: 'int64' });
    const g = randn([2, 3, 4]);
    await check((a, b) => embeddingForward(a, b), [w, idx]);
    for (const padding of [null, 2]) {
      await check((a, b) => embeddingBackward(a, b, 6, padding), [g, idx]);
    }
  });

  it('the Embedding module: forward and the weight gradient', async () => {
    manualSeed(3);
    const cpu = new Embedding(6, 4, { paddingIdx: 1 });
    const gpu = new Embedding(6, 4, { paddingIdx: 1 });
    gpu.loadStateDict(cpu.stateDict());
    gpu.to('webgpu');
    const idx = tensor([[0, 1, 2], [2, 5, 1]], { dtype: 'int64' });
    const g = randn([2, 3, 4]);
    const oc = cpu.forward(idx);
    const og = gpu.forward(idx.to('webgpu'));
    await expectClose(og.detach(), oc.detach());
    oc.mul(g).sum().backward();
    og.mul(g.to('webgpu')).sum().backward();
    await expectClose(gpu.weight.grad as Tensor, cpu.weight.grad as Tensor);
  });
});

describeGpu('Adam on webgpu', () => {
  const variants = [
    { name: 'Adam', make: Adam, options: {} },
    { name: 'Adam amsgrad, L2 weight decay', make: Adam, options: { amsgrad: true, weightDecay: 0.1 } },
    { name: 'Adam maximize', make: Adam, options: { maximize: true } },
    { name: 'AdamW', make: AdamW, options: { weightDecay: 0.05 } },
    { name: 'AdamW amsgrad', make: AdamW, options: { weightDecay: 0.05, amsgrad: true } },
  ] as const;
  for (const v of variants) {
    it(`${v.name}: 3 steps equal the CPU`, async () => {
      manualSeed(4);
      const p0 = randn([3, 5]);
      const grads = [randn([3, 5]), randn([3, 5]), randn([3, 5])];
      const pc = p0.clone().requiresGrad_(true);
      const pg = p0.to('webgpu').requiresGrad_(true);
      const oc = new v.make([pc], { lr: 0.01, ...v.options });
      const og = new v.make([pg], { lr: 0.01, ...v.options });
      for (const g of grads) {
        pc.grad = g.clone();
        pg.grad = g.to('webgpu');
        oc.step();
        og.step();
      }
      // sqrt and the divisions in f32 (the reference rounds the same ops in f32 from doubles)
      await expectClose(pg.detach(), pc.detach(), 1e-5, 1e-7);
    });
  }
});

/** Loss and input gradient of crossEntropy on the CPU and on webgpu. */
async function compareCrossEntropy(
  x: Tensor,
  target: Tensor,
  options: Parameters<typeof crossEntropy>[2],
  rtol = 1e-5,
  atol = 1e-7,
): Promise<void> {
  const xc = x.clone().requiresGrad_(true);
  const xg = x.to('webgpu').requiresGrad_(true);
  const wg = options?.weight == null ? options?.weight : options.weight.to('webgpu');
  const lc = crossEntropy(xc, target, options);
  const lg = crossEntropy(xg, target.to('webgpu'), { ...options, weight: wg });
  expect(lg.device).toBe('webgpu');
  await expectClose(lg.detach(), lc.detach(), rtol, atol);
  // a non-trivial upstream gradient for 'none'
  const up = lc.ndim === 0 ? null : rand(lc.shape).add(0.5);
  (up === null ? lc : lc.mul(up).sum()).backward();
  (up === null ? lg : lg.mul(up.to('webgpu')).sum()).backward();
  await expectClose((xg.grad as Tensor), xc.grad as Tensor, rtol, atol);
}

describeGpu('cross entropy on webgpu', () => {
  for (const reduction of ['mean', 'sum', 'none'] as const) {
    it(`class indices, ${reduction} (ignoreIndex, weights, label smoothing)`, async () => {
      manualSeed(5);
      const x = randn([6, 5]).mul(2);
      const t = tensor([0, 4, -100, 2, 2, 1], { dtype: 'int64' });
      const weight = rand([5]).add(0.5);
      await compareCrossEntropy(x, t, { reduction });
      await compareCrossEntropy(x, t, { reduction, weight });
      await compareCrossEntropy(x, t, { reduction, labelSmoothing: 0.1 });
      await compareCrossEntropy(x, tensor([0, 4, 3, 2, 2, 1], { dtype: 'int64' }), { reduction, weight, labelSmoothing: 0.2, ignoreIndex: 2 });
    });
  }

  it('spatial class indices (N, C, d1, d2) and a (C) input', async () => {
    manualSeed(6);
    const x = randn([2, 4, 3, 2]);
    const t = randint(0, 4, [2, 3, 2]);
    await compareCrossEntropy(x, t, { reduction: 'mean' });
    await compareCrossEntropy(x, t, { reduction: 'none', labelSmoothing: 0.05 });
    await compareCrossEntropy(randn([7]), tensor(3, { dtype: 'int64' }), {});
  });

  it('class probabilities (weights, smoothing), every reduction', async () => {
    manualSeed(7);
    const x = randn([4, 3]);
    const q = randn([4, 3]).softmax(1);
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      await compareCrossEntropy(x, q, { reduction });
      await compareCrossEntropy(x, q, { reduction, weight: rand([3]).add(0.5), labelSmoothing: 0.1 });
    }
  });

  it("'mean' with every target ignored is NaN, as on the CPU", async () => {
    const x = randn([2, 3]);
    const t = tensor([-100, -100], { dtype: 'int64' });
    const lg = crossEntropy(x.to('webgpu'), t.to('webgpu'));
    expect(Number.isNaN(await lg.itemAsync())).toBe(true);
    expect(Number.isNaN(crossEntropy(x, t).item())).toBe(true);
  });
});
