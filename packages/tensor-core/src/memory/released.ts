// Disposed tensors: their `data` becomes an object that throws on any use, so no kernel, reader or
// view can read memory a scope has reused. A plain field write (no change of the object's shape, so
// the hot paths that read `data` stay as fast), and the test for it is one comparison.
import type { DataArray } from '../dtype.js';
import { TorchletError } from '../errors.js';
import type { Tensor } from '../tensor.js';

export const DISPOSED_MESSAGE =
  'this tensor was disposed (by the scope() that made it, or by dispose()) and its memory may hold ' +
  'other data now: return it from the scope, or keep() it, to use it afterwards';

function throwDisposed(): never {
  throw new TorchletError(DISPOSED_MESSAGE);
}

const DISPOSED = new Proxy(Object.create(null) as object, {
  get: throwDisposed,
  has: throwDisposed,
  ownKeys: throwDisposed,
  getOwnPropertyDescriptor: throwDisposed,
  set: throwDisposed,
}) as DataArray;

export function markReleased(t: Tensor): void {
  (t as { data: DataArray }).data = DISPOSED;
}

export function isReleased(t: Tensor): boolean {
  return t.data === DISPOSED;
}
