// Device-side index errors: a kernel meeting an index out of range records it, and the next read
// back (of any tensor) rejects with an IndexError carrying PyTorch's message; the error is then
// cleared, so later work reads normally. Good indices never raise.
import { readFileSync } from 'node:fs';
import { it, expect } from 'vitest';
import { IndexError, ValueError, gather, indexSelect, manualSeed, oneHot, randn, scatter, scatterAdd, tensor, type Tensor } from '@torchlet/tensor-core';
import { embeddingBackward, embeddingForward } from '@torchlet/tensor-core/internal';
import { crossEntropy } from '@torchlet/losses';
import { syncWebGPU } from '../src/index.js';
import { check, describeGpu, expectClose } from './helpers/gpu.js';

interface ErrorCase {
  readonly id: string;
  readonly args: readonly { readonly tensor?: { readonly dtype: string; readonly shape: number[]; readonly data: number[] } }[];
  readonly kwargs: { readonly dim?: number };
  readonly error: string;
}

const fixture = JSON.parse(readFileSync(new URL('../../../conformance/fixtures/tensor-core/errors.json', import.meta.url), 'utf8')) as { cases: ErrorCase[] };

function fixtureCase(id: string): { tensors: Tensor[]; dim: number; message: string } {
  const c = fixture.cases.find((k) => k.id === id);
  if (c === undefined) throw new Error(`no fixture case ${id}`);
  const tensors = c.args.map((a) => {
    const t = a.tensor;
    if (t === undefined) throw new Error(`case ${id}: a non-tensor argument`);
    return tensor(t.data, { dtype: t.dtype as 'float32' | 'int64' }).reshape(t.shape);
  });
  // PyTorch's message without its exception class ("RuntimeError: ")
  return { tensors, dim: c.kwargs.dim ?? 0, message: c.error.replace(/^\w+: /, '') };
}

/** `read` rejects with an IndexError whose message holds `parts` and says where it was found. */
async function expectIndexError(read: Promise<unknown>, ...parts: string[]): Promise<void> {
  const error = await read.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IndexError);
  const message = (error as Error).message;
  for (const p of parts) expect(message).toContain(p);
  expect(message).toContain('on webgpu; detected when reading back');
}

const gpuAll = (ts: readonly Tensor[]): Tensor[] => ts.map((t) => t.to('webgpu'));

