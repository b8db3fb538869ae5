// Every loss's gradient against central finite differences in float64 (autograd's gradcheck),
// for each reduction and the options that change the formula.
import { describe, expect, it } from 'vitest';
import { grad, gradcheck, gradgradcheck } from '@torchlet/autograd';
import type { Tensor } from '@torchlet/tensor-core';
import * as L from '../src/index.js';
import { classes, expectClose, float, long, manualSeed, randLeaf, randnLeaf } from './helpers.js';

const REDUCTIONS: L.Reduction[] = ['none', 'mean', 'sum'];

interface Check {
  name: string;
  inputs: () => Tensor[];
  fn: (reduction: L.Reduction) => (...xs: Tensor[]) => Tensor;
}

manualSeed(11);
const w5 = randLeaf([5], 'float64', 0.2).detach();
const y6 = classes([6], 5);
const yK = classes([2, 3], 5);
const pm1 = (shape: number[]) => classes(shape, 2).mul(2).sub(1).to('float64');
const bits = (shape: number[]) => classes(shape, 2).to('float64');
const w5b = randLeaf([5]).detach();
const w4 = randLeaf([4]).detach();
const sign43 = pm1([4, 3]);
const sign34 = pm1([3, 4]);
const sign6 = pm1([6]);
const sign5 = pm1([5]);
const bits35 = bits([3, 5]);
const multiLabel = long([3, 0, -1, 0, 1, -1, 0, 0, 4, 2, 1, 0, -1, 2, 2], [3, 5]);

