// Training inside scope(): the same parameters as without, and memory that holds still from step to step.
import { afterEach, describe, expect, it } from 'vitest';
import { keep, manualSeed, memoryInfo, rand, scope, useBackend, wasmFeatures, wasmMemoryInfo, type Tensor } from '@torchlet/tensor-core';
import { Adam, SGD } from '../src/index.js';

/** What the tests need of an optimizer. */
interface Stepper {
  zeroGrad(): void;
  step(): unknown;
}

const backends = wasmFeatures() === 'none' ? (['cpu'] as const) : (['cpu', 'wasm'] as const);

afterEach(() => useBackend('auto'));

/** Parameters w [64, 32], b [32] and a step of sum(exp(x @ w + b) * 0.01) on x [128, 64]. */
function setup(make: (params: Tensor[]) => Stepper): { params: Tensor[]; step: () => void } {
  manualSeed(3);
  // kept: made inside a scope, they stay in the backend's memory for every later step
  const params = keep([rand([64, 32]).mul(0.1).requiresGrad_(), rand([32]).requiresGrad_()]);
  const x = keep(rand([128, 64]));
  const opt = make(params);
  const step = (): void => {
    opt.zeroGrad();
    x.matmul(params[0]).add(params[1]).exp().mul(0.01).sum().backward();
    opt.step();
  };
  return { params, step };
}

const optimizers: [string, (p: Tensor[]) => Stepper][] = [
  ['SGD with momentum', (p) => new SGD(p, { lr: 0.1, momentum: 0.9 })],
  ['Adam', (p) => new Adam(p, { lr: 0.01 })],
];

describe.each(backends)('training in scope() (%s backend)', (backend) => {
  it.each(optimizers)('%s: the same parameters as without a scope, bit for bit', (_, make) => {
    useBackend(backend);
    const plain = setup(make);
    const scoped = scope(() => setup(make));
    for (let i = 0; i < 5; i++) {
      plain.step();
      scope(scoped.step);
    }
    expect(scoped.params.map((p) => Array.from(p.toTypedArray()))).toEqual(plain.params.map((p) => Array.from(p.toTypedArray())));
  });

  it.each(optimizers)('%s: memory holds still over scoped steps (zeroGrad gives lent gradients back)', (_, make) => {
    useBackend(backend);
    // the model made in a scope (its parameters stay in the backend's memory), as a user would
    const { step } = scope(() => setup(make));
    scope(step);
    scope(step);
    const held = [wasmMemoryInfo().reservedBytes, wasmMemoryInfo().bytesInUse, memoryInfo().pooledBytes];
    for (let i = 0; i < 30; i++) scope(step);
    expect([wasmMemoryInfo().reservedBytes, wasmMemoryInfo().bytesInUse, memoryInfo().pooledBytes]).toEqual(held);
  });
});
