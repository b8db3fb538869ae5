// im2col / col2im and the pooling kernels (max with indices, average, adaptive average, forward and
// backward) on webgpu against the CPU reference kernels: random inputs, non-trivial geometries,
// and non-contiguous 'webgpu' views (transposed, at an offset) for inputs and outputs.
import { it, expect } from 'vitest';
import { getBackend, manualSeed, randint, randn, useBackend, zeros, type Tensor } from '@torchlet/tensor-core';
import { conv2dBackward, conv2dForward, poolOutputSize, type AvgPool2dGeometry, type Im2colGeometry, type MaxPool2dGeometry } from '@torchlet/tensor-core/internal';
import { functional as F } from '@torchlet/nn-layers';
import { describeGpu, expectClose, expectWithinSumBound } from './helpers/gpu.js';
import { stridedOnGpu, stridedOut } from './helpers/views.js';

// the reference kernels (not the wasm ones)
useBackend('cpu');

interface ConvCase {
  readonly name: string;
  readonly input: readonly [number, number, number, number];
  readonly k: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly pad: readonly [number, number, number, number]; // top, bottom, left, right
  readonly dilation: readonly [number, number];
}

const CONV_CASES: readonly ConvCase[] = [
  { name: 'asymmetric padding, stride 2, dilation 2', input: [2, 3, 8, 6], k: [3, 2], stride: [2, 1], pad: [1, 2, 2, 1], dilation: [2, 1] },
  { name: 'stride past the kernel (gaps), no padding', input: [1, 2, 9, 10], k: [2, 2], stride: [3, 4], pad: [0, 0, 0, 0], dilation: [1, 1] },
  { name: 'padding wider than the kernel', input: [2, 2, 4, 5], k: [3, 3], stride: [1, 2], pad: [3, 3, 3, 2], dilation: [1, 3] },
];

function geometry(c: ConvCase): Im2colGeometry {
  const [, , h, w] = c.input;
  const outH = Math.floor((h + c.pad[0] + c.pad[1] - c.dilation[0] * (c.k[0] - 1) - 1) / c.stride[0]) + 1;
  const outW = Math.floor((w + c.pad[2] + c.pad[3] - c.dilation[1] * (c.k[1] - 1) - 1) / c.stride[1]) + 1;
  return {
    kH: c.k[0], kW: c.k[1], strideH: c.stride[0], strideW: c.stride[1], padTop: c.pad[0], padLeft: c.pad[2],
    dilationH: c.dilation[0], dilationW: c.dilation[1], outH, outW,
  };
}

describeGpu('im2col and col2im on webgpu', () => {
  for (const c of CONV_CASES) {
    it(`im2col, then col2im: ${c.name}`, async () => {
      manualSeed(21);
      const g = geometry(c);
      const [n, ch] = c.input;
      const colsShape = [n, ch * g.kH * g.kW, g.outH * g.outW];
      const x = randn([...c.input]);
      const cols = zeros(colsShape);
      getBackend().im2col(x, g, cols);
      const colsGpu = stridedOut(colsShape);
      getBackend().im2col(stridedOnGpu(x), g, colsGpu);
      await expectClose(colsGpu, cols, 0);

      const dcols = randn(colsShape);
      const dx = zeros([...c.input]);
      getBackend().col2im(dcols, g, dx);
      const dxGpu = stridedOut(c.input);
      getBackend().col2im(stridedOnGpu(dcols), g, dxGpu);
      await expectClose(dxGpu, dx);
    });
  }
});

describeGpu('conv2d on webgpu (im2col, matmul, col2im)', () => {
  it('forward and every gradient: 2 groups, stride, dilation, asymmetric padding, a transposed input', async () => {
    manualSeed(27);
    const p = { strideH: 2, strideW: 1, padTop: 1, padBottom: 0, padLeft: 2, padRight: 1, dilationH: 1, dilationW: 2, groups: 2 };
    const x = randn([2, 4, 7, 9]);
    const w = randn([6, 2, 3, 2]);
    const b = randn([6]);
    const out = conv2dForward(x, w, b, p);
    const outGpu = conv2dForward(stridedOnGpu(x), w.to('webgpu'), b.to('webgpu'), p);
    // each element is a float32 sum of products (im2col + matmul): within the bound of such sums,
    // from the same computation on absolute values; K: the most terms of any result (a weight
    // gradient sums over N * outH * outW positions)
    const terms = Math.max(2 * 3 * 2 + 1, 3 * 3 * 2, out.shape[0] * out.shape[2] * out.shape[3]);
    await expectWithinSumBound(outGpu, out, conv2dForward(x.abs(), w.abs(), b.abs(), p), terms);
    const gy = randn(out.shape);
    const all = { input: true, weight: true, bias: true };
    const gc = conv2dBackward(x, w, gy, p, all);
    const gg = conv2dBackward(stridedOnGpu(x), w.to('webgpu'), stridedOnGpu(gy), p, all);
    const ga = conv2dBackward(x.abs(), w.abs(), gy.abs(), p, all);
    await expectWithinSumBound(gg.gradInput as Tensor, gc.gradInput as Tensor, ga.gradInput as Tensor, terms);
    await expectWithinSumBound(gg.gradWeight as Tensor, gc.gradWeight as Tensor, ga.gradWeight as Tensor, terms);
    await expectWithinSumBound(gg.gradBias as Tensor, gc.gradBias as Tensor, ga.gradBias as Tensor, terms);
  });
});

