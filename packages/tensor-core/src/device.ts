// Devices: where a tensor's storage lives. This build has one, the CPU: JavaScript typed arrays,
// which both the cpu and the wasm backends read (the wasm kernels copy operands into their memory).
import { argError } from './errors.js';

/** The devices of this build (PyTorch's `torch.device` names). */
export const DEVICES = ['cpu'] as const;

/** A device by name, as `t.device` reports it and `to()` / the `device` option take it. */
export type Device = (typeof DEVICES)[number];

export function isDevice(value: unknown): value is Device {
  return typeof value === 'string' && (DEVICES as readonly string[]).includes(value);
}

/** `value` as a device, or an error naming the argument and the devices this build has. */
export function checkDevice(op: string, argument: string, value: unknown): Device {
  if (!isDevice(value)) {
    argError(op, argument, `a device this build has (${DEVICES.map((d) => `'${d}'`).join(', ')})`, typeof value === 'string' ? `'${value}'` : String(value));
  }
  return value;
}
