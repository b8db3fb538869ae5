// The async variants of ops that read values on the host: allcloseAsync, oneHotAsync and
// x.indexAsync / setAsync / indexPutAsync_. On the CPU they give the sync op's result; on a device
// (test/helpers/fake-device.ts) they read what they need asynchronously, and the sync forms throw
// the sync-read error naming them.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DTypeError,
  ShapeError,
  TorchletError,
  ValueError,
  allclose,
  allcloseAsync,
  manualSeed,
  oneHot,
  oneHotAsync,
  randn,
  registerDevice,
  tensor,
  type Tensor,
} from '../src/index.js';
import { fakeDevice } from './helpers/fake-device.js';

beforeAll(() => registerDevice(fakeDevice()));

const dev = (t: Tensor): Tensor => t.to('webgpu');
const back = async (t: Tensor): Promise<unknown> => t.toArrayAsync();

describe('allcloseAsync', () => {
  const a = tensor([1, 2, Number.NaN, Number.NEGATIVE_INFINITY]);
  const near = tensor([1 + 1e-6, 2, Number.NaN, Number.NEGATIVE_INFINITY]);
  const far = tensor([1.5, 2, Number.NaN, Number.NEGATIVE_INFINITY]);
  const cases = [[near, {}], [near, { equalNan: true }], [far, { equalNan: true }], [far, { rtol: 0.5, equalNan: true }], [tensor([1], { dtype: 'float32' }), { atol: 10, equalNan: true }]] as const;

  it("resolves to allclose's value on the CPU and on a device", async () => {
    for (const [b, options] of cases) {
      const expected = allclose(a, b, options);
      expect(await allcloseAsync(a, b, options)).toBe(expected);
      expect(await allcloseAsync(dev(a), dev(b), options)).toBe(expected);
    }
    const i = tensor([1, 2, 3]);
    expect(await allcloseAsync(dev(i), dev(i.add(1)), { atol: 1 })).toBe(allclose(i, i.add(1), { atol: 1 }));
  });

  it("rejects with allclose's errors, naming the argument, the expected and the actual", async () => {
    await expect(allcloseAsync(a, tensor([1, 2, 3, 4]))).rejects.toThrow(DTypeError);
    await expect(allcloseAsync(a, tensor([1, 2, 3, 4]))).rejects.toThrow("allcloseAsync(): argument 'other' expected the dtype of input (float32), got dtype int64");
    await expect(allcloseAsync(dev(a), dev(tensor([1, 2, 3], { dtype: 'float32' })))).rejects.toThrow(ShapeError);
    await expect(allcloseAsync(a, a, { rtol: 'x' as unknown as number })).rejects.toThrow(/allcloseAsync\(\): argument 'rtol'/);
    await expect(allcloseAsync(a, a, { tol: 1 } as never)).rejects.toThrow(TorchletError);
  });

  it('sync allclose on a device throws the sync-read error naming allcloseAsync', () => {
    expect(() => allclose(dev(a), dev(a))).toThrow(/allclose\(\) needs the comparison as a JS boolean, a synchronous read of a tensor on 'webgpu'.*use await allcloseAsync\(a, b, options\)/);
  });
});

