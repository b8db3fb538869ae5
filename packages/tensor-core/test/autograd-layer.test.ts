// The seam autograd plugs into: without a layer, tensors cannot require grad (a clear error); with one,
// every method and exported op function runs the installed table, and the autograd members delegate.
import { describe, expect, it } from 'vitest';
import { Tensor, TorchletError, add, matmul, max, ones, reshape, tensor, zeros, type GradFn } from '../src/index.js';
import { coreOps, installAutogradLayer, type AutogradLayer, type OpTable } from '../src/internal.js';

describe('without an autograd layer', () => {
  it('tensors report no gradient state, and asking for one throws naming @torchlet/autograd', () => {
    const x = ones([2]);
    expect(x.requiresGrad).toBe(false);
    expect(x.grad).toBeNull();
    expect(x.gradFn).toBeNull();
    expect(x.isLeaf).toBe(true);
    expect(() => {
      x.requiresGrad = true;
    }).toThrow(/installAutograd\(\) from '@torchlet\/autograd'/);
    expect(() => zeros([2], { requiresGrad: true })).toThrow(TorchletError);
    expect(() => x.backward()).toThrow(/@torchlet\/autograd/);
    x.requiresGrad = false; // turning it off needs nothing
    expect(x.toString()).toBe('tensor([1., 1.])');
  });

  it('detach() shares storage with a new tensor object', () => {
    const x = tensor([1, 2, 3], { dtype: 'float64' });
    const d = x.detach();
    expect(d).not.toBe(x);
    expect(d.data).toBe(x.data);
    expect(d.shape).toEqual(x.shape);
  });
});

describe('with a layer installed', () => {
  it('methods and op functions run the installed table; the autograd members delegate to the layer', () => {
    const calls: string[] = [];
    // a layer whose table logs each op by name, then runs tensor-core's own
    const table = Object.fromEntries(
      Object.entries(coreOps).map(([name, fn]) => [
        name,
        (...args: unknown[]) => {
          calls.push(name);
          return (fn as (...a: unknown[]) => unknown)(...args);
        },
      ]),
    ) as unknown as OpTable;
    const flagged = new WeakSet<Tensor>();
    const node: GradFn = { name: 'TestBackward0', nextFunctions: [] };
    const layer: AutogradLayer = {
      ops: table,
      requiresGrad: (t) => flagged.has(t),
      setRequiresGrad: (t, flag) => void (flag ? flagged.add(t) : flagged.delete(t)),
      gradFn: (t) => (flagged.has(t) ? node : null),
      grad: () => null,
      setGrad: () => {},
      retainsGrad: () => false,
      retainGrad: () => {},
      registerHook: () => ({ remove() {} }),
      backward: (t) => void calls.push(`backward:${t.shape.join('x')}`),
      detach_: (t) => void flagged.delete(t),
      savedTensors: () => [],
      nameGradFn: () => {},
    };
    installAutogradLayer(layer);
    installAutogradLayer(layer); // idempotent

    const a = ones([2, 2]);
    const b = zeros([2, 2], { requiresGrad: true });
    expect(b.requiresGrad).toBe(true);
    expect(b.gradFn).toBe(node);
    expect(b.toString()).toBe('tensor([[0., 0.],\n        [0., 0.]], grad_fn=<TestBackward0>)');
    a.add(b);
    add(a, b);
    matmul(a, b);
    max(a, 1);
    reshape(a, 4);
    a.T.sum().backward();
    a.mul_(2);
    expect(calls).toEqual(['add', 'add', 'matmul', 'maxDim', 'reshape', 'permute', 'sum', 'backward:', 'mul_']);

    const other: AutogradLayer = { ...layer };
    expect(() => installAutogradLayer(other)).toThrow(/another copy of @torchlet\/autograd/);
  });
});
