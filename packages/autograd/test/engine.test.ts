// Engine behaviour: accumulation, retainGraph, hooks, retainGrad, noGrad, detach, grad(), errors.
import { describe, expect, it } from 'vitest';
import * as ag from './ag.js';
import { TorchletError, ShapeError, DTypeError } from '@torchlet/tensor-core';
import { expectClose, flat, leaf, rnd } from './helpers.js';

describe('backward and accumulation', () => {
  it('d sum(a*b) = (b, a)', () => {
    const a = rnd([2, 3]);
    const b = rnd([2, 3], { seed: 2 });
    a.mul(b).sum().backward();
    expectClose(flat(a.grad!), flat(b));
    expectClose(flat(b.grad!), flat(a));
  });

  it('accumulates into leaves across backward calls', () => {
    const x = rnd([4]);
    x.mul(x).sum().backward();
    x.mul(3).sum().backward();
    // 2x + 3
    expectClose(flat(x.grad!), flat(x).map((v) => 2 * v + 3));
  });

  it('a gradient shared by two leaves is stored as two independent tensors', () => {
    const a = rnd([3]);
    const b = rnd([3], { seed: 3 });
    a.add(b).sum().backward();
    a.grad!.mul_(5);
    expectClose(flat(b.grad!), [1, 1, 1]);
    expectClose(flat(a.grad!), [5, 5, 5]);
  });

  it('a broadcast gradient is summed back to the input shape', () => {
    const a = rnd([2, 1, 3]);
    const b = rnd([4, 1], { seed: 4 });
    a.mul(b).sum().backward();
    expect(a.grad!.shape).toEqual([2, 1, 3]);
    expect(b.grad!.shape).toEqual([4, 1]);
    const sb = flat(b).reduce((s, v) => s + v, 0);
    expectClose(flat(a.grad!), flat(a).map(() => sb));
    const sa = flat(a).reduce((s, v) => s + v, 0);
    expectClose(flat(b.grad!), flat(b).map(() => sa));
  });

  it('backward with an explicit gradient (vector-Jacobian product)', () => {
    const x = rnd([3]);
    const v = leaf([1, -2, 0.5], undefined, false);
    x.exp().backward(v);
    expectClose(flat(x.grad!), flat(x).map((xi, i) => Math.exp(xi) * [1, -2, 0.5][i]));
  });

  it('gradients of float32 leaves through a float64 computation come back as float32', () => {
    const x = rnd([3], { dtype: 'float32' });
    x.double().mul(2).sum().backward();
    expect(x.grad!.dtype).toBe('float32');
    expectClose(flat(x.grad!), [2, 2, 2]);
  });

  it('implicit gradient only for one-element outputs', () => {
    const x = rnd([3]);
    expect(() => x.mul(2).backward()).toThrow(/grad can be implicitly created only for scalar outputs/);
    expect(() => x.mul(2).backward()).toThrow(TorchletError);
  });

  it('rejects a gradient of the wrong shape', () => {
    const x = rnd([3]);
    expect(() => x.mul(2).backward(ag.ones([2], { dtype: 'float64' }))).toThrow(ShapeError);
  });

  it('rejects backward on a tensor that does not require grad', () => {
    const x = rnd([3], { requiresGrad: false });
    expect(() => x.sum().backward()).toThrow(/does not require grad and does not have a grad_fn/);
  });
});