describe('oneHotAsync', () => {
  const x = tensor([[0, 3], [2, 1]]);

  it('gives oneHot on the CPU, and on a device infers numClasses from the largest class', async () => {
    expect((await oneHotAsync(x)).tolist()).toEqual(oneHot(x).tolist());
    expect((await oneHotAsync(x, 5)).tolist()).toEqual(oneHot(x, 5).tolist());
    const onDevice = await oneHotAsync(dev(x));
    expect(onDevice.device).toBe('webgpu');
    expect(await back(onDevice)).toEqual(oneHot(x).tolist());
    expect(await back(await oneHotAsync(dev(x), 5))).toEqual(oneHot(x, 5).tolist());
    expect(await back(oneHot(dev(x), 4))).toEqual(oneHot(x, 4).tolist());
    expect(await back(await oneHotAsync(dev(tensor(2)), 3))).toEqual([0, 0, 1]);
  });

  it("rejects with PyTorch's errors for bad classes, naming the argument, the expected and the actual", async () => {
    for (const t of [x, dev(x)]) {
      await expect(oneHotAsync(t.mul(-1))).rejects.toThrow("oneHotAsync(): argument 'input' expected non-negative class values (Class values must be non-negative.), got class value -3");
      await expect(oneHotAsync(t, 3)).rejects.toThrow(ValueError);
      await expect(oneHotAsync(t, 3)).rejects.toThrow(/expected class values smaller than numClasses \(3\) \(Class values must be smaller than num_classes\.\), got class value 3/);
      await expect(oneHotAsync(t.to('float32'))).rejects.toThrow(DTypeError);
      await expect(oneHotAsync(t, -2)).rejects.toThrow("oneHotAsync(): argument 'numClasses' expected a non-negative integer or -1 (infer from the data), got -2");
    }
    await expect(oneHotAsync(dev(tensor([], { dtype: 'int64' })))).rejects.toThrow(/Can not infer total number of classes from empty tensor/);
    expect(await back(await oneHotAsync(dev(tensor([], { dtype: 'int64' })), 2))).toEqual([]);
  });

  it('sync oneHot on a device without numClasses names oneHotAsync', () => {
    expect(() => oneHot(dev(x))).toThrow(/oneHot\(\) needs the largest class value to infer numClasses, .*'webgpu'.*use await oneHotAsync\(x\)/);
  });
});

describe('indexAsync, setAsync, indexPutAsync_', () => {
  manualSeed(7);
  const x = randn([3, 4]);
  const mask = x.gt(0);

  it("give the sync op's result on the CPU", async () => {
    expect((await x.indexAsync(mask)).tolist()).toEqual(x.index(mask).tolist());
    expect((await x.clone().setAsync([mask], 0)).tolist()).toEqual(x.clone().set([mask], 0).tolist());
    expect((await x.clone().indexPutAsync_([tensor([0, 0])], tensor(1, { dtype: 'float32' }), true)).tolist()).toEqual(
      x.clone().indexPut_([tensor([0, 0])], tensor(1, { dtype: 'float32' }), true).tolist(),
    );
  });

  it("read a device's masks and 0-d indices first, then index as the CPU does", async () => {
    const d = dev(x);
    expect(await back(await d.indexAsync(dev(mask)))).toEqual(x.index(mask).tolist());
    expect(await back(await d.indexAsync('...', dev(mask.index(1))))).toEqual(x.index('...', mask.index(1)).tolist());
    expect(await back(await d.indexAsync(dev(tensor(false))))).toEqual(x.index(false).tolist());
    // a 0-d integer index selects: a view of x, as in PyTorch
    const row = await d.indexAsync(dev(tensor(-1)), sl13());
    expect(row.storage).toBe(d.storage);
    expect(await back(row)).toEqual(x.index(-1, sl13()).tolist());
    const values = randn([mask.sum().item()]);
    const set = await dev(x).setAsync([dev(mask)], dev(values));
    expect(await back(set)).toEqual(x.clone().set([mask], values).tolist());
    const put = await dev(x).indexPutAsync_([dev(mask)], dev(values), true);
    expect(await back(put)).toEqual(x.clone().indexPut_([mask], values, true).tolist());
  });

  it("reject with the sync op's errors, and the sync ops on a device name them", async () => {
    await expect(dev(x).indexAsync(dev(tensor([true, false])))).rejects.toThrow(/The shape of the mask \[2\] at index 0 does not match the shape of the indexed tensor \[3, 4\]/);
    await expect(dev(x).setAsync('0' as never, 1)).rejects.toThrow("setAsync(): argument 'indices' expected an array of indices");
    expect(() => dev(x).index(dev(mask))).toThrow(/index\(\) needs the positions of a bool mask's true elements .*'webgpu'.*use await x\.indexAsync\(\.\.\.indices\)/);
    expect(() => dev(x).index(dev(tensor(true)))).toThrow(/use await x\.indexAsync/);
    expect(() => dev(x).index(dev(tensor(1)))).toThrow(/index\(\) needs the value of a 0-d integer index \(it selects a view\).*use await x\.indexAsync/);
    expect(() => dev(x).set([dev(tensor(1))], 0)).toThrow(/use await x\.setAsync/);
    expect(() => dev(x).indexPut_([dev(mask)], tensor([1], { dtype: 'float32' }))).toThrow(/use await x\.setAsync\(indices, value\) or await x\.indexPutAsync_/);
  });
});

function sl13(): string {
  return '1:3';
}
