// Batch normalization kernels on webgpu against the CPU reference: the batch's moments, the
// normalization (with and without weight and bias) and its backward (batch or fixed statistics, any
// subset of the gradients), on non-contiguous 'webgpu' views.
import { it } from 'vitest';
import { cat, full, getBackend, manualSeed, rand, randn, stack, useBackend, zeros, type Tensor } from '@torchlet/tensor-core';
import { describeGpu, expectClose } from './helpers/gpu.js';
import { stridedOnGpu, stridedOut } from './helpers/views.js';

useBackend('cpu');

const SHAPE = [4, 3, 10] as const; // [N, C, inner]

/** A [C] tensor on 'webgpu' with stride 2 at an offset inside a larger buffer. */
function channelOnGpu(t: Tensor): Tensor {
  const c = t.shape[0];
  const pairs = cat([full([1, 2], -5), stack([t, full([c], -5)], 1)], 0); // [c + 1, 2]
  return pairs.to('webgpu').narrow(0, 1, c).select(1, 0);
}

describeGpu('batch norm on webgpu', () => {
  it('the batch moments (mean, biased variance) per channel', async () => {
    manualSeed(51);
    // a large common offset: the variance is a small difference of large squares
    const x = randn([...SHAPE]).add(100);
    const mean = zeros([3], { dtype: 'float64' });
    const variance = zeros([3], { dtype: 'float64' });
    getBackend().batchNormMoments(x, mean, variance);
    const meanGpu = zeros([3], { device: 'webgpu' });
    const varGpu = zeros([3], { device: 'webgpu' });
    getBackend().batchNormMoments(stridedOnGpu(x), meanGpu, varGpu);
    await expectClose(meanGpu, mean.to('float32'));
    await expectClose(varGpu, variance.to('float32'));
  });

  for (const affine of [true, false]) {
    it(`forward${affine ? ' with weight and bias' : ' without weight and bias'}`, async () => {
      manualSeed(52);
      const x = randn([...SHAPE]);
      const mean = randn([3]);
      const variance = rand([3]).add(0.1);
      const weight = affine ? randn([3]) : null;
      const bias = affine ? randn([3]) : null;
      const out = zeros([...SHAPE]);
      getBackend().batchNorm(x, mean, variance, 1e-3, weight, bias, out);
      const outGpu = stridedOut(SHAPE);
      const g = (t: Tensor | null) => (t === null ? null : channelOnGpu(t));
      getBackend().batchNorm(stridedOnGpu(x), channelOnGpu(mean), channelOnGpu(variance), 1e-3, g(weight), g(bias), outGpu);
      await expectClose(outGpu, out);
    });
  }

  for (const batchStats of [true, false]) {
    for (const affine of [true, false]) {
      it(`backward: ${batchStats ? 'batch' : 'fixed'} statistics, ${affine ? 'weight' : 'no weight'}; every gradient, then only dx`, async () => {
        manualSeed(53);
        const x = randn([...SHAPE]);
        const gy = randn([...SHAPE]);
        const mean = zeros([3], { dtype: 'float64' });
        const variance = zeros([3], { dtype: 'float64' });
        getBackend().batchNormMoments(x, mean, variance);
        const m32 = batchStats ? mean.to('float32') : randn([3]);
        const v32 = batchStats ? variance.to('float32') : rand([3]).add(0.5);
        const weight = affine ? randn([3]) : null;
        const dx = zeros([...SHAPE]);
        const dw = zeros([3]);
        const db = zeros([3]);
        getBackend().batchNormBackward(x, gy, m32, v32, 1e-5, weight, batchStats, { input: dx, weight: dw, bias: db });
        const dxGpu = stridedOut(SHAPE);
        const dwGpu = zeros([3], { device: 'webgpu' });
        const dbGpu = zeros([3], { device: 'webgpu' });
        const args = [stridedOnGpu(x), stridedOnGpu(gy), channelOnGpu(m32), channelOnGpu(v32), 1e-5, weight === null ? null : channelOnGpu(weight), batchStats] as const;
        getBackend().batchNormBackward(...args, { input: dxGpu, weight: dwGpu, bias: dbGpu });
        await expectClose(dxGpu, dx);
        await expectClose(dwGpu, dw);
        await expectClose(dbGpu, db);
        const dxOnly = stridedOut(SHAPE);
        getBackend().batchNormBackward(...args, { input: dxOnly, weight: null, bias: null });
        await expectClose(dxOnly, dx);
      });
    }
  }
});
