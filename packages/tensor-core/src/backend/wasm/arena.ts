// An instance of the kernels plus a bump arena for each call's operands: every kernel call starts
// with reset(), allocates its operands with alloc() and reads results through typed views that
// follow the memory when it grows. The arena's bytes come from the memory's heap (heap.ts), which
// the storage of tensors made inside `scope()` shares.
import { WasmHeap, WasmMemoryFull } from './heap.js';
import type { ThreadPool } from './pool.js';
import type { WasmFeatures } from './features.js';
import type { KernelExports } from './wasm-api.js';

/**
 * The largest buffer whose size the kernels may compute themselves: they compute sizes in i32, which
 * wraps past 2^31 - 1 (negative), and past 2^32 comes back small and positive (a buffer far too small).
 */
export const MAX_KERNEL_SIZED_BYTES = 2 ** 31 - 1;

/**
 * Bytes of the kernels' packed copy of a k x n B, as packedBBytes in assembly/kernels.ts computes
 * it (k * nPad * 4 + 64, nPad = n rounded up to 16), but in doubles: exact at any size.
 */
export function packedBBytes(k: number, n: number): number {
  return k * Math.ceil(n / 16) * 16 * 4 + 64;
}

/** Bytes of the single-thread matmul kernel's scratch (matmulScratchBytes: the packed B + 256). */
export function matmulScratchBytes(k: number, n: number): number {
  return packedBBytes(k, n) + 256;
}

/** The smallest arena region (each call's operands usually fit; a call that needs more gets it next time). */
const MIN_ARENA_BYTES = 8 << 20;

interface MemoryViews {
  readonly buffer: ArrayBufferLike;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly i32: Int32Array;
  readonly u8: Uint8Array;
}

function memoryViews(buffer: ArrayBufferLike): MemoryViews {
  return { buffer, f32: new Float32Array(buffer), f64: new Float64Array(buffer), i32: new Int32Array(buffer), u8: new Uint8Array(buffer) };
}

/** The instantiated kernels plus a bump arena over their memory (reset by every kernel call). */
export class WasmKernels {
  readonly exports: KernelExports;
  readonly features: WasmFeatures;
  /** The allocator of this instance's memory (shared with other instances over the same memory). */
  readonly heap: WasmHeap;
  /** Worker threads sharing this module's memory (initWasmBackend({ threads })), or null. */
  pool: ThreadPool | null = null;
  private localKernels: WasmKernels | null = null;
  private viewCache: MemoryViews;
  /** The arena: one block of one region of `regionBytes`, or two when calls alternate. */
  private block = 0;
  private blockBytes = 0;
  private regionBytes = 0;
  private top = 0;
  private end = 0;
  /** Bytes the current call asked for, and blocks of its own for what did not fit the region. */
  private need = 0;
  private readonly overflow: [ptr: number, bytes: number][] = [];

  /**
   * `makeLocal`: how to make the instance over plain memory that local() returns beside a pool;
   * `heap`: the allocator of the memory when another instance already manages it.
   */
  constructor(
    exports: KernelExports,
    features: WasmFeatures,
    private readonly makeLocal: (() => WasmKernels) | null = null,
    heap?: WasmHeap,
  ) {
    this.exports = exports;
    this.features = features;
    this.heap = heap ?? new WasmHeap(exports.memory, exports.heapBase());
    this.viewCache = memoryViews(exports.memory.buffer);
  }

  /**
   * The kernels for a call that stays on the calling thread: with worker threads, a second instance
   * over a memory of its own, made on first use (V8 copies typed arrays into shared memory with a
   * relaxed-atomic memmove, measured 1.2 to 1.4x slower for an in-place add of 200K elements than
   * into plain memory); without, this one.
   */
  local(): WasmKernels {
    if (this.pool === null || this.makeLocal === null) return this;
    return (this.localKernels ??= this.makeLocal());
  }

  /** Reserve `bytes` for good (control blocks); returns the byte offset. */
  reserve(bytes: number): number {
    return this.heap.malloc(bytes);
  }

  /**
   * With worker threads: successive calls alternate between the arena's two regions, so that a
   * call's copies in do not write the cache lines a worker was just reading (taking them back from
   * the other core made the copies in about 1.5x slower).
   */
  alternate = false;
  private second = false;

