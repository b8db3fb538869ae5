import { loadDigits } from './digits.js';
import { loadIris } from './iris.js';
import { splitDataset, type Split } from './split.js';
import { applyStandardizer, fitStandardizer } from './standardize.js';

export const DATASETS = ['iris', 'digits'] as const;
export type DatasetName = (typeof DATASETS)[number];

export interface DataOptions {
  dataset: DatasetName;
  seed: number;
  testFraction: number;
  imbalance?: number;
  /** digits only: samples kept per class before the split. */
  perClass?: number;
}

/**
 * Loads a data set and splits it. Iris is standardised with the training split's statistics;
 * digits keep their [0, 1] grey levels.
 */
export function prepareData(options: DataOptions): Split {
  const ds = options.dataset === 'iris' ? loadIris() : loadDigits(options.perClass);
  const split = splitDataset(ds, options);
  if (options.dataset !== 'iris') return split;
  const stats = fitStandardizer(split.train);
  return { ...split, train: applyStandardizer(split.train, stats), test: applyStandardizer(split.test, stats) };
}

export type { Dataset } from './types.js';
export type { Split } from './split.js';