describe('retainGraph', () => {
  it('a second backward through freed saved tensors throws', () => {
    const x = rnd([3]);
    const y = x.exp().sum();
    y.backward();
    expect(() => y.backward()).toThrow(/Trying to backward through the graph a second time/);
  });

  it('retainGraph allows a second backward, which accumulates', () => {
    const x = rnd([3]);
    const y = x.exp().sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expectClose(flat(x.grad!), flat(x).map((v) => 2 * Math.exp(v)));
  });

  it('the options may come alone: backward({ retainGraph: true }), as PyTorch keyword arguments', () => {
    const x = rnd([3]);
    const y = x.exp().sum();
    y.backward({ retainGraph: true });
    y.backward(null, {});
    expectClose(flat(x.grad!), flat(x).map((v) => 2 * Math.exp(v)));
  });

  it('a gradient that is not a tensor, or an unknown option, is refused with the argument named', () => {
    const x = rnd([3]);
    const y = x.exp().sum();
    expect(() => y.backward(2 as never)).toThrow("backward(): argument 'gradient' expected a Tensor, or the options alone (backward({ retainGraph: true })), got number 2");
    expect(() => y.backward([x] as never)).toThrow("argument 'gradient' expected a Tensor");
    expect(() => y.backward({ retain_graph: true } as never)).toThrow("backward(): unexpected option 'retain_graph' (did you mean 'retainGraph'?");
    expect(() => y.backward(undefined, 'retain' as never)).toThrow("backward(): argument 'options' expected an options object");
    expect(() => ag.backward([y], [2 as never])).toThrow("backward(): argument 'gradient' (of output 0) expected a Tensor, got number 2");
    expect(x.grad).toBeNull();
  });

  it('a graph with no saved tensors can be run twice (as in PyTorch)', () => {
    const x = rnd([3]);
    const y = x.add(x).sum();
    y.backward();
    y.backward();
    expectClose(flat(x.grad!), [4, 4, 4]);
  });

  it('x * 2 saves the scalar operand: second backward throws like PyTorch', () => {
    const x = rnd([2]);
    const y = x.mul(2).sum();
    y.backward();
    expect(() => y.backward()).toThrow(/second time/);
  });
});

describe('hooks', () => {
  it('a leaf hook sees the gradient before accumulation and can replace it', () => {
    const x = rnd([3]);
    const seen: number[][] = [];
    x.registerHook((g) => {
      seen.push(flat(g));
      return g.mul(10);
    });
    x.mul(x).sum().backward();
    expectClose(seen[0], flat(x).map((v) => 2 * v));
    expectClose(flat(x.grad!), flat(x).map((v) => 20 * v));
  });

  it('a non-leaf hook changes what flows to the inputs; remove() unregisters it', () => {
    const x = rnd([3]);
    const y = x.mul(3);
    const h = y.registerHook((g) => g.mul(2));
    y.sum().backward();
    expectClose(flat(x.grad!), [6, 6, 6]);
    h.remove();
    x.grad = null;
    x.mul(3).sum().backward();
    expectClose(flat(x.grad!), [3, 3, 3]);
  });

  it('hooks run in registration order, each on the previous result', () => {
    const x = rnd([2]);
    const order: string[] = [];
    x.registerHook((g) => {
      order.push('a');
      return g.add(1);
    });
    x.registerHook((g) => {
      order.push('b');
      return g.mul(3);
    });
    x.sum().backward();
    expect(order).toEqual(['a', 'b']);
    expectClose(flat(x.grad!), [6, 6]);
  });

  it('a hook on a tensor that does not require grad throws', () => {
    expect(() => rnd([2], { requiresGrad: false }).registerHook(() => undefined)).toThrow(TorchletError);
  });
});

describe('retainGrad', () => {
  it('keeps the gradient of a non-leaf and accumulates it', () => {
    const x = rnd([3]);
    const y = x.mul(x);
    y.retainGrad();
    expect(y.retainsGrad).toBe(true);
    const z = y.mul(4).sum();
    z.backward(undefined, { retainGraph: true });
    expectClose(flat(y.grad!), [4, 4, 4]);
    z.backward();
    expectClose(flat(y.grad!), [8, 8, 8]);
  });

  it('non-leaves have no grad without retainGrad', () => {
    const x = rnd([3]);
    const y = x.mul(2);
    y.sum().backward();
    expect(y.grad).toBeNull();
    expect(x.grad).not.toBeNull();
  });

  it('retainGrad registered before a hook sees the unhooked gradient (PyTorch 1.13 order)', () => {
    const x = rnd([2]);
    const y = x.mul(3);
    y.retainGrad();
    y.registerHook((g) => g.mul(10));
    y.sum().backward();
    expectClose(flat(y.grad!), [1, 1]);
    expectClose(flat(x.grad!), [30, 30]);
  });
});

