// Weights and gradients as PyTorch has them: the class-index cross entropy, NLL, BCE, BCE with logits
// and multi-margin kernels have no derivative for their weights, so a weight that requires grad is
// refused while grad mode is on (allowed under noGrad); probability-target cross entropy is
// differentiable in its weight, checked against finite differences.
import { describe, expect, it } from 'vitest';
import { gradcheck, noGrad } from '@torchlet/autograd';
import { TorchletError, type Tensor } from '@torchlet/tensor-core';
import * as L from '../src/index.js';
import { classes, expectClose, manualSeed, randLeaf, randnLeaf } from './helpers.js';

manualSeed(5);
const x = randnLeaf([4, 3]);
const y = classes([4], 3);
const z = randLeaf([4, 3]).detach();
const w = () => randLeaf([3], 'float64', 0.5);

const REFUSED: [string, (weight: Tensor) => Tensor][] = [
  ['crossEntropy (class indices) weight', (wt) => L.crossEntropy(x, y, { weight: wt })],
  ['crossEntropy (class indices, label smoothing) weight', (wt) => L.crossEntropy(x, y, { weight: wt, labelSmoothing: 0.1 })],
  ['nllLoss weight', (wt) => L.nllLoss(x.logSoftmax(1), y, { weight: wt })],
  ['binaryCrossEntropy weight', (wt) => L.binaryCrossEntropy(x.sigmoid(), z, { weight: wt })],
  ['binaryCrossEntropyWithLogits weight', (wt) => L.binaryCrossEntropyWithLogits(x, z, { weight: wt })],
  ['binaryCrossEntropyWithLogits posWeight', (wt) => L.binaryCrossEntropyWithLogits(x, z, { posWeight: wt })],
  ['multiMarginLoss weight', (wt) => L.multiMarginLoss(x, y, { weight: wt })],
];

describe('weights without a derivative', () => {
  for (const [name, f] of REFUSED) {
    it(`${name}: refused when it requires grad, accepted detached or under noGrad`, () => {
      const weight = w();
      expect(() => f(weight)).toThrow(TorchletError);
      expect(() => f(weight)).toThrow(/requiresGrad true; pass \w+\.detach\(\)/);
      const detached = f(weight.detach());
      const underNoGrad = noGrad(() => f(weight));
      expectClose(underNoGrad, detached.detach());
    });
  }
});

describe('crossEntropy with probability targets: the weight is differentiable', () => {
  const q = randnLeaf([4, 3, 2]).detach().softmax(1);
  for (const reduction of ['none', 'mean', 'sum'] as const) {
    for (const labelSmoothing of [0, 0.3]) {
      it(`${reduction}, labelSmoothing ${labelSmoothing}: value equals the fused op's, gradients match finite differences`, () => {
        const input = randnLeaf([4, 3, 2]);
        const weight = w();
        const fused = L.crossEntropy(input.detach(), q, { weight: weight.detach(), reduction, labelSmoothing });
        expectClose(L.crossEntropy(input, q, { weight, reduction, labelSmoothing }).detach(), fused, 1e-12, 1e-14);
        expect(gradcheck((a, b) => L.crossEntropy(a, q, { weight: b, reduction, labelSmoothing }), [input, weight])).toBe(true);
      });
    }
  }
});
