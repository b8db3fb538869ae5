// Adaptive max pooling on webgpu against the CPU reference: the kernels on non-contiguous views
// (values with ties, NaN and -inf; overlapping windows, more outputs than inputs), and the
// AdaptiveMaxPool2d module's forward, indices and gradient on the device.
import { it, expect } from 'vitest';
import { getBackend, manualSeed, randint, randn, zeros, type Tensor } from '@torchlet/tensor-core';
import { AdaptiveMaxPool2d } from '@torchlet/nn-layers';
import { describeGpu, expectClose } from './helpers/gpu.js';
import { stridedOnGpu, stridedOut } from './helpers/views.js';

/** Small integers (many ties) with a few NaN and -inf. */
function poolInput(planes: number, h: number, w: number): Tensor {
  const x = randint(-3, 4, [planes, h, w]).to('float32');
  const d = x.data as Float32Array;
  d[3] = Number.NaN;
  d[5] = Number.NaN;
  d[h * w + 5] = Number.NEGATIVE_INFINITY;
  d[2 * h * w + w + 2] = Number.NaN;
  return x;
}

describeGpu('adaptive max pooling on webgpu', () => {
  for (const [outH, outW] of [[4, 3], [9, 8], [1, 1], [11, 5], [5, 7]]) {
    it(`kernels, forward (values, indices) and backward: 9 x 8 to ${outH} x ${outW}, strided views`, async () => {
      manualSeed(81 + outH + outW);
      const x = poolInput(3, 9, 8);
      const out = zeros([3, outH, outW]);
      const idx = zeros([3, outH, outW], { dtype: 'int64' });
      getBackend().adaptiveMaxPool2d(x, out, idx);
      const outGpu = stridedOut(out.shape);
      const idxGpu = stridedOut(idx.shape, 'int64');
      getBackend().adaptiveMaxPool2d(stridedOnGpu(x), outGpu, idxGpu);
      await expectClose(outGpu, out, 0);
      await expectClose(idxGpu, idx, 0);

      const gy = randn([3, outH, outW]);
      const dx = zeros([3, 9, 8]);
      getBackend().adaptiveMaxPool2dBackward(gy, idx, dx);
      const dxGpu = stridedOut(dx.shape);
      getBackend().adaptiveMaxPool2dBackward(stridedOnGpu(gy), stridedOnGpu(idx), dxGpu);
      await expectClose(dxGpu, dx);
    });
  }

  it('the backward gives the same bits on every run', async () => {
    manualSeed(91);
    const x = randn([4, 7, 10]).to('webgpu');
    const idx = zeros([4, 3, 4], { dtype: 'int64', device: 'webgpu' });
    getBackend().adaptiveMaxPool2d(x, zeros([4, 3, 4], { device: 'webgpu' }), idx);
    const gy = randn([4, 3, 4]).to('webgpu');
    const run = (): Tensor => {
      const o = zeros([4, 7, 10], { device: 'webgpu' });
      getBackend().adaptiveMaxPool2dBackward(gy, idx, o);
      return o;
    };
    const first = await run().toTypedArrayAsync();
    expect(Array.from(await run().toTypedArrayAsync())).toEqual(Array.from(first));
  });

  it('the AdaptiveMaxPool2d module: a non-contiguous input, indices and the gradient stay on the device', async () => {
    manualSeed(92);
    const base = randn([2, 3, 10, 9]);
    const pool = new AdaptiveMaxPool2d([4, null], { returnIndices: true });
    const xc = base.transpose(2, 3).detach().requiresGrad_(true);
    const xg = base.to('webgpu').transpose(2, 3).detach().requiresGrad_(true);
    expect(xg.isContiguous()).toBe(false);
    const [yc, ic] = pool.forward(xc);
    const [yg, ig] = pool.forward(xg);
    expect(yg.device).toBe('webgpu');
    expect(ig.device).toBe('webgpu');
    await expectClose(yg.detach(), yc.detach(), 0);
    await expectClose(ig, ic, 0);
    const up = randn(yc.shape);
    yc.mul(up).sum().backward();
    yg.mul(up.to('webgpu')).sum().backward();
    await expectClose(xg.grad as Tensor, xc.grad as Tensor);
  });
});
