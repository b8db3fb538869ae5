// The page's pieces that need no browser: the six losses on torchlet and the metrics.
import { F, torch } from 'torchlet';
import { describe, expect, it } from 'vitest';
import { LOSSES, LOSS_INFO } from '../src/losses.js';
import { LOSS_FNS } from '../src/train/loss-fns.js';
import { expectedCalibrationError, minorityClasses, score, softmaxRows } from '../src/train/metrics.js';

describe('the six losses', () => {
  torch.manualSeed(0);
  const logits = torch.randn([8, 4], { requiresGrad: true });
  const y = torch.tensor([0, 1, 2, 3, 3, 2, 1, 0], { dtype: 'int64' });
  const oneHot = F.oneHot(y, 4).to('float32');
  const value = (name: (typeof LOSSES)[number]): number => LOSS_FNS[name](logits, { y, oneHot }).item();

  it('each has a label and a PyTorch line, and gives a finite positive loss', () => {
    for (const name of LOSSES) {
      expect(LOSS_INFO[name].pytorch).not.toBe('');
      expect(value(name)).toBeGreaterThan(0);
    }
  });

  it('NLL of log-softmax and the hand-composed version are cross entropy (positive, not the tutorial negated)', () => {
    const ce = value('cross-entropy');
    expect(value('nll')).toBeCloseTo(ce, 6);
    expect(value('hand-cross-entropy')).toBeCloseTo(ce, 6);
  });

  it('the hand-composed version has the gradient of cross entropy', () => {
    const grad = (name: (typeof LOSSES)[number]): number[] => {
      const x = logits.detach().requiresGrad_();
      LOSS_FNS[name](x, { y, oneHot }).backward();
      return Array.from(x.grad?.toTypedArray() ?? []);
    };
    const ce = grad('cross-entropy');
    grad('hand-cross-entropy').forEach((g, i) => expect(g).toBeCloseTo(ce[i], 6));
  });
});

describe('metrics', () => {
  it('softmax rows sum to one', () => {
    const p = softmaxRows([1, 2, 3, 1000, 0, -1000], 2, 3);
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 12);
    expect(p[3]).toBe(1);
  });

  it('ECE is the bin-weighted gap between confidence and accuracy', () => {
    // two samples at confidence 0.95 (one right), two at 0.55 (both right): 0.5 * |0.5 - 0.95| + 0.5 * |1 - 0.55|
    expect(expectedCalibrationError([0.95, 0.95, 0.55, 0.55], [true, false, true, true])).toBeCloseTo(0.45, 12);
    expect(expectedCalibrationError([1, 1], [true, true])).toBe(0);
  });

  it('the minority classes are the rarest third of the training classes, rounded up', () => {
    expect(minorityClasses([150, 108, 77, 55, 40, 28, 20, 15, 10, 8])).toEqual([9, 8, 7, 6]);
    expect(minorityClasses([40, 5, 40])).toEqual([1]);
  });

  it('scores logits: accuracy, the confusion matrix and minority recall', () => {
    const logits = [5, 0, 0, 0, 5, 0, 0, 5, 0, 0, 0, 5];
    const s = score(logits, new Int32Array([0, 1, 2, 2]), ['a', 'b', 'c'], [10, 10, 2]);
    expect(s.metrics.accuracy).toBe(0.75);
    expect(s.confusion).toEqual([[1, 0, 0], [0, 1, 0], [0, 1, 1]]);
    expect(s.metrics.minorityRecall).toBe(0.5);
  });
});