describeGpu('index errors on webgpu, reported at the next read', () => {
  it("gather, scatter and scatterAdd: PyTorch's message from the errors fixture", async () => {
    const ops = {
      'error/gather/index-out-of-range': (x: Tensor, dim: number, i: Tensor) => gather(x, dim, i),
      'error/scatter/index-out-of-range': (x: Tensor, dim: number, i: Tensor, s?: Tensor) => scatter(x, dim, i, s as Tensor),
      'error/scatterAdd/index-negative': (x: Tensor, dim: number, i: Tensor, s?: Tensor) => scatterAdd(x, dim, i, s as Tensor),
    };
    for (const [id, op] of Object.entries(ops)) {
      const { tensors, dim, message } = fixtureCase(id);
      // the CPU raises at the call
      expect(() => op(tensors[0], dim, tensors[1], tensors[2])).toThrow(IndexError);
      const [x, i, s] = gpuAll(tensors);
      const out = op(x, dim, i, s);
      const name = id.split('/')[1];
      await expectIndexError(out.toTypedArrayAsync(), message, `(${name} on webgpu`);
      // cleared: the same result reads now (the bad element skipped), and good work runs as before
      await out.toTypedArrayAsync();
    }
  });

  it("indexSelect: PyTorch's 'index out of range in self' with the value and the size", async () => {
    const { tensors, dim, message } = fixtureCase('error/indexSelect/out-of-range');
    expect(() => indexSelect(tensors[0], dim, tensors[1])).toThrow(IndexError);
    const [x, i] = gpuAll(tensors);
    await expectIndexError(indexSelect(x, dim, i).toTypedArrayAsync(), message, `index ${tensors[1].max().item()}`, `with size ${tensors[0].shape[dim]}`);
  });

  it("oneHot with numClasses: the kernel checks the classes, PyTorch's messages from the errors fixture", async () => {
    for (const [id, bad] of [['error/oneHot/negative', 'class value -1'], ['error/oneHot/too-small', 'class value 3']] as const) {
      const { tensors, message } = fixtureCase(id);
      // the CPU raises at the call, a ValueError naming the argument
      expect(() => oneHot(tensors[0], 3)).toThrow(ValueError);
      const out = oneHot(tensors[0].to('webgpu'), 3);
      const error = await out.toTypedArrayAsync().then(() => null, (e: unknown) => e);
      expect(error, id).toBeInstanceOf(ValueError);
      for (const part of [message, "oneHot(): argument 'input'", bad, '(oneHot on webgpu; detected when reading back)']) expect((error as Error).message).toContain(part);
    }
    // good classes: no error, the CPU's values
    await check((x) => oneHot(x, 4), [tensor([[0, 3], [2, 2]], { dtype: 'int64' })]);
    await check((x) => oneHot(x, 3), [tensor(2, { dtype: 'int64' })]);
    await check((x) => oneHot(x.t(), 5), [tensor([[4, 0, 1], [2, 2, 3]], { dtype: 'int64' })]);
  });

  it('the read of any later tensor rejects (as a device-side assert), then the error is cleared', async () => {
    manualSeed(1);
    const xc = randn([4, 3]);
    const x = xc.to('webgpu');
    const other = randn([5]);
    gather(x, 0, tensor([[0, 1, 7]], { dtype: 'int64' }).to('webgpu'));
    const y = other.to('webgpu').mul(2);
    await expectIndexError(y.toTypedArrayAsync(), 'index 7 is out of bounds for dimension 0 with size 4');
    await expectClose(y, other.mul(2));
    await expectClose(x.sum(), xc.sum());
  });

  it('the first error wins; a later bad index is not reported over it', async () => {
    const x = randn([2, 3]).to('webgpu');
    gather(x, 1, tensor([[-2], [0]], { dtype: 'int64' }).to('webgpu'));
    gather(x, 0, tensor([[9, 0, 0]], { dtype: 'int64' }).to('webgpu'));
    await expectIndexError(x.toTypedArrayAsync(), 'index -2 is out of bounds for dimension 1 with size 3');
    await x.toTypedArrayAsync();
  });

  it('syncWebGPU rejects too', async () => {
    const x = randn([3]).to('webgpu');
    indexSelect(x, 0, tensor([3], { dtype: 'int64' }).to('webgpu'));
    await expectIndexError(syncWebGPU(), 'index out of range in self', 'index 3 for dimension 0 with size 3');
    await syncWebGPU();
  });

  it('embedding and its backward', async () => {
    const w = randn([5, 2]).to('webgpu');
    await expectIndexError(embeddingForward(w, tensor([1, 5], { dtype: 'int64' }).to('webgpu')).toTypedArrayAsync(), 'index out of range in self: index 5, 5 rows', '(embedding on');
    const g = randn([2, 2]).to('webgpu');
    await expectIndexError(embeddingBackward(g, tensor([-1, 2], { dtype: 'int64' }).to('webgpu'), 5, null).toTypedArrayAsync(), 'index -1, 5 rows', '(embeddingBackward on');
  });

  it('cross entropy: a class index out of range (ignoreIndex is not one)', async () => {
    manualSeed(2);
    const x = randn([4, 3]).to('webgpu').requiresGrad_(true);
    const loss = crossEntropy(x, tensor([0, 3, -100, 1], { dtype: 'int64' }).to('webgpu'));
    await expectIndexError(loss.itemAsync(), 'Target 3 is out of bounds', 'class indices in [0, 2] or ignoreIndex -100, got 3 at flat position 1', '(crossEntropyForward on');
    loss.backward();
    await expectIndexError((x.grad as Tensor).toTypedArrayAsync(), 'Target 3 is out of bounds', '(crossEntropyBackward on');
  });

  it('good indices: no error, results as the CPU', async () => {
    manualSeed(3);
    const x = randn([4, 5]);
    const idx = tensor([[0, 4, 2, 1, 3], [3, 3, 0, 0, 1]], { dtype: 'int64' });
    const src = randn([2, 5]);
    await check((a, i) => gather(a, 1, i), [x, idx]);
    await check((a, i, s) => scatter(a, 0, i.narrow(1, 0, 4).clamp(0, 3), s), [x, idx, src]);
    await check((a, i, s) => scatterAdd(a, 1, i, s), [x, idx, src]);
    await check((a, i) => indexSelect(a, 0, i), [x, tensor([3, 0, 0], { dtype: 'int64' })]);
    await check((w, i) => embeddingForward(w, i), [x, tensor([3, 0, 0], { dtype: 'int64' })]);
    await check((t) => crossEntropy(t, tensor([4, -100, 0, 2], { dtype: 'int64' }).to(t.device)), [x]);
    await syncWebGPU();
  });
});
