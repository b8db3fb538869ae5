// Module bookkeeping: registration, dotted names, traversal, modes, zeroGrad, apply, dtype
// conversion, state dicts and their errors, containers.
import { describe, expect, it } from 'vitest';
import { noGrad } from '@torchlet/autograd';
import { Tensor, ones, scalarTensor, tensor, zeros, TorchletError } from '@torchlet/tensor-core';
import {
  BatchNorm1d,
  Dropout,
  Linear,
  Module,
  ModuleDict,
  ModuleList,
  Parameter,
  ReLU,
  Sequential,
  StateDictError,
} from '../src/index.js';

class Net extends Module {
  constructor() {
    super();
    this.registerParameter('scale', new Parameter(ones([2])));
    this.registerBuffer('steps', scalarTensor(0, 'int64'));
    this.registerBuffer('cache', zeros([2]), false);
    this.registerModule('body', new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 2)));
  }
  forward(x: Tensor): Tensor {
    return (this.getSubmodule('body') as Sequential).forward(x).mul(this.getParameter('scale') as Parameter);
  }
}

describe('Parameter', () => {
  it('is a leaf Tensor sharing the given storage; op results and detach() are plain Tensors', () => {
    const data = ones([2]);
    const p = new Parameter(data);
    expect(p).toBeInstanceOf(Tensor);
    expect(p.data).toBe(data.data);
    expect([p.requiresGrad, p.isLeaf, p.grad, data.requiresGrad]).toEqual([true, true, null, false]);
    const y = p.mul(3);
    expect(y).not.toBeInstanceOf(Parameter);
    expect(y.gradFn?.name).toBe('MulBackward0');
    expect(p.detach()).not.toBeInstanceOf(Parameter);
    y.sum().backward();
    expect(Array.from(p.grad?.toTypedArray() ?? [])).toEqual([3, 3]); // d(sum(3p))/dp = 3
    expect(new Parameter(zeros([1]), false).requiresGrad).toBe(false);
  });

  it('can be updated in place only without recording (PyTorch rule for leaves that require grad)', () => {
    const p = new Parameter(ones([2]));
    expect(() => p.mul_(2)).toThrow(/leaf Variable that requires grad/);
    noGrad(() => p.mul_(2));
    expect(Array.from(p.toTypedArray())).toEqual([2, 2]);
    expect(p.isLeaf).toBe(true);
  });
});

