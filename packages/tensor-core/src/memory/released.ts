// Disposed tensors: their `data` becomes an object that throws on any use, so no kernel, reader or
// view can read memory a scope has reused. A plain field write (no change of the object's shape, so
// the hot paths that read `data` stay as fast), and the test for it is one comparison. A device
// tensor's `storage` becomes a stand-in that still names its device and throws on anything else:
// its device memory may already hold another tensor's data.
import type { DeviceStorage } from '../backend/interface.js';
import type { Device } from '../device.js';
import type { DataArray } from '../dtype.js';
import { TorchletError } from '../errors.js';
import type { Tensor } from '../tensor.js';

export const DISPOSED_MESSAGE =
  'this tensor was disposed (by the scope() that made it, or by dispose()) and its memory may hold ' +
  'other data now: return it from the scope, or keep() it, to use it afterwards';

export function throwDisposed(): never {
  throw new TorchletError(DISPOSED_MESSAGE);
}

const DISPOSED = new Proxy(Object.create(null) as object, {
  get: throwDisposed,
  has: throwDisposed,
  ownKeys: throwDisposed,
  getOwnPropertyDescriptor: throwDisposed,
  set: throwDisposed,
}) as DataArray;

const releasedStorages = new Map<Device, DeviceStorage>();

/** What a disposed device tensor holds as `storage`: `device` reads; any other use throws. */
function releasedStorage(device: Exclude<Device, 'cpu'>): DeviceStorage {
  let s = releasedStorages.get(device);
  if (s === undefined) {
    s = new Proxy(Object.create(null) as object, {
      get: (_target, key) => (key === 'device' ? device : throwDisposed()),
      has: throwDisposed,
      ownKeys: throwDisposed,
      getOwnPropertyDescriptor: throwDisposed,
      getPrototypeOf: throwDisposed,
      set: throwDisposed,
    }) as DeviceStorage;
    releasedStorages.set(device, s);
  }
  return s;
}

/** Whether `storage` is a disposed tensor's stand-in (a view made of a disposed tensor gets it). */
export function isReleasedStorage(storage: DeviceStorage): boolean {
  return releasedStorages.get(storage.device) === storage;
}

/** The `data` of a disposed tensor (and of a view of one). */
export function disposedData(): DataArray {
  return DISPOSED;
}

export function markReleased(t: Tensor): void {
  (t as { data: DataArray }).data = DISPOSED;
  if (t.storage !== null) (t as { storage: DeviceStorage }).storage = releasedStorage(t.storage.device);
}

export function isReleased(t: Tensor): boolean {
  return t.data === DISPOSED;
}

/** Whether a view's `data` is a disposed tensor's. */
export function isDisposedData(data: DataArray): boolean {
  return data === DISPOSED;
}
