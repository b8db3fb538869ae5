// The README's examples, run as written.
import { describe, expect, it } from 'vitest';
import { installAutograd } from '@torchlet/autograd';
import { manualSeed, ones, randn, tensor, type Tensor } from '@torchlet/tensor-core';
import {
  BatchNorm2d,
  Conv2d,
  Flatten,
  Linear,
  MaxPool2d,
  Module,
  Parameter,
  ReLU,
  Sequential,
  functional as F,
  loadSafetensors,
  saveSafetensors,
} from '../src/index.js';

describe('README examples', () => {
  it('the CNN example', () => {
    manualSeed(0);
    const model = new Sequential(
      new Conv2d(1, 8, 3, { padding: 1 }), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2),
      new Flatten(), new Linear(8 * 14 * 14, 10),
    );
    const x = randn([4, 1, 28, 28]);
    const logits = model.forward(x);
    const loss = F.logSoftmax(logits, 1).mean().neg();
    loss.backward();
    expect([...model.namedParameters()].map(([name]) => name)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '5.weight', '5.bias']);
    expect([...model.parameters()].every((p) => p.grad !== null)).toBe(true);

    const bytes = saveSafetensors(model.stateDict(), { metadata: { format: 'pt' } });
    const copy = new Sequential(
      new Conv2d(1, 8, 3, { padding: 1 }), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2),
      new Flatten(), new Linear(8 * 14 * 14, 10),
    );
    copy.loadStateDict(loadSafetensors(bytes));
    model.eval();
    copy.eval();
    expect(Array.from(copy.forward(x).toTypedArray())).toEqual(Array.from(model.forward(x).toTypedArray()));
  });

  it('the custom module example', () => {
    class MLP extends Module {
      fc1 = new Linear(4, 16);
      fc2 = new Linear(16, 3);
      temperature = new Parameter(ones([1]));
      forward(x: Tensor): Tensor {
        return this.fc2.forward(F.gelu(this.fc1.forward(x))).div(this.temperature);
      }
    }
    const m = new MLP();
    expect(m.forward(randn([2, 4])).shape).toEqual([2, 3]);
    expect(Object.keys(m.stateDict())).toEqual(['temperature', 'fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']);
  });

  it('the padding example', () => {
    installAutograd(); // the input requires grad before any module exists
    const x = tensor([[[0, 1, 2, 3]]], { dtype: 'float32', requiresGrad: true });
    const values = (t: Tensor): number[] => Array.from(t.toTypedArray(), Number);
    // reflect mirrors without the edge; constant with a negative amount crops
    expect(values(F.pad(x, [2, 1], { mode: 'reflect' }))).toEqual([2, 1, 0, 1, 2, 3, 2]);
    expect(values(F.pad(x, [1, -2], { value: 9 }))).toEqual([9, 0, 1]);
    const conv = new Conv2d(1, 4, 3, { padding: 1, paddingMode: 'circular' });
    expect(conv.forward(randn([2, 1, 5, 5])).shape).toEqual([2, 4, 5, 5]);
  });
});