const CHECKS: Check[] = [
  { name: 'crossEntropy', inputs: () => [randnLeaf([6, 5])], fn: (r) => (x) => L.crossEntropy(x, y6, { reduction: r }) },
  {
    name: 'crossEntropy weight + ignoreIndex + labelSmoothing, K-dim',
    inputs: () => [randnLeaf([2, 5, 3])],
    fn: (r) => (x) => L.crossEntropy(x, yK, { reduction: r, weight: w5, ignoreIndex: yK.toTypedArray()[0], labelSmoothing: 0.2 }),
  },
  {
    name: 'crossEntropy probability targets (input and target)',
    inputs: () => [randnLeaf([4, 5]), randnLeaf([4, 5]).detach().softmax(1).requiresGrad_()],
    fn: (r) => (x, q) => L.crossEntropy(x, q, { reduction: r, weight: w5, labelSmoothing: 0.1 }),
  },
  { name: 'nllLoss weight', inputs: () => [randnLeaf([6, 5])], fn: (r) => (x) => L.nllLoss(x, y6, { reduction: r, weight: w5 }) },
  {
    name: 'binaryCrossEntropyWithLogits weight + posWeight (input and target)',
    inputs: () => [randnLeaf([3, 5], 'float64', 2), randLeaf([3, 5])],
    fn: (r) => (x, t) => L.binaryCrossEntropyWithLogits(x, t, { reduction: r, weight: w5b, posWeight: w5 }),
  },
  {
    name: 'binaryCrossEntropy weight (input and target)',
    inputs: () => [randnLeaf([3, 4]).detach().sigmoid().requiresGrad_(), randLeaf([3, 4])],
    fn: (r) => (p, t) => L.binaryCrossEntropy(p, t, { reduction: r, weight: w4 }),
  },
  { name: 'multiMarginLoss p=1', inputs: () => [randnLeaf([6, 5])], fn: (r) => (x) => L.multiMarginLoss(x, y6, { reduction: r }) },
  {
    name: 'multiMarginLoss p=2 margin weight',
    inputs: () => [randnLeaf([6, 5])],
    fn: (r) => (x) => L.multiMarginLoss(x, y6, { reduction: r, p: 2, margin: 0.7, weight: w5 }),
  },
  {
    name: 'hingeEmbeddingLoss',
    inputs: () => [randnLeaf([4, 3], 'float64', 2)],
    fn: (r) => (x) => L.hingeEmbeddingLoss(x, sign43, { reduction: r, margin: 0.5 }),
  },
  { name: 'multiLabelMarginLoss', inputs: () => [randnLeaf([3, 5])], fn: (r) => (x) => L.multiLabelMarginLoss(x, multiLabel, { reduction: r }) },
  {
    name: 'multiLabelSoftMarginLoss weight',
    inputs: () => [randnLeaf([3, 5], 'float64', 2)],
    fn: (r) => (x) => L.multiLabelSoftMarginLoss(x, bits35, { reduction: r, weight: w5 }),
  },
  { name: 'softMarginLoss', inputs: () => [randnLeaf([3, 4], 'float64', 2)], fn: (r) => (x) => L.softMarginLoss(x, sign34, { reduction: r }) },
  {
    name: 'sigmoidFocalLoss',
    inputs: () => [randnLeaf([3, 4], 'float64', 2), randLeaf([3, 4])],
    fn: (r) => (x, t) => L.sigmoidFocalLoss(x, t, { reduction: r, alpha: 0.3, gamma: 1.5 }),
  },
  {
    name: 'softmaxFocalLoss alpha + ignoreIndex',
    inputs: () => [randnLeaf([6, 5])],
    fn: (r) => (x) => L.softmaxFocalLoss(x, y6, { reduction: r, alpha: w5, ignoreIndex: y6.toTypedArray()[1] }),
  },
  { name: 'mseLoss (input and target)', inputs: () => [randnLeaf([3, 4]), randnLeaf([3, 4])], fn: (r) => (x, t) => L.mseLoss(x, t, { reduction: r }) },
  { name: 'l1Loss (input and target)', inputs: () => [randnLeaf([3, 4]), randnLeaf([3, 4])], fn: (r) => (x, t) => L.l1Loss(x, t, { reduction: r }) },
  {
    name: 'smoothL1Loss beta 0.5',
    inputs: () => [randnLeaf([3, 4]), randnLeaf([3, 4])],
    fn: (r) => (x, t) => L.smoothL1Loss(x, t, { reduction: r, beta: 0.5 }),
  },
  {
    name: 'huberLoss delta 0.7',
    inputs: () => [randnLeaf([3, 4]), randnLeaf([3, 4])],
    fn: (r) => (x, t) => L.huberLoss(x, t, { reduction: r, delta: 0.7 }),
  },
  {
    name: 'klDiv',
    inputs: () => [randnLeaf([3, 4]).detach().logSoftmax(1).requiresGrad_(), randnLeaf([3, 4]).detach().softmax(1).requiresGrad_()],
    fn: (r) => (x, t) => L.klDiv(x, t, { reduction: r }),
  },
  {
    name: 'klDiv logTarget',
    inputs: () => [randnLeaf([3, 4]).detach().logSoftmax(1).requiresGrad_(), randnLeaf([3, 4]).detach().logSoftmax(1).requiresGrad_()],
    fn: (r) => (x, t) => L.klDiv(x, t, { reduction: r, logTarget: true }),
  },
  {
    name: 'poissonNllLoss full',
    inputs: () => [randnLeaf([3, 4]), randLeaf([3, 4], 'float64', 0.5)],
    fn: (r) => (x, t) => L.poissonNllLoss(x, t.mul(4), { reduction: r, full: true }),
  },
  {
    name: 'poissonNllLoss rate input',
    inputs: () => [randLeaf([3, 4], 'float64', 0.5)],
    fn: (r) => (x) => L.poissonNllLoss(x, float([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5], [3, 4]), { reduction: r, logInput: false }),
  },
  {
    name: 'gaussianNllLoss (input, target, var)',
    inputs: () => [randnLeaf([3, 4]), randnLeaf([3, 4]), randLeaf([3, 4], 'float64', 0.5)],
    fn: (r) => (x, t, v) => L.gaussianNllLoss(x, t, v, { reduction: r, full: true }),
  },
  {
    name: 'gaussianNllLoss homoscedastic var',
    inputs: () => [randnLeaf([3, 4]), randnLeaf([3, 4]), randLeaf([3], 'float64', 0.5)],
    fn: (r) => (x, t, v) => L.gaussianNllLoss(x, t, v, { reduction: r }),
  },
  {
    name: 'marginRankingLoss',
    inputs: () => [randnLeaf([6]), randnLeaf([6])],
    fn: (r) => (a, b) => L.marginRankingLoss(a, b, sign6, { reduction: r, margin: 0.3 }),
  },
  {
    name: 'cosineEmbeddingLoss',
    inputs: () => [randnLeaf([5, 3]), randnLeaf([5, 3])],
    fn: (r) => (a, b) => L.cosineEmbeddingLoss(a, b, sign5, { reduction: r, margin: -0.3 }),
  },
  {
    name: 'tripletMarginLoss p=2',
    inputs: () => [randnLeaf([4, 3]), randnLeaf([4, 3]), randnLeaf([4, 3])],
    fn: (r) => (a, p, n) => L.tripletMarginLoss(a, p, n, { reduction: r, margin: 2 }),
  },
  {
    name: 'tripletMarginLoss p=3 swap',
    inputs: () => [randnLeaf([4, 3]), randnLeaf([4, 3]), randnLeaf([4, 3])],
    fn: (r) => (a, p, n) => L.tripletMarginLoss(a, p, n, { reduction: r, margin: 2, p: 3, swap: true }),
  },
];

