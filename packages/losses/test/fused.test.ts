// The fused cross-entropy op equals its composition from differentiable primitives, in value and
// gradient, for every option; and identities between losses that mathematics gives.
import { describe, expect, it } from 'vitest';
import { noGrad } from '@torchlet/autograd';
import { Tensor } from '@torchlet/tensor-core';
import {
  binaryCrossEntropy,
  crossEntropy,
  huberLoss,
  nllLoss,
  smoothL1Loss,
  softmaxFocalLoss,
  type CrossEntropyOptions,
  type Reduction,
} from '../src/index.js';
import { classes, expectClose, float, gradsOf, long, manualSeed, randLeaf, randnLeaf } from './helpers.js';

const REDUCTIONS: Reduction[] = ['none', 'mean', 'sum'];

/**
 * Cross entropy written out from primitives, following PyTorch's definition:
 * (1 - e) * nllLoss(logSoftmax(x), y, {weight}) + (e / C) * smoothing term, where the smoothing
 * term is -sum_c w_c log p_c per position (0 where ignored), reduced with the same denominator.
 */
function composed(x: Tensor, y: Tensor, o: CrossEntropyOptions): Tensor {
  const classDim = x.ndim === 1 ? 0 : 1;
  const c = x.shape[classDim];
  const e = o.labelSmoothing ?? 0;
  const reduction = o.reduction ?? 'mean';
  const ignore = o.ignoreIndex ?? -100;
  const logp = x.logSoftmax(classDim);
  const nll = nllLoss(logp, y, { weight: o.weight, ignoreIndex: ignore, reduction });
  if (e === 0) return nll;
  const w = o.weight instanceof Tensor ? o.weight : null;
  const wShape = x.shape.map((d, i) => (i === classDim ? d : 1));
  const weighted = w === null ? logp : logp.mul(w.reshape(wShape));
  const kept = y.ne(ignore);
  const smooth = weighted.sum(classDim).neg().where(kept, 0);
  let s: Tensor;
  if (reduction === 'none') s = smooth;
  else if (reduction === 'sum') s = smooth.sum();
  else {
    const safe = y.where(kept, 0);
    const wy = w === null ? kept.to(x.dtype) : w.gather(0, safe.flatten()).reshape([...y.shape]).where(kept, 0);
    s = smooth.sum().div(wy.sum());
  }
  return nll.mul(1 - e).add(s.mul(e / c));
}

describe('crossEntropy (fused) equals nllLoss(logSoftmax(x)) composed from primitives', () => {
  manualSeed(7);
  const w = randLeaf([5], 'float64', 0.1).detach();
  const variants: [string, CrossEntropyOptions][] = [
    ['plain', {}],
    ['weight', { weight: w }],
    ['ignoreIndex', { ignoreIndex: 3 }],
    ['weight + ignoreIndex', { weight: w, ignoreIndex: 0 }],
    ['labelSmoothing', { labelSmoothing: 0.2 }],
    ['labelSmoothing + weight + ignoreIndex', { labelSmoothing: 0.3, weight: w, ignoreIndex: 2 }],
  ];
  for (const [name, o] of variants) {
    for (const reduction of REDUCTIONS) {
      for (const shape of [[6, 5], [3, 5, 4], [2, 5, 2, 3]]) {
        it(`${name}, ${reduction}, input ${JSON.stringify(shape)}`, () => {
          const x = randnLeaf(shape, 'float64', 3);
          const tShape = [shape[0], ...shape.slice(2)];
          const y = classes(tShape, 5);
          const options = { ...o, reduction };
          const upstream = reduction === 'none' ? randnLeaf(tShape).detach() : undefined;
          const fused = gradsOf((a) => crossEntropy(a, y, options), [x], upstream);
          const comp = gradsOf((a) => composed(a, y, options), [x], upstream);
          expectClose(fused.out, comp.out, 1e-12, 1e-13);
          expectClose(fused.grads[0], comp.grads[0], 1e-11, 1e-13);
        });
      }
    }
  }

  it('float32 agrees with the float32 composition to float32 rounding', () => {
    const x = randnLeaf([8, 4], 'float32', 2);
    const y = classes([8], 4);
    const fused = gradsOf((a) => crossEntropy(a, y), [x]);
    const comp = gradsOf((a) => nllLoss(a.logSoftmax(1), y), [x]);
    expect(fused.out.dtype).toBe('float32');
    expectClose(fused.out, comp.out, 1e-6, 1e-7);
    expectClose(fused.grads[0], comp.grads[0], 1e-5, 1e-7);
  });

  it('(C) input with a 0-d target', () => {
    const x = randnLeaf([5]);
    const y = long([2], []);
    const fused = gradsOf((a) => crossEntropy(a, y, { weight: w }), [x]);
    const comp = gradsOf((a) => composed(a, y, { weight: w }), [x]);
    expect(fused.out.shape).toEqual([]);
    expectClose(fused.out, comp.out);
    expectClose(fused.grads[0], comp.grads[0], 1e-12, 1e-14);
  });

  it('probability targets: -sum_c w_c q_c log p_c, mean over positions, gradients for input and target', () => {
    for (const reduction of REDUCTIONS) {
      const x = randnLeaf([4, 5, 3]);
      const q = randnLeaf([4, 5, 3]).detach().softmax(1).requiresGrad_();
      const e = 0.25;
      const options = { weight: w, labelSmoothing: e, reduction };
      const upstream = reduction === 'none' ? randnLeaf([4, 3]).detach() : undefined;
      const fused = gradsOf((a, b) => crossEntropy(a, b, options), [x, q], upstream);
      const comp = gradsOf(
        (a, b) => {
          const smoothed = b.mul(1 - e).add(e / 5);
          const per = a.logSoftmax(1).mul(smoothed).mul(w.reshape([1, 5, 1])).sum(1).neg();
          return reduction === 'none' ? per : reduction === 'sum' ? per.sum() : per.sum().div(4 * 3);
        },
        [x, q],
        upstream,
      );
      expectClose(fused.out, comp.out);
      expectClose(fused.grads[0], comp.grads[0], 1e-11, 1e-13);
      expectClose(fused.grads[1], comp.grads[1], 1e-11, 1e-13);
    }
  });

  it('one-hot probability targets equal class-index targets (no weight: both means divide by N)', () => {
    const x = randnLeaf([6, 4]);
    const y = classes([6], 4);
    const oneHot = y.unsqueeze(1).eq(long([0, 1, 2, 3]).unsqueeze(0)).to('float64');
    expectClose(crossEntropy(x, oneHot, { labelSmoothing: 0.1 }), crossEntropy(x, y, { labelSmoothing: 0.1 }), 1e-12, 1e-14);
  });

  it('all targets ignored: NaN for mean (0 / 0, as PyTorch), 0 for sum, zero gradient', () => {
    const x = randnLeaf([3, 4]);
    const y = long([-100, -100, -100]);
    const mean = gradsOf((a) => crossEntropy(a, y), [x]);
    expect(Number.isNaN(mean.out.item())).toBe(true);
    expect(mean.grads[0].abs().sum().item()).toBe(0);
    expect(crossEntropy(x, y, { reduction: 'sum' }).item()).toBe(0);
  });
});

