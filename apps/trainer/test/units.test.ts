import { describe, expect, it } from 'vitest';
import { prepareData } from '../src/data/index.js';
import { epochOrder } from '../src/data/rng.js';
import { evaluate } from '../src/report/metrics.js';
import { balancedWeights } from '../src/train/losses.js';

describe('data', () => {
  it('splits Iris deterministically and stratified', () => {
    const a = prepareData({ dataset: 'iris', seed: 1, testFraction: 0.2 });
    const b = prepareData({ dataset: 'iris', seed: 1, testFraction: 0.2 });
    const c = prepareData({ dataset: 'iris', seed: 2, testFraction: 0.2 });
    expect(a.trainCounts).toEqual([40, 40, 40]);
    expect(a.testCounts).toEqual([10, 10, 10]);
    expect(Array.from(a.test.features)).toEqual(Array.from(b.test.features));
    expect(Array.from(a.test.features)).not.toEqual(Array.from(c.test.features));
  });

  it('--imbalance thins the training split along a long tail and leaves the test split whole', () => {
    const s = prepareData({ dataset: 'iris', seed: 0, testFraction: 0.2, imbalance: 0.1 });
    expect(s.trainCounts).toEqual([40, 13, 4]);
    expect(s.testCounts).toEqual([10, 10, 10]);
  });

  it('loads digits from the mnist package', () => {
    const s = prepareData({ dataset: 'digits', seed: 0, testFraction: 0.25, perClass: 20 });
    expect(s.train.sampleShape).toEqual([1, 28, 28]);
    expect(s.trainCounts).toEqual(new Array(10).fill(15));
    expect(Math.max(...s.train.features)).toBeLessThanOrEqual(1);
  });

  it('the batch order is a permutation that depends on seed and epoch only', () => {
    const o = epochOrder(10, 5, 2);
    expect([...o].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epochOrder(10, 5, 2)).toEqual(o);
    expect(epochOrder(10, 5, 3)).not.toEqual(o);
  });
});

describe('metrics', () => {
  it('precision, recall, F1 and the confusion matrix', () => {
    const ev = evaluate([0, 0, 1, 1, 2, 0], [0, 1, 1, 1, 2, 2], ['a', 'b', 'c']);
    expect(ev.accuracy).toBeCloseTo(4 / 6);
    expect(ev.confusion).toEqual([
      [1, 0, 0],
      [1, 2, 0],
      [1, 0, 1],
    ]);
    expect(ev.perClass[0]).toMatchObject({ precision: 1 / 3, recall: 1, support: 1 });
    expect(ev.perClass[1].f1).toBeCloseTo(0.8);
  });

  it('balanced class weights are N / (C * count)', () => {
    expect(balancedWeights([40, 10, 10])).toEqual([0.5, 2, 2]);
  });
});
