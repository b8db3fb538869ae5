// An instance of the kernels plus a bump arena over its memory: every kernel call starts with
// reset(), allocates its operands with alloc() (the memory grows on demand) and reads results
// through typed views that follow the memory when it grows.
import type { ThreadPool } from './pool.js';
import type { WasmFeatures } from './features.js';
import type { KernelExports } from './wasm-api.js';

/** The kernels' memory cannot hold a call's operands (the wasm backend falls back to the reference kernels). */
export class WasmMemoryFull extends RangeError {
  constructor(bytes: number) {
    super(`wasm backend: the kernels' memory cannot grow to ${bytes} bytes`);
    this.name = 'WasmMemoryFull';
  }
}

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

/** How far apart the two arena regions of alternate calls start (see WasmKernels.alternate). */
const ALTERNATE_BYTES = 8 << 20;

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
  /** Worker threads sharing this module's memory (initWasmBackend({ threads })), or null. */
  pool: ThreadPool | null = null;
  private localKernels: WasmKernels | null = null;
  private base: number;
  private top: number;
  private viewCache: MemoryViews;

  /** `makeLocal`: how to make the instance over plain memory that local() returns beside a pool. */
  constructor(
    exports: KernelExports,
    features: WasmFeatures,
    private readonly makeLocal: (() => WasmKernels) | null = null,
  ) {
    this.exports = exports;
    this.features = features;
    this.base = exports.heapBase();
    this.top = this.base;
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

  /** Reserve `bytes` below the arena for good (control blocks); call before any kernel runs. */
  reserve(bytes: number): number {
    const ptr = this.base;
    this.base += Math.ceil(bytes / 64) * 64;
    this.top = this.base;
    this.alloc(0);
    return ptr;
  }

  /**
   * With worker threads: successive calls alternate between two arena regions ALTERNATE_BYTES
   * apart, so that a call's copies in do not write the cache lines a worker was just reading (taking
   * them back from the other core made the copies in about 1.5x slower).
   */
  alternate = false;
  private second = false;

  /** Start a kernel call: every earlier allocation is released. */
  reset(): void {
    this.second = this.alternate && !this.second;
    this.top = this.base + (this.second ? ALTERNATE_BYTES : 0);
  }

  /** The most bytes the arena may reach (the memory's own maximum applies too); tests lower it. */
  limitBytes = Infinity;

  /**
   * Reserve `bytes` (64-byte aligned), growing the memory when needed; returns the byte offset.
   * Throws WasmMemoryFull when the memory cannot grow that far (the backend then runs the reference
   * kernels for that call).
   */
  alloc(bytes: number): number {
    // a size the kernels computed in i32 wraps negative past 2 GB: no arena holds that
    if (!(bytes >= 0)) throw new WasmMemoryFull(this.top + 2 ** 31);
    const ptr = this.top;
    this.top = ptr + Math.ceil(bytes / 64) * 64; // not `& ~63`: sizes may pass 2^31
    const memory = this.exports.memory;
    const have = memory.buffer.byteLength;
    if (this.top > this.limitBytes) {
      this.top = ptr;
      throw new WasmMemoryFull(ptr + bytes);
    }
    if (this.top > have) {
      try {
        memory.grow(Math.ceil((this.top - have) / 65536));
      } catch {
        this.top = ptr;
        throw new WasmMemoryFull(ptr + bytes);
      }
    }
    return ptr;
  }

  /**
   * alloc() for a buffer whose size the kernels also compute (in i32): `bytes`, computed exactly by
   * the caller, must stay below 2^31 or the kernel's own figure has wrapped. Past that the call
   * cannot run in the arena (WasmMemoryFull: the reference kernels run it), where trusting the
   * kernel's figure gave a buffer too small and a trap ("memory access out of bounds").
   */
  allocKernelSized(bytes: number): number {
    if (bytes > MAX_KERNEL_SIZED_BYTES) throw new WasmMemoryFull(this.top + bytes);
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
