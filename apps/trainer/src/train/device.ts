// Where the trainer computes: 'cpu' (tensor-core's backends) or 'webgpu' (@torchlet/webgpu: Dawn's
// `webgpu` package in Node). A device other than the CPU is read back asynchronously, so the loop
// awaits its loss values and predictions, and snapshots are copied to the CPU before they are saved.
import { Tensor } from '@torchlet/tensor-core';

export const DEVICES = ['cpu', 'webgpu'] as const;
export type TrainDevice = (typeof DEVICES)[number];

/** Start the device (a no-op for the CPU); returns what closes it. */
export async function openDevice(device: TrainDevice, log: (line: string) => void): Promise<() => void> {
  if (device === 'cpu') return () => undefined;
  const { initWebGPU, disposeWebGPU } = await import('@torchlet/webgpu');
  const info = await initWebGPU();
  const what = [info.vendor, info.architecture, info.description].filter((s) => s !== '').join(' ');
  log(`device: webgpu (${what || 'unnamed adapter'}${info.software ? '; a software adapter: its timings say nothing about GPUs' : ''})`);
  return disposeWebGPU;
}

/** The value of a one-element tensor, read back from its device when needed. */
export async function readNumber(t: Tensor): Promise<number> {
  return t.device === 'cpu' ? t.item() : t.itemAsync();
}

/** The elements of `t` in row-major order, read back from its device when needed. */
export async function readValues(t: Tensor): Promise<ArrayLike<number>> {
  return t.device === 'cpu' ? t.toTypedArray() : t.toTypedArrayAsync();
}

/** `value` with every tensor on a device replaced by a CPU copy (arrays and plain objects walked). */
export async function onCpu<T>(value: T): Promise<T> {
  if (value instanceof Tensor) return (value.device === 'cpu' ? value : await value.toAsync('cpu')) as T;
  if (Array.isArray(value)) return (await Promise.all(value.map((v) => onCpu(v)))) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await onCpu(v);
    return out as T;
  }
  return value;
}