describe('grad mode', () => {
  it('noGrad records nothing and restores the mode', () => {
    const x = rnd([3]);
    const y = ag.noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(ag.isGradEnabled()).toBe(true);
    expect(() => ag.noGrad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(ag.isGradEnabled()).toBe(true);
  });

  it('enableGrad inside noGrad records again', () => {
    const x = rnd([3]);
    const y = ag.noGrad(() => ag.enableGrad(() => x.mul(2)));
    expect(y.requiresGrad).toBe(true);
  });

  it('setGradEnabled returns the previous flag', () => {
    expect(ag.setGradEnabled(false)).toBe(true);
    expect(rnd([2]).exp().requiresGrad).toBe(false);
    expect(ag.setGradEnabled(true)).toBe(false);
  });

  it('ops on tensors that do not require grad record nothing', () => {
    const x = rnd([3], { requiresGrad: false });
    const y = x.exp().mul(x);
    expect(y.requiresGrad).toBe(false);
    expect(y.isLeaf).toBe(true);
  });
});

describe('detach, requiresGrad, leaves', () => {
  it('detach shares storage and cuts the graph', () => {
    const x = rnd([3]);
    const d = x.mul(2).detach();
    expect(d.requiresGrad).toBe(false);
    const y = x.mul(d).sum();
    y.backward();
    expectClose(flat(x.grad!), flat(d));
    const e = x.detach();
    ag.noGrad(() => e.add_(1));
    expectClose(flat(x), flat(e));
  });

  it('requiresGrad on a non-leaf cannot be changed', () => {
    const y = rnd([2]).mul(2);
    expect(() => {
      y.requiresGrad = false;
    }).toThrow(/only change requiresGrad flags of leaf variables/);
  });

  it('integer tensors cannot require grad', () => {
    expect(() => ag.tensor([1, 2], { requiresGrad: true })).toThrow(DTypeError);
  });

  it('requiresGrad_ and isLeaf', () => {
    const x = ag.zeros([2], { dtype: 'float64' }).requiresGrad_();
    expect(x.requiresGrad).toBe(true);
    expect(x.isLeaf).toBe(true);
    expect(x.mul(2).isLeaf).toBe(false);
  });

  it('comparisons and argmax never require grad', () => {
    const x = rnd([4]);
    expect(x.gt(0).requiresGrad).toBe(false);
    expect(x.argmax().requiresGrad).toBe(false);
    expect(x.max(0).indices.requiresGrad).toBe(false);
    expect(x.long().requiresGrad).toBe(false);
  });

  it('grad assignment checks shape', () => {
    const x = rnd([3]);
    expect(() => {
      x.grad = ag.zeros([2], { dtype: 'float64' });
    }).toThrow(/different size/);
    x.grad = ag.zeros([3], { dtype: 'float64' });
    x.sum().backward();
    expectClose(flat(x.grad!), [1, 1, 1]);
  });
});

describe('detach_', () => {
  it('makes a non-leaf a leaf that does not require grad, and refuses views (PyTorch\'s detach_)', () => {
    const x = rnd([3]);
    const y = x.mul(2);
    y.detach_();
    expect(y.gradFn).toBeNull();
    expect(y.requiresGrad).toBe(false);
    expect(y.isLeaf).toBe(true);
    expect(() => y.sum().backward()).toThrow(/does not require grad/);
    expect(() => x.mul(2).narrow(0, 0, 2).detach_()).toThrow(/Can't detach views in-place/);
    const leaf = rnd([2]);
    leaf.detach_();
    expect(leaf.requiresGrad).toBe(false);
  });
});

describe('in-place ops', () => {
  it('on a leaf that requires grad throw outside noGrad', () => {
    const x = rnd([3]);
    expect(() => x.add_(1)).toThrow(/a leaf Variable that requires grad is being used in an in-place operation/);
    expect(() => x.zero_()).toThrow(TorchletError);
  });

  it('on a view of a leaf that requires grad throw outside noGrad (views of non-leaves: view-inplace.test.ts)', () => {
    const x = rnd([2, 3]);
    expect(() => x.t().mul_(2)).toThrow(/a view of a leaf Variable that requires grad is being used in an in-place operation/);
    expect(() => x.select(0, 1).fill_(0)).toThrow(TorchletError);
  });

  it('on a non-leaf are recorded: the history moves to the new node', () => {
    const x = rnd([3]);
    const y = x.mul(2);
    const storage = y.data;
    const r = y.mul_(3);
    expect(r).toBe(y);
    expect(y.data).toBe(storage);
    expect(y.gradFn!.name).toBe('MulBackward0');
    y.sum().backward();
    expectClose(flat(x.grad!), [6, 6, 6]);
  });

  it('old values saved by the in-place node are a snapshot', () => {
    const x = rnd([3]);
    const y = x.mul(1);
    y.mul_(y.detach().add(1)); // y <- y * (y + 1) with the second factor constant
    y.exp_();
    y.sum().backward();
    // d/dx exp(x (x + 1)) with (x + 1) constant = exp(x (x + 1)) (x + 1)
    expectClose(flat(x.grad!), flat(x).map((v) => Math.exp(v * (v + 1)) * (v + 1)));
  });

  it('changing an in-place result that an earlier in-place op saved is still correct (PyTorch raises)', () => {
    const x = rnd([3]);
    const y = x.clone();
    y.exp_();
    y.add_(1);
    y.mul(y).sum().backward();
    // d/dx (e^x + 1)^2 = 2 (e^x + 1) e^x
    expectClose(flat(x.grad!), flat(x).map((v) => 2 * (Math.exp(v) + 1) * Math.exp(v)));
  });

  it('an operand that requires grad makes the target a non-leaf', () => {
    const x = rnd([3]);
    const z = ag.zeros([3], { dtype: 'float64' });
    z.add_(x, { alpha: 2 });
    expect(z.requiresGrad).toBe(true);
    expect(z.isLeaf).toBe(false);
    z.sum().backward();
    expectClose(flat(x.grad!), [2, 2, 2]);
  });

  it('fill_ / copy_ on a recorded tensor: zero gradient to the old values, src gets g', () => {
    const x = rnd([2, 3]);
    const s = rnd([3], { seed: 4 });
    const y = x.mul(1);
    y.copy_(s);
    y.mul(2).sum().backward();
    expectClose(flat(x.grad!), [0, 0, 0, 0, 0, 0]);
    expectClose(flat(s.grad!), [4, 4, 4]);
    const w = x.mul(1).fill_(3);
    expectClose(flat(w), [3, 3, 3, 3, 3, 3]);
    expect(w.gradFn!.name).toBe('FillBackward0');
  });

  it('an in-place result that would need broadcasting the target throws', () => {
    const y = rnd([3]).mul(1);
    expect(() => y.add_(rnd([2, 3], { seed: 5 }))).toThrow();
  });

  it('are allowed inside noGrad (an optimizer step) and mutate value in place', () => {
    const p = rnd([3]);
    const before = flat(p);
    const storage = p.data;
    const r = ag.noGrad(() => p.sub_(ag.ones([3], { dtype: 'float64' }), { alpha: 0.5 }));
    expect(r).toBe(p);
    expect(p.data).toBe(storage);
    expectClose(flat(p), before.map((v) => v - 0.5));
    expect(p.requiresGrad).toBe(true);
  });

  it('are allowed when nothing requires grad', () => {
    const x = rnd([3], { requiresGrad: false });
    x.mul_(2).add_(1).clamp_(0, 1);
    expect(flat(x).every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});

describe('grad()', () => {
  it('returns gradients without touching .grad', () => {
    const x = rnd([3]);
    const y = rnd([3], { seed: 9 });
    const [gx, gy] = ag.grad(x.mul(y).sum(), [x, y]);
    expectClose(flat(gx), flat(y));
    expectClose(flat(gy), flat(x));
    expect(x.grad).toBeNull();
    expect(y.grad).toBeNull();
  });

  it('gradOutputs weight each output', () => {
    const x = rnd([3]);
    const v = leaf([2, -1, 0.5], undefined, false);
    const [gx] = ag.grad(x.mul(x), x, { gradOutputs: v });
    expectClose(flat(gx), flat(x).map((xi, i) => 2 * xi * [2, -1, 0.5][i]));
  });

  it('several outputs sum their vector-Jacobian products', () => {
    const x = rnd([2]);
    const [gx] = ag.grad([x.mul(2).sum(), x.mul(x).sum()], [x]);
    expectClose(flat(gx), flat(x).map((v) => 2 + 2 * v));
  });

  it('w.r.t. a non-leaf', () => {
    const x = rnd([3]);
    const h = x.exp();
    const [gh] = ag.grad(h.mul(h).sum(), h);
    expectClose(flat(gh), flat(x).map((v) => 2 * Math.exp(v)));
  });

  it('unused inputs throw unless allowUnused', () => {
    const x = rnd([2]);
    const z = rnd([2], { seed: 4 });
    expect(() => ag.grad(x.sum(), [x, z])).toThrow(/appears to not have been used in the graph/);
    const [gx, gz] = ag.grad(x.mul(3).sum(), [x, z], { allowUnused: true });
    expectClose(flat(gx!), [3, 3]);
    expect(gz).toBeNull();
  });

  it('inputs that do not require grad throw', () => {
    const x = rnd([2]);
    expect(() => ag.grad(x.sum(), rnd([2], { requiresGrad: false }))).toThrow(/does not require grad/);
  });

  it('leaf hooks are not applied to captured gradients (PyTorch 1.13)', () => {
    const x = rnd([2]);
    x.registerHook((g) => g.mul(100));
    const [gx] = ag.grad(x.mul(x).sum(), x);
    expectClose(flat(gx), flat(x).map((v) => 2 * v));
  });
});

describe('graph introspection', () => {
  it('gradFn names and nextFunctions follow PyTorch', () => {
    const a = rnd([2, 2]);
    const b = rnd([2, 2], { seed: 2 });
    const y = a.mul(b);
    expect(y.gradFn!.name).toBe('MulBackward0');
    const next = y.gradFn!.nextFunctions;
    expect(next.map((n) => n?.name)).toEqual(['AccumulateGrad', 'AccumulateGrad']);
    expect(a.add(b).gradFn!.name).toBe('AddBackward0');
    expect(a.sum().gradFn!.name).toBe('SumBackward0');
    expect(a.sum(0).gradFn!.name).toBe('SumBackward1');
    expect(a.mm(b).gradFn!.name).toBe('MmBackward0');
    expect(a.max().gradFn!.name).toBe('MaxBackward1');
    expect(a.max(0).values.gradFn!.name).toBe('MaxBackward0');
    expect(a.logSoftmax(1).gradFn!.name).toBe('LogSoftmaxBackward0');
    expect(a.t().gradFn!.name).toBe('TBackward0');
    expect(a.clamp(0, 1).gradFn!.name).toBe('ClampBackward1');
    expect(a.contiguous()).toBe(a);
    expect(a.to('float64')).toBe(a);
    expect(a.float().gradFn!.name).toBe('ToCopyBackward0');
    expect(a.split(1)[0].gradFn!.name).toBe('SplitBackward0');
    expect(a.unbind()[1].gradFn!.name).toBe('UnbindBackward0');
    expect(a.narrow(0, 0, 1).gradFn!.name).toBe('SliceBackward0');
    expect(a.select(0, 1).gradFn!.name).toBe('SelectBackward0');
    const c = rnd([2], { requiresGrad: false });
    expect(a.select(0, 0).mul(c).gradFn!.nextFunctions[1]).toBeNull();
  });

  it('toString appends requires_grad or grad_fn like PyTorch', () => {
    const x = rnd([2]);
    expect(x.toString()).toMatch(/requires_grad=True\)$/);
    expect(x.mul(2).toString()).toMatch(/grad_fn=<MulBackward0>\)$/);
    expect(x.detach().toString()).not.toMatch(/requires_grad|grad_fn/);
  });
});

describe('max()/min() over all elements split the gradient among ties (PyTorch 1.13)', () => {
  it('max', () => {
    const x = leaf([1, 3, 3, 2]);
    x.max().backward();
    expectClose(flat(x.grad!), [0, 0.5, 0.5, 0]);
  });
  it('max(dim) sends it to the selected index only', () => {
    const x = leaf([1, 3, 3, 2]);
    const r = x.max(0);
    r.values.backward();
    const i = r.indices.item();
    expectClose(flat(x.grad!), [0, 1, 2, 3].map((k) => (k === i ? 1 : 0)));
  });
  it('maximum splits ties in half', () => {
    const a = leaf([1, 2, 3]);
    const b = leaf([1, 5, 0]);
    a.maximum(b).sum().backward();
    expectClose(flat(a.grad!), [0.5, 0, 1]);
    expectClose(flat(b.grad!), [0.5, 1, 0]);
  });
});
