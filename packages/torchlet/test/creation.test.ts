// torch's creation functions are tensor-core's, wrapped to install autograd first, so that asking for
// gradients works on the first line of a program, as in PyTorch. Each "first line" runs in a fresh
// program: the module graph loaded anew (vi.resetModules), where nothing has installed autograd yet.
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import * as corePkg from '@torchlet/tensor-core';
import { torch } from '../src/index.ts';

type Torch = typeof torch;
type Core = typeof corePkg;

/** A fresh program importing torchlet: its `torch`, tensor-core (unwrapped) and whether autograd is installed. */
async function freshProgram(): Promise<{ torch: Torch; core: Core; installed: () => boolean }> {
  vi.resetModules();
  const internal = await import('@torchlet/tensor-core/internal');
  const core = await import('@torchlet/tensor-core');
  const torchlet = await import('../src/index.ts');
  return { torch: torchlet.torch, core, installed: () => internal.autogradLayer() !== null };
}

/** Each creation function as the first line of a program, asking for gradients (floating dtypes only can). */
const FIRST_LINES: [string, (t: Torch, core: Core) => corePkg.Tensor][] = [
  ['tensor', (t) => t.tensor([1, 2], { dtype: t.float32, requiresGrad: true })],
  ['tensor (float data)', (t) => t.tensor([1.5, 2.5], { requiresGrad: true })],
  ['scalarTensor', (t) => t.scalarTensor(2, t.float64, { requiresGrad: true })],
  ['zeros', (t) => t.zeros([2, 3], { requiresGrad: true })],
  ['zeros then requiresGrad_()', (t) => t.zeros(3).requiresGrad_()],
  ['ones', (t) => t.ones([2], { requiresGrad: true, dtype: t.double })],
  ['full', (t) => t.full([2, 2], 1.5, { requiresGrad: true })],
  ['empty', (t) => t.empty([3], { requiresGrad: true })],
  ['arange', (t) => t.arange(0, 3, 1, { dtype: t.float32, requiresGrad: true })],
  ['linspace', (t) => t.linspace(0, 1, 5, { requiresGrad: true })],
  ['eye', (t) => t.eye(3, undefined, { requiresGrad: true })],
  ['zerosLike', (t, core) => t.zerosLike(core.ones([2, 2]), { requiresGrad: true })],
  ['onesLike', (t, core) => t.onesLike(core.ones([2, 2]), { requiresGrad: true })],
  ['fullLike', (t, core) => t.fullLike(core.ones([2]), 4, { requiresGrad: true })],
  ['emptyLike', (t, core) => t.emptyLike(core.ones([2]), { requiresGrad: true })],
  ['rand', (t) => t.rand([2, 3], { requiresGrad: true })],
  ['randn', (t) => t.randn([2, 3], { requiresGrad: true })],
  ['randint', (t) => t.randint(0, 5, [4], { dtype: t.float32, requiresGrad: true })],
  ['randperm', (t) => t.randperm(4, { dtype: t.float64, requiresGrad: true })],
  ['randLike', (t, core) => t.randLike(core.ones([3]), { requiresGrad: true })],
  ['randnLike', (t, core) => t.randnLike(core.ones([3]), { requiresGrad: true })],
];

describe('creation functions on the first line of a program', () => {
  it('importing torchlet installs nothing (no import side effects)', async () => {
    const { installed } = await freshProgram();
    expect(installed()).toBe(false);
  });

  it.each(FIRST_LINES)('%s: a leaf that requires grad, and backward reaches it', async (_name, firstLine) => {
    const { torch: t, core, installed } = await freshProgram();
    expect(installed()).toBe(false);
    const x = firstLine(t, core);
    expect(installed()).toBe(true);
    expect([x.requiresGrad, x.isLeaf, x.grad]).toEqual([true, true, null]);
    // d/dx sum(3 x) = 3 everywhere
    x.mul(3).sum().backward();
    expect(Array.from(x.grad?.toTypedArray() ?? [])).toEqual(new Array<number>(x.numel()).fill(3));
  });

  it('an int64 tensor still cannot require grad, with PyTorch’s reason (not a missing install)', async () => {
    const { torch: t } = await freshProgram();
    expect(() => t.tensor([1, 2], { requiresGrad: true })).toThrow(t.DTypeError);
    expect(() => t.tensor([1, 2], { requiresGrad: true })).toThrow(/only tensors of floating point dtype can require gradients/);
  });
});

describe('the wrapped creation functions are tensor-core’s', () => {
  it('with exactly tensor-core’s types', () => {
    expectTypeOf(torch.tensor).toEqualTypeOf<Core['tensor']>();
    expectTypeOf(torch.scalarTensor).toEqualTypeOf<Core['scalarTensor']>();
    expectTypeOf(torch.zeros).toEqualTypeOf<Core['zeros']>();
    expectTypeOf(torch.ones).toEqualTypeOf<Core['ones']>();
    expectTypeOf(torch.full).toEqualTypeOf<Core['full']>();
    expectTypeOf(torch.empty).toEqualTypeOf<Core['empty']>();
    expectTypeOf(torch.arange).toEqualTypeOf<Core['arange']>();
    expectTypeOf(torch.linspace).toEqualTypeOf<Core['linspace']>();
    expectTypeOf(torch.eye).toEqualTypeOf<Core['eye']>();
    expectTypeOf(torch.zerosLike).toEqualTypeOf<Core['zerosLike']>();
    expectTypeOf(torch.onesLike).toEqualTypeOf<Core['onesLike']>();
    expectTypeOf(torch.fullLike).toEqualTypeOf<Core['fullLike']>();
    expectTypeOf(torch.emptyLike).toEqualTypeOf<Core['emptyLike']>();
    expectTypeOf(torch.rand).toEqualTypeOf<Core['rand']>();
    expectTypeOf(torch.randn).toEqualTypeOf<Core['randn']>();
    expectTypeOf(torch.randint).toEqualTypeOf<Core['randint']>();
    expectTypeOf(torch.randperm).toEqualTypeOf<Core['randperm']>();
    expectTypeOf(torch.randLike).toEqualTypeOf<Core['randLike']>();
    expectTypeOf(torch.randnLike).toEqualTypeOf<Core['randnLike']>();
  });

  it('giving tensor-core’s results: the same draws from the same seed, the same dtypes and values', () => {
    torch.manualSeed(7);
    const mine = [torch.rand([5]), torch.randn([2, 3], { dtype: 'float64' }), torch.randint(0, 9, [6]), torch.randperm(7)];
    corePkg.manualSeed(7);
    const theirs = [corePkg.rand([5]), corePkg.randn([2, 3], { dtype: 'float64' }), corePkg.randint(0, 9, [6]), corePkg.randperm(7)];
    mine.forEach((m, i) => {
      expect(m.dtype).toBe(theirs[i].dtype);
      expect(m.shape).toEqual(theirs[i].shape);
      expect(Array.from(m.toTypedArray())).toEqual(Array.from(theirs[i].toTypedArray()));
    });
    expect(torch.tensor([1, 0, 2]).dtype).toBe('int64');
    expect(Array.from(torch.arange(4).toTypedArray())).toEqual([0, 1, 2, 3]);
    expect(torch.zeros(3)).toBeInstanceOf(torch.Tensor);
  });

  it('throwing tensor-core’s errors', () => {
    // PyTorch-style varargs from plain JS: the trailing 3 is not an options object
    const call = torch.randn as (...args: unknown[]) => unknown;
    expect(() => call(10, 3)).toThrow(torch.TorchletError);
    expect(() => call(10, 3)).toThrow(/shapes are arrays/);
  });
});
