import { loadDigits } from './digits.js';
import { loadIris } from './iris.js';
import { loadNames } from './names.js';
import { prepareSplit } from './prepare.js';
import type { Split } from './split.js';

export const DATASETS = ['iris', 'digits', 'names'] as const;
export type DatasetName = (typeof DATASETS)[number];

export interface DataOptions {
  dataset: DatasetName;
  seed: number;
  testFraction: number;
  imbalance?: number;
  /** digits and names: samples kept per class before the split. */
  perClass?: number;
}

/**
 * Loads a data set and splits it. Iris is standardised with the training split's statistics;
 * digits keep their [0, 1] grey levels; names are character ids.
 */
export function prepareData(options: DataOptions): Split {
  const ds = options.dataset === 'iris' ? loadIris() : options.dataset === 'digits' ? loadDigits(options.perClass) : loadNames(options.perClass);
  return prepareSplit(ds, options);
}

export type { Dataset } from './types.js';
export type { Split } from './split.js';
