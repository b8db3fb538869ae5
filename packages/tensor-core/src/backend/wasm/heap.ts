// The allocator of a kernels module's memory: blocks by size class on free lists, a break that grows
// the memory on demand. Every user of the memory takes its bytes here: the per-call arena, the thread
// pool's control blocks, and the storage of tensors made inside `scope()` (resident.ts).
import type { WasmMemory } from './wasm-api.js';

/** The kernels' memory cannot hold a call's operands (the wasm backend falls back to the reference kernels). */
export class WasmMemoryFull extends RangeError {
  constructor(bytes: number) {
    super(`wasm backend: the kernels' memory cannot grow to ${bytes} bytes`);
    this.name = 'WasmMemoryFull';
  }
}

const PAGE = 65536;

/**
 * The bytes a request of `bytes` takes: multiples of 64 (a cache line) up to 64 KiB, then eight
 * classes per power of two (at most 12.5% unused), so freed blocks serve later requests of about
 * the same size and a loop with the same shapes every step reuses the same blocks.
 */
export function sizeClass(bytes: number): number {
  if (bytes <= PAGE) return Math.max(64, Math.ceil(bytes / 64) * 64);
  const step = 2 ** Math.floor(Math.log2(bytes)) / 8;
  return Math.ceil(bytes / step) * step;
}

/** The heap that owns a memory's buffer (a shared memory gets a new buffer object each time it grows). */
const heapOfBuffer = new WeakMap<object, WasmHeap>();

/** The heap whose memory `array` views, or undefined for any other array. */
export function heapOf(array: { readonly buffer: object }): WasmHeap | undefined {
  return heapOfBuffer.get(array.buffer);
}

export class WasmHeap {
  private brk: number;
  private readonly freeLists = new Map<number, number[]>();
  /** Bytes handed out and not freed yet. */
  bytesInUse = 0;
  /** The most bytes the memory may reach (the memory's own maximum applies too); tests lower it. */
  limitBytes = Infinity;

  constructor(
    readonly memory: WasmMemory,
    base: number,
  ) {
    this.brk = Math.ceil(base / 64) * 64;
    this.trackBuffer();
  }

  /** Bytes below the break: what the heap has taken from the memory so far. */
  get reservedBytes(): number {
    return this.brk;
  }

  /** Whether `array` views this heap's memory. */
  owns(array: { readonly buffer: object }): boolean {
    return heapOfBuffer.get(array.buffer) === this;
  }

  /** A block of at least `bytes` (64-byte aligned); throws WasmMemoryFull when the memory cannot grow. */
  malloc(bytes: number): number {
    // a size the kernels computed in i32 wraps negative past 2 GB: no heap holds that
    if (!(bytes >= 0)) throw new WasmMemoryFull(this.brk + 2 ** 31);
    const size = sizeClass(bytes);
    const list = this.freeLists.get(size);
    if (list !== undefined && list.length > 0) {
      this.bytesInUse += size;
      return list.pop() as number;
    }
    const ptr = this.brk;
    const end = ptr + size;
    if (end > this.limitBytes) throw new WasmMemoryFull(end);
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      try {
        this.memory.grow(Math.ceil((end - have) / PAGE));
      } catch {
        throw new WasmMemoryFull(end);
      }
      this.trackBuffer();
    }
    this.brk = end;
    this.bytesInUse += size;
    return ptr;
  }

  /** Give back a block malloc(bytes) returned (the same `bytes`). */
  free(ptr: number, bytes: number): void {
    const size = sizeClass(bytes);
    let list = this.freeLists.get(size);
    if (list === undefined) this.freeLists.set(size, (list = []));
    list.push(ptr);
    this.bytesInUse -= size;
  }

  private trackBuffer(): void {
    heapOfBuffer.set(this.memory.buffer, this);
  }
}
