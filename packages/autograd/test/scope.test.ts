// Autograd inside scope(): what the graph and the leaves keep survives the scope; the rest is disposed.
import { afterEach, describe, expect, it } from 'vitest';
import { rand, scope, useBackend, wasmFeatures, type Tensor } from '@torchlet/tensor-core';

const backends = wasmFeatures() === 'none' ? (['cpu'] as const) : (['cpu', 'wasm'] as const);

afterEach(() => useBackend('auto'));

/** `t.grad`, which the test expects to be there. */
function gradOf(t: Tensor): Tensor {
  const g = t.grad;
  if (g === null) throw new Error('no grad');
  return g;
}

/** A leaf w [64, 32] and the loss sum(exp(x @ w) * 0.5) for x [128, 64]: large enough for scope storage. */
function problem(): { w: Tensor; x: Tensor; loss: (x: Tensor) => Tensor } {
  const w = rand([64, 32]).mul(0.1).requiresGrad_();
  const x = rand([128, 64]);
  return { w, x, loss: (xx) => xx.matmul(w).exp().mul(0.5).sum() };
}

describe.each(backends)('autograd in scope() (%s backend)', (backend) => {
  it('backward inside a scope leaves the same .grad as outside, and .grad survives the scope', () => {
    useBackend(backend);
    const { w, x, loss } = problem();
    loss(x).backward();
    const expected = Array.from(gradOf(w).toTypedArray());
    w.grad = null;
    scope(() => loss(x).backward());
    expect(w.grad).not.toBeNull();
    expect(gradOf(w).isDisposed).toBe(false);
    expect(Array.from(gradOf(w).toTypedArray())).toEqual(expected);
  });

  it('accumulates into .grad across scoped steps', () => {
    useBackend(backend);
    const { w, x, loss } = problem();
    loss(x).backward();
    loss(x).backward();
    const twice = Array.from(gradOf(w).toTypedArray());
    w.grad = null;
    for (let i = 0; i < 2; i++) scope(() => loss(x).backward());
    expect(Array.from(gradOf(w).toTypedArray())).toEqual(twice);
  });

  it('a returned loss keeps the tensors its backward needs', () => {
    useBackend(backend);
    const { w, x, loss } = problem();
    loss(x).backward();
    const expected = Array.from(gradOf(w).toTypedArray());
    w.grad = null;
    const l = scope(() => loss(x.clone()));
    // other scopes reuse whatever the first one freed
    for (let i = 0; i < 3; i++) scope(() => rand([128, 32]).exp());
    l.backward();
    expect(Array.from(gradOf(w).toTypedArray())).toEqual(expected);
  });

  it('a graph kept with retainGraph runs backward again after its scope', () => {
    useBackend(backend);
    const { w, x, loss } = problem();
    let root: Tensor | undefined;
    scope(() => {
      root = loss(x.clone());
      root.backward(undefined, { retainGraph: true });
    });
    const once = Array.from(gradOf(w).toTypedArray());
    w.grad = null;
    for (let i = 0; i < 3; i++) scope(() => rand([128, 32]).exp());
    (root as Tensor).backward();
    expect(Array.from(gradOf(w).toTypedArray())).toEqual(once);
  });

  it('an intermediate not returned is disposed with the scope', () => {
    useBackend(backend);
    const { w, x } = problem();
    let hidden: Tensor | undefined;
    scope(() => {
      hidden = x.matmul(w);
      return hidden.sum().detach();
    });
    expect(hidden?.isDisposed).toBe(true);
    expect(() => hidden?.exp()).toThrow(/disposed/);
  });
});
