// One initialised GPU device: its queue, the command encoder that batches dispatches until a read
// (or `maxBatch` dispatches) flushes it, the pipeline cache, the buffer pool, and the device's
// state (lost, or an asynchronous error such as out of memory), reported on the next use.
import { TorchletError, type DType } from '@torchlet/tensor-core';
import { BufferPool, type WebGPUStorage } from './buffers.js';
import { BufferUsage } from './usage.js';
import { ERROR_BYTES } from './index-errors.js';

export interface Binding {
  readonly buffer: GPUBuffer;
  readonly writable: boolean;
}

/**
 * A shader's WGSL, built on demand, and the key that names it: a short string of everything the text
 * depends on (two sources with the same key must give the same text), so the pipeline cache finds
 * it without building or hashing kilobytes of WGSL on every dispatch.
 */
export interface ShaderSource {
  readonly key: string;
  code(): string;
}

interface CachedPipeline {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

export class GpuContext {
  readonly pool: BufferPool;
  /** Device-side index errors (index-errors.ts): written by kernels, copied and cleared by every read. */
  readonly errors: GPUBuffer;
  private encoder: GPUCommandEncoder | null = null;
  private dispatches = 0;
  /** Buffers used by the commands being recorded, destroyed once they are submitted. */
  private transient: GPUBuffer[] = [];
  /** Parameter buffers free for reuse, by size: only ones whose batch was submitted (paramBuffer). */
  private readonly paramFree = new Map<number, GPUBuffer[]>();
  /** Parameter buffers the commands being recorded read: free again once those are submitted. */
  private paramPending: GPUBuffer[] = [];
  /** Parameter buffers made (the rest were reused), for tests and diagnostics. */
  readonly stats = { paramBuffers: 0 };
  /** Compiled pipelines by shader key (ShaderSource.key, or the WGSL text itself). */
  private readonly pipelines = new Map<string, CachedPipeline>();
  private failure: string | null = null;
  private disposed = false;
  /** Scratch storages of the kernel call being recorded, given back when it returns (kernelCall). */
  private scratchStorages: WebGPUStorage[] = [];
  private kernelDepth = 0;

  constructor(
    readonly device: GPUDevice,
    readonly maxBatch: number,
    /**
     * The GPU and adapter objects the device came from: held while it lives (Node's bindings abort
     * the process when the GPU object is garbage collected under a live device).
     */
    readonly owners: readonly object[] = [],
  ) {
    this.pool = new BufferPool(this);
    this.errors = device.createBuffer({ size: ERROR_BYTES, usage: BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST });
    void device.lost.then((info) => {
      if (!this.disposed) this.failure = `the webgpu device was lost (${info.reason}: ${info.message})`;
    });
    device.addEventListener('uncapturederror', (event) => {
      const error = (event as GPUUncapturedErrorEvent).error;
      this.failure ??= `the webgpu device reported an error: ${error.message}`;
    });
  }

  /** Throws the device's failure (lost, disposed, an earlier asynchronous error), if any. */
  check(): void {
    if (this.disposed) throw new TorchletError("webgpu was disposed: await initWebGPU() again before using tensors on 'webgpu'");
    if (this.failure !== null) {
      throw new TorchletError(`${this.failure}; tensors on 'webgpu' cannot be used any more: await initWebGPU() again and recreate them (the CPU keeps working)`);
    }
  }

  /** Whether dispose() ran (the device and its buffers are gone). */
  isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Storage for a kernel's intermediate values (not zero-filled): back to the pool as soon as the
   * kernel call that asked for it has recorded its commands (they still run first).
   */
  scratch(dtype: DType, length: number): WebGPUStorage {
    const storage = this.pool.allocate(dtype, length, false);
    this.scratchStorages.push(storage);
    return storage;
  }

