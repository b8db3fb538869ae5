// crossEntropy on a backend with the fused row kernel (tensor-core's wasm backend) equals the
// composition nllLoss(logSoftmax(x)) computed on the reference backend, in value and gradient; the
// gradient buffer handed to the leaf is never reused behind its back.
import { afterEach, describe, expect, it } from 'vitest';
import { getBackend, setBackend, useBackend, wasmFeatures, type Tensor } from '@torchlet/tensor-core';
import { crossEntropy, nllLoss, type CrossEntropyOptions } from '../src/index.js';
import { classes, expectClose, manualSeed, randnLeaf, values } from './helpers.js';

afterEach(() => {
  useBackend('cpu');
});

/** Value and input gradient of `loss(x)` (after loss.mul(upstream).backward()) on the given backend. */
let rowKernelCalls = 0;

/** The wasm backend, counting the calls of its row kernel (so a test knows the fused path ran). */
function useCountingWasm(): void {
  useBackend('wasm');
  const kernel = getBackend().crossEntropyRows;
  if (kernel === undefined) throw new Error('the wasm backend has no crossEntropyRows kernel');
  setBackend({
    name: 'wasm',
    crossEntropyRows: (...args) => {
      rowKernelCalls++;
      return kernel(...args);
    },
  });
}

function run(backend: 'cpu' | 'wasm', x: Tensor, loss: (x: Tensor) => Tensor, upstream = 1): [Tensor, Tensor] {
  if (backend === 'wasm') useCountingWasm();
  else useBackend('cpu');
  const leaf = x.detach().clone().requiresGrad_();
  const out = loss(leaf);
  out.mul(upstream).backward();
  useBackend('cpu');
  return [out.detach(), leaf.grad as Tensor];
}

describe.runIf(wasmFeatures() !== 'none')('crossEntropy through the backend row kernel', () => {
  manualSeed(3);
  // 64 x 40 float32 logits: above the wasm backend's size threshold, so the row kernel runs
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
      const calls = rowKernelCalls;
      const [value, grad] = run('wasm', x, (t) => crossEntropy(t, target, o), upstream);
      expect(rowKernelCalls).toBe(calls + 1);
      const [refValue, refGrad] = run('cpu', x, composed(o, target), upstream);
      // float32 rounding of differently ordered sums (loss over 64 rows)
      expectClose(value, refValue, 1e-5, 1e-6);
      expectClose(grad, refGrad, 1e-5, 1e-7);
    });
  }

  it('a second backward (retainGraph) adds into .grad, and zeroing .grad in place does not corrupt it', () => {
    useCountingWasm();
    const calls = rowKernelCalls;
    const leaf = x.detach().clone().requiresGrad_();
    const loss = crossEntropy(leaf, y);
    expect(rowKernelCalls).toBe(calls + 1);
    loss.backward(undefined, { retainGraph: true });
    const first = values(leaf.grad as Tensor);
    loss.backward(undefined, { retainGraph: true });
    expect(values(leaf.grad as Tensor)).toEqual(first.map((g) => Math.fround(g + g)));
    (leaf.grad as Tensor).zero_();
    loss.backward();
    expect(values(leaf.grad as Tensor)).toEqual(first);
  });
});
