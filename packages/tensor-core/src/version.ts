// In-place version counters, as PyTorch keeps them: every in-place op on a tensor bumps the counter
// of its storage (the typed array all its views share), so that autograd can refuse to differentiate
// through a saved tensor modified after it was saved instead of returning a wrong gradient.
import type { DataArray } from './dtype.js';

const versions = new WeakMap<DataArray, number>();

/** How many in-place ops have written to this tensor's storage (0 for a fresh one). */
export function storageVersion(t: { readonly data: DataArray }): number {
  return versions.get(t.data) ?? 0;
}

/** Record one more in-place write to this tensor's storage. */
export function bumpStorageVersion(t: { readonly data: DataArray }): void {
  versions.set(t.data, (versions.get(t.data) ?? 0) + 1);
}