  /** Run one kernel call (the backend's entry points): check the device, then give back its scratch. */
  kernelCall(record: () => void): void {
    this.check();
    this.kernelDepth++;
    try {
      record();
    } finally {
      if (--this.kernelDepth === 0 && this.scratchStorages.length > 0) {
        const done = this.scratchStorages;
        this.scratchStorages = [];
        for (const s of done) this.pool.releaseStorage(s);
      }
    }
  }

  /** Record an asynchronous failure (out of memory...) to report on the next use. */
  fail(message: string): void {
    this.failure ??= message;
  }

  commandEncoder(): GPUCommandEncoder {
    this.check();
    this.encoder ??= this.device.createCommandEncoder();
    return this.encoder;
  }

  /** Keep `buffer` alive until the commands recorded so far are submitted, then destroy it. */
  destroyAfterSubmit(buffer: GPUBuffer): void {
    this.transient.push(buffer);
  }

  /**
   * A storage buffer holding `words` (kernel parameters). Parameter buffers are pooled by size and
   * written with queue.writeBuffer, which runs before the commands still being recorded: so a buffer
   * is only taken once the batch that read it was submitted (the queue then runs that batch first).
   */
  paramBuffer(words: ArrayBuffer): GPUBuffer {
    let size = 64;
    while (size < words.byteLength) size *= 2;
    let buffer = this.paramFree.get(size)?.pop();
    if (buffer === undefined) {
      buffer = this.device.createBuffer({ size, usage: BufferUsage.STORAGE | BufferUsage.COPY_DST });
      this.stats.paramBuffers++;
    }
    this.device.queue.writeBuffer(buffer, 0, words);
    this.paramPending.push(buffer);
    return buffer;
  }

  /**
   * The pipeline of `shader` (with its bind group layout), compiled on first use. A shader given as
   * a ShaderSource is looked up by its short key, so its text is built only once.
   */
  pipeline(shader: string | ShaderSource): CachedPipeline {
    const key = typeof shader === 'string' ? shader : shader.key;
    let p = this.pipelines.get(key);
    if (p === undefined) {
      const code = typeof shader === 'string' ? shader : shader.code();
      const module = this.device.createShaderModule({ code });
      const pipeline = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
      p = { pipeline, layout: pipeline.getBindGroupLayout(0) };
      this.pipelines.set(key, p);
    }
    return p;
  }

  /** Record one dispatch of `shader` over `bindings` (binding i at @binding(i)); flushes every maxBatch. */
  dispatch(shader: string | ShaderSource, bindings: readonly Binding[], groups: readonly [number, number, number]): void {
    if (groups[0] === 0 || groups[1] === 0 || groups[2] === 0) return;
    const { pipeline, layout } = this.pipeline(shader);
    const bindGroup = this.device.createBindGroup({
      layout,
      entries: bindings.map((b, i) => ({ binding: i, resource: { buffer: b.buffer } })),
    });
    const pass = this.commandEncoder().beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(groups[0], groups[1], groups[2]);
    pass.end();
    if (++this.dispatches >= this.maxBatch) this.flush();
  }

  /** Submit what was recorded. */
  flush(): void {
    if (this.encoder === null) return;
    const commands = this.encoder.finish();
    this.encoder = null;
    this.dispatches = 0;
    this.device.queue.submit([commands]);
    for (const b of this.paramPending) {
      let list = this.paramFree.get(b.size);
      if (list === undefined) this.paramFree.set(b.size, (list = []));
      list.push(b);
    }
    this.paramPending = [];
    const done = this.transient;
    this.transient = [];
    if (done.length > 0) void this.device.queue.onSubmittedWorkDone().then(() => { for (const b of done) b.destroy(); });
  }

  dispose(): void {
    if (this.disposed) return;
    this.flush();
    this.disposed = true;
    this.pool.clear();
    for (const list of this.paramFree.values()) for (const b of list) b.destroy();
    this.paramFree.clear();
    this.errors.destroy();
    this.device.destroy();
  }
}
