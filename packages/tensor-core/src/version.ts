// In-place version counters, as PyTorch keeps them: every in-place op on a tensor bumps the counter
// of its storage (the typed array all its views share), so that autograd can refuse to differentiate
// through a saved tensor modified after it was saved instead of returning a wrong gradient.
import type { DataArray } from './dtype.js';
import type { DeviceStorage } from './backend/interface.js';

const versions = new WeakMap<object, number>();

/** What identifies a tensor's storage: its device storage, or the typed array its views share. */
export function storageKey(t: { readonly data: DataArray; readonly storage?: DeviceStorage | null }): object {
  return t.storage ?? t.data;
}

/** How many in-place ops have written to this tensor's storage (0 for a fresh one). */
export function storageVersion(t: { readonly data: DataArray; readonly storage?: DeviceStorage | null }): number {
  return versions.get(storageKey(t)) ?? 0;
}

/** Record one more in-place write to this tensor's storage. */
export function bumpStorageVersion(t: { readonly data: DataArray; readonly storage?: DeviceStorage | null }): void {
  const key = storageKey(t);
  versions.set(key, (versions.get(key) ?? 0) + 1);
}
