// Devices: where a tensor's storage lives. 'cpu': JavaScript typed arrays, which the cpu and wasm
// backends read (the wasm backend's scope storage is memory of its instance, still a typed array);
// other devices hold storage their device backend owns (backend/devices.ts), such as GPU buffers,
// and exist once a package registers their backend (@torchlet/webgpu's initWebGPU()).
import { argError } from './errors.js';

/**
 * The devices torchlet knows (PyTorch's `torch.device` names); only 'cpu' is always there.
 *
 * @pytorch torch.device types (here the devices torchlet knows)
 * @example
 * ```ts
 * const known = DEVICES.includes('webgpu'); // true
 * ```
 */
export const DEVICES = ['cpu', 'webgpu'] as const;

/**
 * Where a tensor's storage lives: 'cpu', or 'webgpu' once @torchlet/webgpu initialised it.
 *
 * @pytorch torch.device
 * @example
 * ```ts
 * const device: Device = 'cpu';
 * const x = randn([2], { device });
 * ```
 */
export type Device = (typeof DEVICES)[number];

/**
 * Whether a value is a device name ('cpu' or 'webgpu').
 *
 * @pytorch none: a type guard for strings read at run time (isinstance(x, torch.device))
 * @example
 * ```ts
 * const name: string = 'cpu';
 * const x = isDevice(name) ? zeros([2]).to(name) : zeros([2]);
 * ```
 */
export function isDevice(value: unknown): value is Device {
  return typeof value === 'string' && (DEVICES as readonly string[]).includes(value);
}

/** `value` as a device, or an error naming the argument and the devices torchlet knows. */
export function checkDevice(op: string, argument: string, value: unknown): Device {
  if (!isDevice(value)) {
    argError(op, argument, `a device (${DEVICES.map((d) => `'${d}'`).join(', ')})`, typeof value === 'string' ? `'${value}'` : String(value));
  }
  return value;
}

/** PyTorch's error for operands on two devices. */
export function mixedDeviceMessage(a: Device, b: Device): string {
  return `Expected all tensors to be on the same device, but found at least two devices, ${a} and ${b}!`;
}