/** x [planes, h, w] with small integers (ties), -inf and NaNs (two in one window). */
function poolInput(planes: number, h: number, w: number): Tensor {
  const x = randint(-3, 4, [planes, h, w]).to('float32');
  const d = x.data as Float32Array;
  d[3] = Number.NaN;
  d[4] = Number.NaN;
  d[h * w + 5] = Number.NEGATIVE_INFINITY;
  d[2 * h * w + w + 2] = Number.NaN;
  return x;
}

const MAX_CASES: readonly (MaxPool2dGeometry & { ceilMode: boolean })[] = [
  { kH: 3, kW: 3, strideH: 2, strideW: 2, padH: 1, padW: 1, dilationH: 1, dilationW: 1, ceilMode: true },
  { kH: 2, kW: 3, strideH: 1, strideW: 2, padH: 1, padW: 1, dilationH: 2, dilationW: 1, ceilMode: false },
  { kH: 2, kW: 2, strideH: 3, strideW: 1, padH: 0, padW: 1, dilationH: 3, dilationW: 2, ceilMode: true },
];

describeGpu('max pooling on webgpu', () => {
  for (const [k, p] of MAX_CASES.entries()) {
    it(`forward (values, indices: NaN and ties) and backward, geometry ${k}`, async () => {
      manualSeed(22 + k);
      const [planes, h, w] = [5, 9, 7];
      const outH = poolOutputSize(h, p.kH, p.padH, p.strideH, p.dilationH, p.ceilMode);
      const outW = poolOutputSize(w, p.kW, p.padW, p.strideW, p.dilationW, p.ceilMode);
      const x = poolInput(planes, h, w);
      const out = zeros([planes, outH, outW]);
      const idx = zeros([planes, outH, outW], { dtype: 'int64' });
      getBackend().maxPool2d(x, p, out, idx);
      const outGpu = stridedOut(out.shape);
      const idxGpu = stridedOut(idx.shape, 'int64');
      getBackend().maxPool2d(stridedOnGpu(x), p, outGpu, idxGpu);
      await expectClose(outGpu, out, 0);
      await expectClose(idxGpu, idx, 0);

      const gy = randn([planes, outH, outW]);
      const dx = zeros([planes, h, w]);
      getBackend().maxPool2dBackward(gy, idx, dx);
      const dxGpu = stridedOut(dx.shape);
      getBackend().maxPool2dBackward(stridedOnGpu(gy), stridedOnGpu(idx), dxGpu);
      await expectClose(dxGpu, dx);
      // given the geometry, the kernel visits only the windows over each element: the same bits
      const dxWindows = stridedOut(dx.shape);
      getBackend().maxPool2dBackward(stridedOnGpu(gy), stridedOnGpu(idx), dxWindows, p);
      expect(Array.from(await dxWindows.toTypedArrayAsync())).toEqual(Array.from(await dxGpu.toTypedArrayAsync()));
    });
  }
});

describeGpu('maxPool2dWithIndices on webgpu', () => {
  it('returns the indices as an int64 tensor on the device, as the CPU computes them', async () => {
    manualSeed(23);
    const x = randn([2, 3, 9, 7]);
    const cpu = F.maxPool2dWithIndices(x, 3, { stride: 2, padding: 1, ceilMode: true });
    const gpu = F.maxPool2dWithIndices(x.to('webgpu'), 3, { stride: 2, padding: 1, ceilMode: true });
    expect(gpu.indices.device).toBe('webgpu');
    expect(gpu.indices.dtype).toBe('int64');
    await expectClose(gpu.output, cpu.output, 0);
    await expectClose(gpu.indices, cpu.indices, 0);
  });
});

