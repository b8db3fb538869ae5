import { Rng, deriveSeed } from './rng.js';
import { classCounts, subset, type Dataset } from './types.js';

export interface SplitOptions {
  seed: number;
  /** Fraction of each class held out for testing. */
  testFraction: number;
  /**
   * Long-tail imbalance of the training split: class c keeps a fraction RATIO^(c / (C - 1)) of its
   * training samples (class 0 keeps all, the last class keeps RATIO). The test split stays whole.
   */
  imbalance?: number;
}

export interface Split {
  train: Dataset;
  test: Dataset;
  trainCounts: number[];
  testCounts: number[];
}

/** A stratified, seeded train/test split, with optional imbalance on the training side. */
export function splitDataset(ds: Dataset, options: SplitOptions): Split {
  const numClasses = ds.classNames.length;
  const rng = new Rng(deriveSeed(options.seed, 'split'));
  const trainIdx: number[] = [];
  const testIdx: number[] = [];
  for (let c = 0; c < numClasses; c++) {
    const members: number[] = [];
    ds.labels.forEach((y, i) => {
      if (y === c) members.push(i);
    });
    const shuffled = rng.shuffle(members);
    const nTest = Math.round(shuffled.length * options.testFraction);
    testIdx.push(...shuffled.slice(0, nTest));
    let train = shuffled.slice(nTest);
    if (options.imbalance !== undefined && numClasses > 1) {
      const keep = Math.pow(options.imbalance, c / (numClasses - 1));
      train = train.slice(0, Math.max(1, Math.round(train.length * keep)));
    }
    trainIdx.push(...train);
  }
  trainIdx.sort((a, b) => a - b);
  testIdx.sort((a, b) => a - b);
  const train = subset(ds, trainIdx);
  const test = subset(ds, testIdx);
  return {
    train,
    test,
    trainCounts: classCounts(train.labels, numClasses),
    testCounts: classCounts(test.labels, numClasses),
  };
}