describe('gradcheck in float64', () => {
  for (const check of CHECKS) {
    for (const reduction of REDUCTIONS) {
      it(`${check.name}, ${reduction}`, () => {
        const inputs = check.inputs();
        expect(gradcheck(check.fn(reduction), inputs, { eps: 1e-6, atol: 1e-6, rtol: 1e-4 })).toBe(true);
      });
    }
  }
});

describe('second derivatives through the custom ops (createGraph)', () => {
  const cases: [string, () => Tensor[], (r: L.Reduction) => (...xs: Tensor[]) => Tensor][] = [
    ['crossEntropy weight + ignoreIndex + labelSmoothing, K-dim', () => [randnLeaf([2, 5, 3])],
      (r) => (x) => L.crossEntropy(x, yK, { reduction: r, weight: w5, ignoreIndex: yK.toTypedArray()[0], labelSmoothing: 0.2 })],
    ['crossEntropy (C) input', () => [randnLeaf([5])], (r) => (x) => L.crossEntropy(x, long([3], []), { reduction: r, weight: w5 })],
    ['crossEntropy probability targets', () => [randnLeaf([4, 5]), randnLeaf([4, 5]).detach().softmax(1).requiresGrad_()],
      (r) => (x, q) => L.crossEntropy(x, q, { reduction: r, weight: w5, labelSmoothing: 0.1 })],
    ['binaryCrossEntropy', () => [randnLeaf([3, 4]).detach().sigmoid().requiresGrad_(), randLeaf([3, 4])],
      (r) => (p, t) => L.binaryCrossEntropy(p, t, { reduction: r, weight: w4 })],
    ['gaussianNllLoss', () => [randnLeaf([3, 4]), randnLeaf([3, 4]), randLeaf([3, 4], 'float64', 0.5)],
      (r) => (x, t, v) => L.gaussianNllLoss(x, t, v, { reduction: r })],
  ];
  for (const [name, inputs, fn] of cases) {
    for (const reduction of REDUCTIONS) {
      it(`gradgradcheck ${name}, ${reduction}`, () => {
        expect(gradgradcheck(fn(reduction), inputs(), undefined, { eps: 1e-6, atol: 1e-6, rtol: 1e-4 })).toBe(true);
      });
    }
  }

  it('the differentiable backward gives the kernel backward first-order values', () => {
    const x = randnLeaf([4, 5, 2]);
    const y = classes([4, 2], 5);
    for (const reduction of REDUCTIONS) {
      const options = { reduction, weight: w5, labelSmoothing: 0.3, ignoreIndex: y.toTypedArray()[3] };
      const up = reduction === 'none' ? randnLeaf([4, 2]).detach() : undefined;
      const [fast] = grad(L.crossEntropy(x, y, options), x, { gradOutputs: up });
      const [graph] = grad(L.crossEntropy(x, y, options), x, { gradOutputs: up, createGraph: true });
      expect(graph.requiresGrad).toBe(true);
      expectClose(graph.detach(), fast, 1e-12, 1e-15);
    }
  });
});