const AVG_CASES: readonly (AvgPool2dGeometry & { ceilMode: boolean })[] = [
  { kH: 3, kW: 3, strideH: 2, strideW: 2, padH: 1, padW: 1, countIncludePad: true, divisorOverride: null, ceilMode: true },
  { kH: 3, kW: 3, strideH: 2, strideW: 2, padH: 1, padW: 1, countIncludePad: false, divisorOverride: null, ceilMode: true },
  { kH: 2, kW: 4, strideH: 1, strideW: 3, padH: 1, padW: 2, countIncludePad: false, divisorOverride: 5, ceilMode: false },
  { kH: 4, kW: 2, strideH: 3, strideW: 1, padH: 2, padW: 0, countIncludePad: true, divisorOverride: null, ceilMode: false },
];

describeGpu('average pooling on webgpu', () => {
  for (const [k, p] of AVG_CASES.entries()) {
    it(`forward and backward, geometry ${k} (countIncludePad ${p.countIncludePad}, divisorOverride ${p.divisorOverride})`, async () => {
      manualSeed(31 + k);
      const [planes, h, w] = [4, 9, 8];
      const outH = poolOutputSize(h, p.kH, p.padH, p.strideH, 1, p.ceilMode);
      const outW = poolOutputSize(w, p.kW, p.padW, p.strideW, 1, p.ceilMode);
      const x = randn([planes, h, w]);
      const out = zeros([planes, outH, outW]);
      getBackend().avgPool2d(x, p, out);
      const outGpu = stridedOut(out.shape);
      getBackend().avgPool2d(stridedOnGpu(x), p, outGpu);
      await expectClose(outGpu, out);

      const gy = randn([planes, outH, outW]);
      const dx = zeros([planes, h, w]);
      getBackend().avgPool2dBackward(gy, p, dx);
      const dxGpu = stridedOut(dx.shape);
      getBackend().avgPool2dBackward(stridedOnGpu(gy), p, dxGpu);
      await expectClose(dxGpu, dx);
    });
  }

  for (const [outH, outW] of [[4, 3], [9, 8], [1, 1], [11, 5]]) {
    it(`adaptive average, forward and backward: 9 x 8 to ${outH} x ${outW}`, async () => {
      manualSeed(41 + outH);
      const x = randn([3, 9, 8]);
      const out = zeros([3, outH, outW]);
      getBackend().adaptiveAvgPool2d(x, out);
      const outGpu = stridedOut(out.shape);
      getBackend().adaptiveAvgPool2d(stridedOnGpu(x), outGpu);
      await expectClose(outGpu, out);

      const gy = randn([3, outH, outW]);
      const dx = zeros([3, 9, 8]);
      getBackend().adaptiveAvgPool2dBackward(gy, dx);
      const dxGpu = stridedOut(dx.shape);
      getBackend().adaptiveAvgPool2dBackward(stridedOnGpu(gy), dxGpu);
      await expectClose(dxGpu, dx);
    });
  }
});

describeGpu('the gathering backwards are deterministic', () => {
  it('col2im and the pooling backwards give the same bits on every run', async () => {
    manualSeed(71);
    const c = CONV_CASES[0];
    const g = geometry(c);
    const dcols = randn([c.input[0], c.input[1] * g.kH * g.kW, g.outH * g.outW]).to('webgpu');
    const p = MAX_CASES[0];
    const x = poolInput(5, 9, 7).to('webgpu');
    const [outH, outW] = [poolOutputSize(9, p.kH, p.padH, p.strideH, p.dilationH, p.ceilMode), poolOutputSize(7, p.kW, p.padW, p.strideW, p.dilationW, p.ceilMode)];
    const idx = zeros([5, outH, outW], { dtype: 'int64', device: 'webgpu' });
    getBackend().maxPool2d(x, p, zeros([5, outH, outW], { device: 'webgpu' }), idx);
    const gy = randn([5, outH, outW]).to('webgpu');
    const runs: (() => Tensor)[] = [
      () => { const o = zeros([...c.input], { device: 'webgpu' }); getBackend().col2im(dcols, g, o); return o; },
      () => { const o = zeros([5, 9, 7], { device: 'webgpu' }); getBackend().maxPool2dBackward(gy, idx, o); return o; },
      () => { const o = zeros([5, 9, 7], { device: 'webgpu' }); getBackend().avgPool2dBackward(gy, AVG_CASES[0], o); return o; },
      () => { const o = zeros([5, 9, 7], { device: 'webgpu' }); getBackend().adaptiveAvgPool2dBackward(gy, o); return o; },
    ];
    for (const run of runs) {
      const first = await run().toTypedArrayAsync();
      const second = await run().toTypedArrayAsync();
      expect(Array.from(second)).toEqual(Array.from(first));
    }
  });
});