describe('Module registration', () => {
  it('names parameters and buffers with dots, own entries first', () => {
    const net = new Net();
    expect([...net.namedParameters()].map(([n]) => n)).toEqual(['scale', 'body.0.weight', 'body.0.bias', 'body.2.weight', 'body.2.bias']);
    expect([...net.namedBuffers()].map(([n]) => n)).toEqual(['steps', 'cache']);
    expect(Object.keys(net.stateDict())).toEqual(['scale', 'steps', 'body.0.weight', 'body.0.bias', 'body.2.weight', 'body.2.bias']);
    expect([...net.namedModules()].map(([n]) => n)).toEqual(['', 'body', 'body.0', 'body.1', 'body.2']);
    expect([...net.children()].length).toBe(1);
    expect([...net.parameters()].every((p) => p instanceof Parameter && p.requiresGrad)).toBe(true);
  });

  it('rejects bad names, duplicates across kinds and non-Parameters', () => {
    const m = new Net();
    expect(() => m.registerParameter('a.b', null)).toThrow(/can't contain "."/);
    expect(() => m.registerParameter('', null)).toThrow(/empty/);
    expect(() => m.registerBuffer('scale', zeros([1]))).toThrow(/attribute 'scale' already exists/);
    expect(() => m.registerParameter('x', zeros([1]) as Parameter)).toThrow(/Parameter or null required/);
    expect(() => m.getParameter('nope')).toThrow(TorchletError);
  });

  it('keeps a buffer as given, detached when it requires grad', () => {
    const m = new Net();
    const plain = zeros([2]);
    m.registerBuffer('plain', plain);
    expect(m.getBuffer('plain')).toBe(plain);
    const learned = ones([2], { requiresGrad: true });
    m.registerBuffer('learned', learned);
    expect(m.getBuffer('learned')?.requiresGrad).toBe(false);
    expect(m.getBuffer('learned')?.data).toBe(learned.data);
  });

  it('lists a shared parameter once', () => {
    const shared = new Linear(2, 2);
    const seq = new Sequential(shared, shared);
    expect([...seq.parameters()].length).toBe(2);
    expect([...seq.namedParameters()].map(([n]) => n)).toEqual(['0.weight', '0.bias']);
  });

  it('train() and eval() reach every descendant', () => {
    const net = new Net();
    net.eval();
    expect([...net.modules()].every((m) => !m.training)).toBe(true);
    net.train();
    expect([...net.modules()].every((m) => m.training)).toBe(true);
  });

  it('zeroGrad clears gradients (2.x default) or zeroes them in place', () => {
    const lin = new Linear(2, 1);
    lin.forward(ones([3, 2])).sum().backward();
    expect(lin.weight.grad).not.toBeNull();
    lin.zeroGrad({ setToNone: false });
    expect(Array.from(lin.weight.grad?.toTypedArray() ?? [1])).toEqual([0, 0]);
    lin.zeroGrad();
    expect(lin.weight.grad).toBeNull();
  });

  it('zeroGrad({ setToNone: false }) detaches a gradient that has history (createGraph) before zeroing it', () => {
    const lin = new Linear(2, 1, { bias: false });
    lin.forward(ones([1, 2])).pow(2).sum().backward(undefined, { createGraph: true });
    expect(lin.weight.grad?.gradFn).not.toBeNull();
    lin.zeroGrad({ setToNone: false });
    expect(lin.weight.grad?.gradFn).toBeNull();
    expect(lin.weight.grad?.requiresGrad).toBe(false);
    expect(Array.from(lin.weight.grad?.toTypedArray() ?? [1])).toEqual([0, 0]);
  });

  it('apply visits children before their parent', () => {
    const order: string[] = [];
    new Net().apply((m) => order.push(m.typeName));
    expect(order).toEqual(['Linear', 'ReLU', 'Linear', 'Sequential', 'Net']);
  });

  it('to(dtype) converts floating parameters and buffers and keeps integer buffers', () => {
    const bn = new BatchNorm1d(3).double();
    expect(bn.weight?.dtype).toBe('float64');
    expect(bn.runningMean?.dtype).toBe('float64');
    expect(bn.numBatchesTracked?.dtype).toBe('int64');
    expect(bn.weight?.requiresGrad).toBe(true);
    expect(bn.float().runningVar?.dtype).toBe('float32');
    expect(() => bn.to('int64')).toThrow(/floating point/);
  });

  it("to(device): 'cpu' keeps every parameter; an unknown device is refused by name, an uninitialised one clearly", () => {
    const lin = new Linear(2, 3);
    const weight = lin.weight;
    expect(lin.to('cpu')).toBe(lin);
    expect(lin.weight).toBe(weight);
    expect(lin.weight.device).toBe('cpu');
    expect(lin.to({ device: 'cpu', dtype: 'float64' }).weight.dtype).toBe('float64');
    expect(() => lin.to({ device: 'cuda' as 'cpu' })).toThrow(/argument 'device' expected a device \('cpu', 'webgpu'\), got 'cuda'/);
    expect(() => lin.to('webgpu')).toThrow(/device 'webgpu' is not available: initialise it first/);
  });
});

describe('state dicts', () => {
  it('round-trips between modules and shares storage', () => {
    const a = new Net();
    const b = new Net();
    b.loadStateDict(a.stateDict());
    expect(Array.from(b.stateDict()['body.0.weight'].toTypedArray())).toEqual(Array.from(a.stateDict()['body.0.weight'].toTypedArray()));
    // an entry is the parameter's own storage and view, detached from the graph
    const scale = a.getParameter('scale') as Parameter;
    const entry = a.stateDict().scale;
    expect(entry.data).toBe(scale.data);
    expect([entry.shape, entry.strides, entry.offset]).toEqual([scale.shape, scale.strides, scale.offset]);
    expect(entry.requiresGrad).toBe(false);
  });

  it('reports missing, unexpected and mis-shaped keys with PyTorch wording and copies nothing', () => {
    const lin = new Linear(3, 2);
    const before = Array.from(lin.bias?.toTypedArray() ?? []);
    const bad = { weight: zeros([2, 4]), 'extra.key': zeros([1]) };
    expect(() => lin.loadStateDict(bad)).toThrow(StateDictError);
    try {
      lin.loadStateDict(bad);
    } catch (e) {
      const lines = (e as Error).message.split('\n\t');
      expect(lines[0]).toBe('Error(s) in loading state_dict for Linear:');
      expect(lines[1]).toBe('Missing key(s) in state_dict: "bias". ');
      expect(lines[2]).toBe('Unexpected key(s) in state_dict: "extra.key". ');
      expect(lines[3]).toBe('size mismatch for weight: copying a param with shape [2, 4] from checkpoint, the shape in current model is [2, 3].');
    }
    expect(Array.from(lin.bias?.toTypedArray() ?? [])).toEqual(before);
  });

  it('non-strict loading returns the key lists but still rejects shape mismatches', () => {
    const lin = new Linear(3, 2);
    const r = lin.loadStateDict({ weight: ones([2, 3]), junk: zeros([1]) }, { strict: false });
    expect(r).toEqual({ missingKeys: ['bias'], unexpectedKeys: ['junk'] });
    expect(Array.from(lin.weight.toTypedArray())).toEqual([1, 1, 1, 1, 1, 1]);
    expect(() => lin.loadStateDict({ weight: ones([3, 3]) }, { strict: false })).toThrow(/size mismatch/);
  });

  it('leaves non-persistent buffers out and converts dtypes on load', () => {
    const net = new Net();
    expect('cache' in net.stateDict()).toBe(false);
    const lin = new Linear(1, 1);
    lin.loadStateDict({ weight: tensor([[2]], { dtype: 'float64' }), bias: tensor([3], { dtype: 'float64' }) });
    expect(lin.weight.dtype).toBe('float32');
    expect(lin.weight.item()).toBe(2);
  });

  it('a state dict that is not an object throws a TorchletError (PyTorch: "Expected state_dict to be dict-like")', () => {
    const lin = new Linear(1, 1);
    for (const [value, got] of [
      [null, 'null'],
      [undefined, 'undefined'],
      [[ones([1, 1])], 'an array'],
      [ones([1, 1]), 'a Tensor'],
      ['weights.safetensors', 'string'],
    ] as const) {
      let error: unknown = null;
      try {
        lin.loadStateDict(value as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TorchletError);
      expect((error as Error).message).toBe(
        `Linear.loadStateDict(): argument 'stateDict' expected a dict-like object of named tensors, got ${got}`,
      );
    }
    expect(() => lin.loadStateDict(lin.stateDict(), null as never)).toThrow(
      "Linear.loadStateDict(): argument 'options' expected an object, got null",
    );
  });
});

describe('containers', () => {
  it('Sequential chains forward, indexes and accepts named children', () => {
    const seq = new Sequential({ fc: new Linear(2, 2), act: new ReLU() });
    expect(Object.keys(seq.stateDict())).toEqual(['fc.weight', 'fc.bias']);
    expect(seq.at(-1)).toBeInstanceOf(ReLU);
    seq.append(new Dropout(0));
    expect(seq.length).toBe(3);
    const y = seq.forward(ones([1, 2]));
    expect(y.shape).toEqual([1, 2]);
    expect(() => seq.at(5)).toThrow(/out of range/);
  });

  it('ModuleList and ModuleDict register but have no forward', () => {
    const list = new ModuleList([new Linear(1, 1)]).append(new Linear(1, 2));
    expect(Object.keys(list.stateDict())).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
    expect([...list].length).toBe(2);
    expect(() => list.forward()).toThrow(/no forward/);
    const dict = new ModuleDict({ a: new Linear(1, 1) });
    dict.set('b', new ReLU());
    expect(dict.keys()).toEqual(['a', 'b']);
    expect(Object.keys(dict.stateDict())).toEqual(['a.weight', 'a.bias']);
    expect(() => dict.forward()).toThrow(/no forward/);
  });

  it('prints like PyTorch', () => {
    expect(new Sequential(new Linear(2, 3), new ReLU()).toString()).toBe(
      'Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=True)\n  (1): ReLU()\n)',
    );
  });
});

describe('requiresGrad_', () => {
  it('freezes and unfreezes every parameter', () => {
    const net = new Sequential(new Linear(2, 2), new Linear(2, 1));
    net.requiresGrad_(false);
    expect([...net.parameters()].some((p) => p.requiresGrad)).toBe(false);
    net.requiresGrad_();
    expect([...net.parameters()].every((p) => p.requiresGrad)).toBe(true);
  });
});

describe('printing', () => {
  it("a parameter prints as PyTorch's (Parameter containing: and the tensor), a module as its repr, in Node's inspect too", async () => {
    const { inspect } = await import('node:util');
    const lin = new Linear(2, 1);
    const text = String(lin.weight);
    expect(text.startsWith('Parameter containing:\ntensor([[')).toBe(true);
    expect(text.endsWith(', requires_grad=True)')).toBe(true);
    expect(inspect(lin.weight)).toBe(text);
    expect(inspect(lin)).toBe('Linear(in_features=2, out_features=1, bias=True)');
    expect(String(lin.weight.mul(2))).not.toContain('Parameter');
  });
});
