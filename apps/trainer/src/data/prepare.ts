import { splitDataset, type Split, type SplitOptions } from './split.js';
import { applyStandardizer, fitStandardizer } from './standardize.js';
import type { Dataset } from './types.js';

/**
 * A stratified, seeded split of a loaded data set. Iris is standardised with the training split's
 * statistics; digits keep their [0, 1] grey levels; names are character ids.
 */
export function prepareSplit(ds: Dataset, options: SplitOptions): Split {
  const split = splitDataset(ds, options);
  if (ds.name !== 'iris') return split;
  const stats = fitStandardizer(split.train);
  return { ...split, train: applyStandardizer(split.train, stats), test: applyStandardizer(split.test, stats) };
}