  /** Start a kernel call: every earlier allocation is released. */
  reset(): void {
    for (const [ptr, bytes] of this.overflow) this.heap.free(ptr, bytes);
    this.overflow.length = 0;
    if (this.need > this.regionBytes || this.regionBytes === 0 || (this.alternate && this.blockBytes < 2 * this.regionBytes)) this.resize(this.need);
    this.need = 0;
    this.second = this.alternate && !this.second;
    this.top = this.block + (this.second ? this.regionBytes : 0);
    this.end = this.top + this.regionBytes;
  }

  /** Give the arena's block back to the heap (an instance replaced by another over the same memory). */
  releaseArena(): void {
    for (const [ptr, bytes] of this.overflow) this.heap.free(ptr, bytes);
    this.overflow.length = 0;
    if (this.blockBytes > 0) this.heap.free(this.block, this.blockBytes);
    this.block = this.blockBytes = this.regionBytes = this.top = this.end = this.need = 0;
  }

  /** A new arena block with regions of at least `bytes` (none when the memory cannot hold it). */
  private resize(bytes: number): void {
    if (this.blockBytes > 0) this.heap.free(this.block, this.blockBytes);
    this.block = 0;
    this.blockBytes = 0;
    this.regionBytes = 0;
    const region = Math.max(MIN_ARENA_BYTES, Math.ceil((bytes * 1.25) / 65536) * 65536);
    const total = this.alternate ? 2 * region : region;
    try {
      this.block = this.heap.malloc(total);
      this.blockBytes = total;
      this.regionBytes = region;
    } catch (e) {
      if (!(e instanceof WasmMemoryFull)) throw e;
      // calls take blocks of their own until the memory has room (or run the reference kernels)
    }
  }

  /** The most bytes the memory may reach (the memory's own maximum applies too); tests lower it. */
  get limitBytes(): number {
    return this.heap.limitBytes;
  }
  set limitBytes(bytes: number) {
    this.heap.limitBytes = bytes;
  }

  /**
   * Reserve `bytes` (64-byte aligned) until the next reset; returns the byte offset. Throws
   * WasmMemoryFull when the memory cannot grow that far (the backend then runs the reference
   * kernels for that call).
   */
  alloc(bytes: number): number {
    // a size the kernels computed in i32 wraps negative past 2 GB: no arena holds that
    if (!(bytes >= 0)) throw new WasmMemoryFull(this.heap.reservedBytes + 2 ** 31);
    const size = Math.ceil(bytes / 64) * 64; // not `& ~63`: sizes may pass 2^31
    this.need += size;
    if (this.top + size > this.heap.limitBytes) throw new WasmMemoryFull(this.top + size);
    if (this.top + size <= this.end) {
      const ptr = this.top;
      this.top += size;
      return ptr;
    }
    const ptr = this.heap.malloc(size);
    this.overflow.push([ptr, size]);
    return ptr;
  }

  /**
   * alloc() for a buffer whose size the kernels also compute (in i32): `bytes`, computed exactly by
   * the caller, must stay below 2^31 or the kernel's own figure has wrapped. Past that the call
   * cannot run in the arena (WasmMemoryFull: the reference kernels run it), where trusting the
   * kernel's figure gave a buffer too small and a trap ("memory access out of bounds").
   */
  allocKernelSized(bytes: number): number {
    if (bytes > MAX_KERNEL_SIZED_BYTES) throw new WasmMemoryFull(this.heap.reservedBytes + bytes);
    return this.alloc(bytes);
  }

  /** Typed views over the whole memory, re-made after the memory grew (a new buffer). */
  private get views(): MemoryViews {
    const buffer = this.exports.memory.buffer;
    if (this.viewCache.buffer !== buffer || this.viewCache.f32.byteLength === 0) {
      this.viewCache = memoryViews(buffer);
    }
    return this.viewCache;
  }

  get f32(): Float32Array {
    return this.views.f32;
  }

  get u8(): Uint8Array {
    return this.views.u8;
  }

  get f64(): Float64Array {
    return this.views.f64;
  }

  get i32(): Int32Array {
    return this.views.i32;
  }
}
