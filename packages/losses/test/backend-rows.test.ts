// crossEntropy's fused row path (tensor-core's crossEntropyRows op, for [N, C] logits with class
// indices, no weight, no smoothing) equals the composition nllLoss(logSoftmax(x)) computed on the
// reference backend, in value and gradient, on every backend this engine has; the gradient buffer
// handed to the leaf is never reused behind its back. (The backends' row kernels themselves are
// tested in tensor-core's test/loss-kernels.test.ts.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { availableBackends, useBackend, type Tensor } from '@torchlet/tensor-core';
import * as tensorCoreInternal from '@torchlet/tensor-core/internal';
import { crossEntropy, nllLoss, type CrossEntropyOptions } from '../src/index.js';
import { classes, expectClose, manualSeed, randnLeaf, values } from './helpers.js';

afterEach(() => {
  useBackend('cpu');
});

/** Counts the calls of the fused row op (so a test knows the fused path ran). */
const rowOp = vi.spyOn(tensorCoreInternal, 'crossEntropyRows');

/** Value and input gradient of `loss(x)` (after loss.mul(upstream).backward()) on the given backend. */
function run(backend: 'cpu' | 'wasm', x: Tensor, loss: (x: Tensor) => Tensor, upstream = 1): [Tensor, Tensor] {
  useBackend(backend);
  const leaf = x.detach().clone().requiresGrad_();
  const out = loss(leaf);
  out.mul(upstream).backward();
  useBackend('cpu');
  return [out.detach(), leaf.grad as Tensor];
}

describe.each(availableBackends())('crossEntropy through the fused row op, on the %s backend', (backend) => {
  manualSeed(3);
  // 64 x 40 float32 logits: above the wasm backend's size threshold, so its row kernel runs there
  const x = randnLeaf([64, 40], 'float32', 3).detach();
  const y = classes([64], 40);
  const yIgnored = y.clone().maskedFill(y.lt(4), -100);
  const composed = (o: CrossEntropyOptions, target: Tensor) => (t: Tensor) =>
    nllLoss(t.logSoftmax(1), target, { reduction: o.reduction, ignoreIndex: o.ignoreIndex });

  const cases: [string, CrossEntropyOptions, Tensor, number][] = [
    ['mean', {}, y, 1],
    ['sum', { reduction: 'sum' }, y, 1],
    ['mean, upstream 0.37', {}, y, 0.37],
    ['mean with ignored rows', {}, yIgnored, 1],
    ['sum with ignored rows, upstream -2', { reduction: 'sum' }, yIgnored, -2],
  ];
  for (const [name, o, target, upstream] of cases) {
    it(name, () => {
      const calls = rowOp.mock.calls.length;
      const [value, grad] = run(backend, x, (t) => crossEntropy(t, target, o), upstream);
      expect(rowOp.mock.calls.length).toBe(calls + 1);
      const [refValue, refGrad] = run('cpu', x, composed(o, target), upstream);
      // float32 rounding of differently ordered sums (loss over 64 rows)
      expectClose(value, refValue, 1e-5, 1e-6);
      expectClose(grad, refGrad, 1e-5, 1e-7);
    });
  }

  it('a second backward (retainGraph) adds into .grad, and zeroing .grad in place does not corrupt it', () => {
    useBackend(backend);
    const calls = rowOp.mock.calls.length;
    const leaf = x.detach().clone().requiresGrad_();
    const loss = crossEntropy(leaf, y);
    expect(rowOp.mock.calls.length).toBe(calls + 1);
    loss.backward(undefined, { retainGraph: true });
    const first = values(leaf.grad as Tensor);
    loss.backward(undefined, { retainGraph: true });
    expect(values(leaf.grad as Tensor)).toEqual(first.map((g) => Math.fround(g + g)));
    (leaf.grad as Tensor).zero_();
    loss.backward();
    expect(values(leaf.grad as Tensor)).toEqual(first);
  });
});