describe('the fused ops are custom ops (one graph node each)', () => {
  it("record one node per call when an input requires grad and grad mode is on (shown with PyTorch's name), none otherwise", () => {
    const x = randnLeaf([3, 4]);
    const y = classes([3], 4);
    const p = randLeaf([3, 4]).detach().mul(0.5).add(0.25).requiresGrad_();
    expect(crossEntropy(x, y).gradFn?.name).toBe('NllLossBackward0');
    expect(crossEntropy(x, y, { reduction: 'none' }).gradFn?.name).toBe('NllLossBackward0');
    expect(binaryCrossEntropy(p, p.detach(), { reduction: 'none' }).gradFn?.name).toBe('BinaryCrossEntropyBackward0');
    const underNoGrad = noGrad(() => crossEntropy(x, y));
    expect([underNoGrad.requiresGrad, underNoGrad.gradFn]).toEqual([false, null]);
    const constantInput = crossEntropy(x.detach(), y);
    expect([constantInput.requiresGrad, constantInput.gradFn]).toEqual([false, null]);
  });
});

describe('identities', () => {
  it('softmaxFocalLoss with gamma = 0 is crossEntropy with weight = alpha', () => {
    const x = randnLeaf([7, 4]);
    const y = classes([7], 4);
    const alpha = randLeaf([4], 'float64', 0.2).detach();
    for (const reduction of REDUCTIONS) {
      const upstream = reduction === 'none' ? randnLeaf([7]).detach() : undefined;
      const focal = gradsOf((a) => softmaxFocalLoss(a, y, { gamma: 0, alpha, reduction }), [x], upstream);
      const ce = gradsOf((a) => crossEntropy(a, y, { weight: alpha, reduction }), [x], upstream);
      expectClose(focal.out, ce.out, 1e-12, 1e-14);
      expectClose(focal.grads[0], ce.grads[0], 1e-11, 1e-14);
    }
  });

  it('softmaxFocalLoss down-weights each term by (1 - p_y)^gamma', () => {
    const x = randnLeaf([5, 3]);
    const y = classes([5], 3);
    const logpy = x.detach().logSoftmax(1).gather(1, y.unsqueeze(1)).squeeze(1);
    const expected = logpy.exp().neg().add(1).pow(2).mul(logpy).neg();
    expectClose(softmaxFocalLoss(x, y, { reduction: 'none' }), expected, 1e-12, 1e-14);
  });

  it('huberLoss(delta) = delta * smoothL1Loss(beta = delta)', () => {
    const x = randnLeaf([4, 6], 'float64', 2);
    const t = randnLeaf([4, 6], 'float64', 2).detach();
    for (const d of [0.5, 1, 2.5]) {
      expectClose(huberLoss(x, t, { delta: d, reduction: 'none' }), smoothL1Loss(x, t, { beta: d, reduction: 'none' }).mul(d), 1e-12, 1e-14);
    }
  });

  it('crossEntropy stays finite and exact for logits of +-1e4', () => {
    const x = float([1e4, -1e4, 0, -1e4, 1e4, 1e4], [2, 3]);
    const y = long([0, 1]);
    const out = crossEntropy(x, y, { reduction: 'none' });
    // row 0: log p_0 = -log(1 + e^-2e4 + e^-1e4) = 0; row 1: two equal maxima, log p_1 = -log 2
    expectClose(out, float([0, Math.LN2]), 1e-15, 1e-300);
  });
});
