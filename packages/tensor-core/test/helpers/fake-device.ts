// A stand-in for a device backend (the tests' 'webgpu'): storage is a typed array the tensors cannot
// see, every kernel unwraps its views and runs the reference kernel, and reading back is async. It
// exercises tensor-core's device plumbing (routing, placement, readers, errors) without a GPU.
import { cpuBackend, type Backend, type DType, type DataArray, type DeviceBackend, type DeviceStorage, type StridedView } from '../../src/index.js';
import { allocate } from '../../src/dtype.js';

interface FakeStorage extends DeviceStorage {
  readonly array: DataArray;
}

function isView(x: unknown): x is StridedView {
  return typeof x === 'object' && x !== null && 'strides' in x && 'shape' in x;
}

/** A view's CPU twin: the same window over the storage's hidden typed array. */
function unwrap(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(unwrap);
  if (typeof x === 'object' && x !== null && !isView(x) && Object.getPrototypeOf(x) === Object.prototype) {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, unwrap(v)]));
  }
  if (!isView(x) || x.storage == null) return x;
  const s = x.storage as FakeStorage;
  return { dtype: x.dtype, data: s.array, shape: x.shape, strides: x.strides, offset: x.offset };
}

/** Kernel calls the fake device ran, by kernel name. */
export const fakeDeviceCalls = new Map<string, number>();

/** Storages the fake device took back (release), in order; their arrays are poisoned with NaN. */
export const fakeDeviceReleased: DeviceStorage[] = [];

export function fakeDevice(): DeviceBackend {
  const kernels: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(cpuBackend)) {
    if (typeof value !== 'function') continue;
    kernels[key] = (...args: unknown[]) => {
      fakeDeviceCalls.set(key, (fakeDeviceCalls.get(key) ?? 0) + 1);
      return (value as (...a: unknown[]) => unknown)(...args.map(unwrap));
    };
  }
  const storage = (array: DataArray, dtype: DType): FakeStorage => ({ device: 'webgpu', dtype, length: array.length, array });
  return {
    ...(kernels as unknown as Backend),
    name: 'fake-webgpu',
    device: 'webgpu',
    allocate: (dtype, length) => storage(allocate(dtype, length), dtype),
    upload: (data, dtype) => storage(data.slice() as DataArray, dtype),
    read: async (s) => (s as FakeStorage).array.slice() as DataArray,
    release: (s) => {
      fakeDeviceReleased.push(s);
      // released memory holds other data: a stale read would show NaN
      const array = (s as FakeStorage).array;
      if (array instanceof Float32Array || array instanceof Float64Array) array.fill(NaN);
    },
  };
}
