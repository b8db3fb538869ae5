// Disposed tensors: their `data` becomes an accessor that throws, so no kernel, reader or view can
// read memory a scope has reused. Live tensors keep a plain `data` field (no cost on the hot path).
import { TorchletError } from '../errors.js';
import type { Tensor } from '../tensor.js';

const disposed = new WeakSet<Tensor>();

export const DISPOSED_MESSAGE =
  'this tensor was disposed (by the scope() that made it, or by dispose()) and its memory may hold ' +
  'other data now: return it from the scope, or keep() it, to use it afterwards';

function throwDisposed(): never {
  throw new TorchletError(DISPOSED_MESSAGE);
}

export function markReleased(t: Tensor): void {
  disposed.add(t);
  Object.defineProperty(t, 'data', { get: throwDisposed, configurable: true, enumerable: true });
}

export function isReleased(t: Tensor): boolean {
  return disposed.has(t);
}
