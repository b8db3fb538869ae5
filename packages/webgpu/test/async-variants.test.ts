// The async variants of ops that read values on the host (allcloseAsync, oneHotAsync, indexAsync /
// setAsync / indexPutAsync_, clipGradNormAsync_, saveSafetensorsAsync) on 'webgpu': the CPU's results, PyTorch's errors,
// and the sync forms' errors naming them.
import { it, expect } from 'vitest';
import { TorchletError, ValueError, allclose, allcloseAsync, manualSeed, oneHot, oneHotAsync, randn, tensor, type Tensor } from '@torchlet/tensor-core';
import { Linear, Parameter, saveSafetensors, saveSafetensorsAsync, utils } from '@torchlet/nn-layers';
import { describeGpu, expectClose } from './helpers/gpu.js';

const gpu = (t: Tensor): Tensor => t.to('webgpu');

describeGpu('async variants on webgpu', () => {
  it('saveSafetensorsAsync: the bytes of the same tensors on the CPU; sync saveSafetensors names it', async () => {
    manualSeed(4);
    const model = new Linear(5, 3);
    const extra = { steps: tensor([7, -1], { dtype: 'int64' }), mask: tensor([true, false]), transposed: randn([2, 3]).t() };
    const onCpu = { ...model.stateDict(), ...extra };
    const onGpu = Object.fromEntries(Object.entries(onCpu).map(([k, t]) => [k, gpu(t)]));
    const options = { metadata: { format: 'pt' } };
    expect(Array.from(await saveSafetensorsAsync(onGpu, options))).toEqual(Array.from(saveSafetensors(onCpu, options)));
    expect(() => saveSafetensors(onGpu)).toThrow("saveSafetensors(): tensor 'weight' is on 'webgpu', whose memory cannot be read synchronously: use await saveSafetensorsAsync(tensors, options)");
    await expect(saveSafetensorsAsync(onGpu, { meta: {} } as never)).rejects.toThrow(/saveSafetensors\(\): unexpected option 'meta'/);
  });

  it('allcloseAsync: allclose on the device, one boolean read back; sync allclose names it', async () => {
    const a = tensor([1, 2, Number.NaN, Number.POSITIVE_INFINITY]);
    const near = tensor([1 + 1e-6, 2, Number.NaN, Number.POSITIVE_INFINITY]);
    const far = tensor([1.1, 2, Number.NaN, Number.POSITIVE_INFINITY]);
    for (const [b, options] of [[near, { equalNan: true }], [near, {}], [far, { equalNan: true }], [far, { rtol: 0.2, equalNan: true }], [tensor([1], { dtype: 'float32' }), { atol: 5, equalNan: true }]] as const) {
      expect(await allcloseAsync(gpu(a), gpu(b), options)).toBe(allclose(a, b, options));
    }
    expect(() => allclose(gpu(a), gpu(a))).toThrow(/allclose\(\) needs .*'webgpu'.*use await allcloseAsync/);
    await expect(allcloseAsync(gpu(a), gpu(tensor([1, 2, 3, 4])))).rejects.toThrow("allcloseAsync(): argument 'other' expected the dtype of input (float32), got dtype int64");
  });

  it('oneHotAsync: infers numClasses from the largest class, checks the classes; sync oneHot without numClasses names it', async () => {
    const x = tensor([[0, 3], [2, 1]], { dtype: 'int64' });
    await expectClose(await oneHotAsync(gpu(x)), oneHot(x));
    await expectClose(await oneHotAsync(gpu(x), 6), oneHot(x, 6));
    expect(() => oneHot(gpu(x))).toThrow(/oneHot\(\) needs the largest class value .*use await oneHotAsync\(x\)/);
    await expect(oneHotAsync(gpu(tensor([0, -2], { dtype: 'int64' })))).rejects.toThrow("oneHotAsync(): argument 'input' expected non-negative class values (Class values must be non-negative.), got class value -2");
    await expect(oneHotAsync(gpu(x), 3)).rejects.toThrow(ValueError);
    await expect(oneHotAsync(gpu(tensor([], { dtype: 'int64' })))).rejects.toThrow(/Can not infer total number of classes from empty tensor/);
  });

  it('indexAsync, setAsync, indexPutAsync_: device masks and 0-d indices read first, the CPU results', async () => {
    manualSeed(4);
    const x = randn([3, 4]);
    const mask = x.gt(0);
    await expectClose(await gpu(x).indexAsync(gpu(mask)), x.index(mask));
    await expectClose(await gpu(x).indexAsync(':', gpu(mask.index(0))), x.index(':', mask.index(0)));
    await expectClose(await gpu(x).indexAsync(gpu(tensor(true))), x.index(tensor(true)));
    // a 0-d integer index selects a view, as in PyTorch
    const d = gpu(x);
    const row = await d.indexAsync(gpu(tensor(2, { dtype: 'int64' })));
    expect(row.storage).toBe(d.storage);
    await expectClose(row, x.index(2));
    expect(() => gpu(x).index(gpu(mask))).toThrow(/index\(\) needs the positions of a bool mask's true elements .*use await x\.indexAsync/);
    expect(() => gpu(x).set([gpu(mask)], tensor(1))).toThrow(/use await x\.setAsync/);
    const values = randn([mask.sum().item()]);
    await expectClose(await gpu(x).setAsync([gpu(mask)], gpu(values)), x.clone().set([mask], values));
    await expectClose(await gpu(x).indexPutAsync_([gpu(mask)], gpu(values), true), x.clone().indexPut_([mask], values, true));
  });

  it('clipGradNormAsync_: errorIfNonfinite reads the norm; the sync form names it', async () => {
    const make = (g: Tensor): Parameter => {
      const p = new Parameter(gpu(g).mul(0));
      p.grad = gpu(g);
      return p;
    };
    const g = tensor([3, 4], { dtype: 'float32' });
    const p = make(g);
    const total = await utils.clipGradNormAsync_([p], 1, { errorIfNonfinite: true });
    await expectClose(total, tensor(5, { dtype: 'float32' }));
    await expectClose(p.grad as Tensor, g.mul(1 / (5 + 1e-6)));
    expect(() => utils.clipGradNorm_([make(g)], 1, { errorIfNonfinite: true })).toThrow(/clipGradNorm_\(\) needs the total norm .*use await utils\.clipGradNormAsync_/);
    const bad = make(tensor([1, Number.POSITIVE_INFINITY], { dtype: 'float32' }));
    await expect(utils.clipGradNormAsync_([bad], 1, { errorIfNonfinite: true })).rejects.toThrow(TorchletError);
    await expect(utils.clipGradNormAsync_([bad], 1, { errorIfNonfinite: true })).rejects.toThrow(/the total norm of order 2 for gradients from 'parameters' is non-finite \(Infinity\)/);
  });
});
