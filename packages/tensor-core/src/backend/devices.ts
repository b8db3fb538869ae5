// Device backends (GPU...) and routing: once one is registered, getBackend() hands out a backend
// whose kernels run on the device of their views (every view of one call on one device, or
// PyTorch's "Expected all tensors to be on the same device" error).
import { mixedDeviceMessage, type Device } from '../device.js';
import { TorchletError } from '../errors.js';
import type { DataArray } from '../dtype.js';
import type { Backend, DeviceBackend, StridedView } from './interface.js';
import { isDisposedData, throwDisposed } from '../memory/released.js';

const deviceBackends = new Map<Device, DeviceBackend>();

/**
 * Register (or replace) the backend of a device; tensors can then be created on and moved to it.
 *
 * @pytorch none: like an out-of-tree PyTorch device (PrivateUse1) registering its kernels
 * @example
 * ```ts
 * function install(device: DeviceBackend): void {
 *   registerDevice(device); // what initWebGPU() does for 'webgpu'
 * }
 * ```
 */
export function registerDevice(backend: DeviceBackend): void {
  deviceBackends.set(backend.device, backend);
  routed = null;
}

/** The backend of `device`, or a clear error when nothing registered it. */
export function deviceBackend(device: Exclude<Device, 'cpu'>): DeviceBackend {
  const backend = deviceBackends.get(device);
  if (backend === undefined) {
    throw new TorchletError(
      `device '${device}' is not available: initialise it first (for 'webgpu': await initWebGPU() from @torchlet/webgpu)`,
    );
  }
  return backend;
}

/** The backend of `device`, or null when nothing registered it (no error: for clean-up paths). */
export function registeredDevice(device: Exclude<Device, 'cpu'>): DeviceBackend | null {
  return deviceBackends.get(device) ?? null;
}

/** Whether tensors on `device` can be float64 (the CPU; a device unless its backend says it cannot). */
export function holdsFloat64(device: Device): boolean {
  return device === 'cpu' || deviceBackend(device).float64 !== false;
}

function syncReadError(device: Device): TorchletError {
  return new TorchletError(
    `this tensor is on '${device}', whose storage cannot be read synchronously: use the async readers ` +
      `(await t.itemAsync(), t.toArrayAsync(), t.toTypedArrayAsync()) or move it with await t.toAsync('cpu')`,
  );
}

/**
 * The error of a synchronous op that would have to read values of a tensor on `device` (a count,
 * a class value, a flag): it names the async variant that reads them with `await`.
 */
export function syncReadOpError(op: string, device: Device, what: string, asyncVariant: string): TorchletError {
  return new TorchletError(
    `${op}() needs ${what}, a synchronous read of a tensor on '${device}', whose storage cannot be read synchronously: use ${asyncVariant}`,
  );
}

const sentinels = new Map<Device, DataArray>();

/**
 * What a device tensor has as `data`: an object that throws the sync-read error on any use, so no
 * CPU kernel or reader can take it for values.
 */
export function deviceDataSentinel(device: Device): DataArray {
  let sentinel = sentinels.get(device);
  if (sentinel === undefined) {
    const fail = (): never => {
      throw syncReadError(device);
    };
    sentinel = new Proxy(Object.create(null) as object, { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, set: fail }) as DataArray;
    sentinels.set(device, sentinel);
  }
  return sentinel;
}

/** The device of the views among kernel arguments (inside arrays and plain objects too), or null. */
function deviceOfArgs(args: readonly unknown[]): Device | null {
  let device: Device | null = null;
  const visit = (a: unknown): void => {
    if (typeof a !== 'object' || a === null || ArrayBuffer.isView(a)) return;
    if (Array.isArray(a)) {
      for (const v of a) visit(v);
      return;
    }
    if (!('strides' in a) || !('shape' in a)) {
      if (Object.getPrototypeOf(a) === Object.prototype) for (const v of Object.values(a)) visit(v);
      return;
    }
    // a disposed tensor's view: its storage may be reused already
    if (isDisposedData((a as StridedView).data)) throwDisposed();
    const d: Device = (a as StridedView).storage?.device ?? 'cpu';
    if (device === null) device = d;
    else if (d !== device) throw new TorchletError(mixedDeviceMessage(device, d));
  };
  for (const a of args) visit(a);
  return device;
}

let routed: { over: Backend; backend: Backend } | null = null;

/**
 * `cpuSide` when no device is registered, else a backend whose kernels go to the device of their
 * views (cached until the CPU backend or the devices change).
 */
export function routedBackend(cpuSide: Backend): Backend {
  if (deviceBackends.size === 0) return cpuSide;
  if (routed !== null && routed.over === cpuSide) return routed.backend;
  const backend: Record<string, unknown> = { ...cpuSide };
  for (const [key, value] of Object.entries(cpuSide)) {
    if (typeof value !== 'function') continue;
    backend[key] = (...args: unknown[]): unknown => {
      const device = deviceOfArgs(args);
      const target: Backend = device === null || device === 'cpu' ? cpuSide : deviceBackend(device);
      return (target as unknown as Record<string, (...a: unknown[]) => unknown>)[key](...args);
    };
  }
  routed = { over: cpuSide, backend: backend as unknown as Backend };
  return routed.backend;
}
