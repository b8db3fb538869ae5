// Modules defined as in PyTorch: fields holding modules and parameters register themselves, in
// definition order, under the field's name (PyTorch's __setattr__), and stay typed.
import { describe, expect, it } from 'vitest';
import { ones, rand, type Tensor } from '@torchlet/tensor-core';
import { Linear, Module, ModuleList, Parameter, ReLU, Sequential } from '../src/index.js';

class Net extends Module {
  fc1 = new Linear(4, 16);
  act = new ReLU();
  blocks = new ModuleList([new Linear(16, 16), new Linear(16, 16)]);
  scale = new Parameter(ones([3]));
  fc2 = new Linear(16, 3);
  label = 'not a module';
  forward(x: Tensor): Tensor {
    let h = this.act.forward(this.fc1.forward(x));
    for (const block of this.blocks) h = (block as Linear).forward(h);
    return this.fc2.forward(h).mul(this.scale);
  }
}

describe('fields register as in PyTorch', () => {
  it("gives PyTorch's state_dict keys, in definition order, and typed fields", () => {
    const net = new Net();
    expect(Object.keys(net.stateDict())).toEqual([
      'scale',
      'fc1.weight',
      'fc1.bias',
      'blocks.0.weight',
      'blocks.0.bias',
      'blocks.1.weight',
      'blocks.1.bias',
      'fc2.weight',
      'fc2.bias',
    ]);
    expect([...net.namedChildren()].map(([name]) => name)).toEqual(['fc1', 'act', 'blocks', 'fc2']);
    expect(net.getSubmodule('fc1')).toBe(net.fc1);
    expect(net.fc1.weight.shape).toEqual([16, 4]);
    expect(net.forward(rand([2, 4])).shape).toEqual([2, 3]);
    expect([...net.parameters()]).toHaveLength(9);
  });

  it('follows assignments: a new module replaces the old one, null unregisters, a plain tensor is refused for a parameter', () => {
    const net = new Net();
    const replacement = new Linear(16, 3, { bias: false });
    net.fc2 = replacement;
    expect(net.getSubmodule('fc2')).toBe(replacement);
    expect(Object.keys(net.stateDict())).not.toContain('fc2.bias');
    (net as unknown as { extra: Module }).extra = new Sequential(new ReLU());
    expect([...net.namedChildren()].map(([name]) => name)).toEqual(['fc1', 'act', 'blocks', 'fc2', 'extra']);
    expect(() => ((net as unknown as { scale: unknown }).scale = ones([3]))).toThrow("cannot assign 'Tensor' as parameter 'scale' (Parameter or null expected)");
    (net as unknown as { scale: Parameter | null }).scale = null;
    expect(net.getParameter('scale')).toBeNull();
  });

  it('to(dtype) replaces parameters and the fields that hold them', () => {
    const net = new Net();
    net.to('float64');
    expect(net.scale.dtype).toBe('float64');
    expect(net.getParameter('scale')).toBe(net.scale);
    expect(net.fc1.weight.dtype).toBe('float64');
  });
});
