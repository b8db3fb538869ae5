// Where the trainer computes: 'cpu' (tensor-core's backends) or 'webgpu' (@torchlet/webgpu: Dawn's
// `webgpu` package in Node). A device other than the CPU is read back asynchronously, so the loop
// awaits its loss values and predictions, and snapshots are copied to the CPU before they are saved.
import { Tensor, dispose } from '@torchlet/tensor-core';

export const DEVICES = ['cpu', 'webgpu'] as const;
export type TrainDevice = (typeof DEVICES)[number];

/** Start the device (a no-op for the CPU); returns what closes it. */
export async function openDevice(device: TrainDevice, log: (line: string) => void): Promise<() => void> {
  if (device === 'cpu') return () => undefined;
  const { initWebGPU, disposeWebGPU, webgpuMemoryInfo } = await import('@torchlet/webgpu');
  const info = await initWebGPU();
  const what = [info.vendor, info.architecture, info.description].filter((s) => s !== '').join(' ');
  log(`device: webgpu (${what || 'unnamed adapter'}${info.software ? '; a software adapter: its timings say nothing about GPUs' : ''})`);
  return () => {
    // each step runs in scopes (loop.ts): what a step made goes back to the pool, so these stay
    // flat however long the run, and few buffers are left for the garbage collector
    const m = webgpuMemoryInfo();
    log(
      `webgpu memory: ${kib(m.allocatedBytes)} held by tensors, ${kib(m.pooledBytes)} pooled; ` +
        `${m.created} buffers created, ${m.reused} reuses, ${m.collected} given back by the garbage collector`,
    );
    disposeWebGPU();
  };
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
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

/**
 * `onCpu` for a value the caller owns (a state dict's clones): the device tensors it held are
 * disposed once copied, so their device memory goes back now rather than when garbage collected.
 */
export async function takeToCpu<T>(value: T): Promise<T> {
  try {
    return await onCpu(value);
  } finally {
    dispose(onDevice(value));
  }
}

/** The tensors in `value` (arrays and plain objects walked) that live on a device. */
function onDevice(value: unknown, into: Tensor[] = []): Tensor[] {
  if (value instanceof Tensor) {
    if (value.device !== 'cpu') into.push(value);
  } else if (Array.isArray(value)) for (const v of value) onDevice(v, into);
  else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) for (const v of Object.values(value)) onDevice(v, into);
  return into;
}
