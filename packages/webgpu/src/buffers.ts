// Storage on the GPU: one GPUBuffer per storage, taken from a pool of buffers bucketed by size
// (powers of two). A storage's buffer goes back to the pool when tensor-core releases it (its last
// live tensor disposed: dispose(), scope()), or else when the garbage collector finalises it (a
// FinalizationRegistry, unregistered by an explicit release, so a buffer never goes back twice).
//
// Reuse is ordered by the queue: every write of a storage buffer is recorded on the context's one
// command encoder (clearBuffer, copyBufferToBuffer from a staging buffer, dispatches), never with
// queue.writeBuffer, which would run before the commands still being recorded. So a buffer released
// and handed out again is written only by commands recorded after every command that read it, and
// a read back copies it in a submission made before the call returns.
import type { GpuContext } from './context.js';
import { BufferUsage } from './usage.js';
import { TorchletError, type DType, type DeviceStorage } from '@torchlet/tensor-core';

const STORAGE_USAGE = BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;
const MIN_BUCKET = 256;

/** A tensor's storage on 'webgpu': `length` 32-bit elements at the start of `buffer`. */
export class WebGPUStorage implements DeviceStorage {
  readonly device = 'webgpu' as const;
  /** Given back to the pool: no kernel or reader may use it. */
  released = false;
  constructor(
    readonly dtype: DType,
    readonly length: number,
    readonly buffer: GPUBuffer,
    readonly context: GpuContext,
  ) {}
}

/** The pool's bucket (bytes) for `bytes`: the next power of two, at least MIN_BUCKET. */
export function bucketSize(bytes: number): number {
  let size = MIN_BUCKET;
  while (size < bytes) size *= 2;
  return size;
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${bytes} bytes` : `${v.toFixed(1)} ${units[u]} (${bytes} bytes)`;
}

export class BufferPool {
  private readonly free = new Map<number, GPUBuffer[]>();
  private readonly registry = new FinalizationRegistry<GPUBuffer>((buffer) => {
    this.stats.collected++;
    this.handBack(buffer);
  });
  /**
   * Buffers made (not taken from the pool), reused from it, and given back to it (`released`: all;
   * `collected`: those by the garbage collector rather than an explicit release), for tests and diagnostics.
   */
  readonly stats = { created: 0, reused: 0, released: 0, collected: 0 };
  /** Buffers held by storages not given back yet, and their bytes (bucket sizes). */
  liveBuffers = 0;
  liveBytes = 0;
  freeBytes = 0;
  freeBuffers = 0;
  /** Free buffers beyond this many bytes are destroyed instead of pooled. */
  maxFreeBytes = 512 * 1024 * 1024;

  constructor(private readonly context: GpuContext) {}

  /** A storage of `length` elements, zero-filled when `zeroed`. */
  allocate(dtype: DType, length: number, zeroed: boolean): WebGPUStorage {
    const ctx = this.context;
    ctx.check();
    const bytes = Math.max(4, length * 4);
    const size = bucketSize(bytes);
    const limit = ctx.device.limits.maxBufferSize;
    if (size > limit || bytes > ctx.device.limits.maxStorageBufferBindingSize) {
      throw new TorchletError(
        `webgpu: cannot allocate ${formatBytes(bytes)} for ${length} ${dtype} elements: the device's largest buffer is ${formatBytes(Math.min(limit, ctx.device.limits.maxStorageBufferBindingSize))}`,
      );
    }
    let buffer = this.free.get(size)?.pop();
    if (buffer !== undefined) {
      this.freeBytes -= size;
      this.freeBuffers--;
      this.stats.reused++;
      if (zeroed) ctx.commandEncoder().clearBuffer(buffer, 0, size);
    } else {
      ctx.device.pushErrorScope('out-of-memory');
      buffer = ctx.device.createBuffer({ size, usage: STORAGE_USAGE });
      void ctx.device.popErrorScope().then((error) => {
        if (error !== null) ctx.fail(`webgpu: out of GPU memory allocating ${formatBytes(size)} for ${length} ${dtype} elements (${error.message})`);
      });
      this.stats.created++;
    }
    const storage = new WebGPUStorage(dtype, length, buffer, ctx);
    // the storage is its own unregister token: an explicit release takes it out of the registry
    this.registry.register(storage, buffer, storage);
    this.liveBuffers++;
    this.liveBytes += size;
    return storage;
  }

  /**
   * Take `storage`'s buffer back now (tensor-core's release: its last tensor was disposed; or scratch
   * a kernel is done recording). Later commands may reuse it; commands already recorded still read
   * the old contents first (see the top of this file). A second release of a storage does nothing.
   */
  releaseStorage(storage: WebGPUStorage): void {
    if (storage.released) return;
    storage.released = true;
    this.registry.unregister(storage);
    this.handBack(storage.buffer);
  }

  /** Take back a buffer nobody references any more (commands already recorded still run first). */
  private handBack(buffer: GPUBuffer): void {
    this.stats.released++;
    this.liveBuffers--;
    this.liveBytes -= buffer.size;
    if (this.context.isDisposed()) return; // destroyed with the device
    if (this.freeBytes + buffer.size > this.maxFreeBytes) {
      this.context.destroyAfterSubmit(buffer);
      return;
    }
    let list = this.free.get(buffer.size);
    if (list === undefined) this.free.set(buffer.size, (list = []));
    list.push(buffer);
    this.freeBytes += buffer.size;
    this.freeBuffers++;
  }

  /** Destroy the pooled buffers (the device is going). */
  clear(): void {
    for (const list of this.free.values()) for (const b of list) b.destroy();
    this.free.clear();
    this.freeBytes = 0;
    this.freeBuffers = 0;
  }
}
