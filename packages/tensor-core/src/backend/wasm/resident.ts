// Storage for tensors made inside `scope()` on the wasm backend: float32 blocks of the kernels' shared
// memory (loaders.ts, residentKernels), lent as Float32Arrays over it. Every other kernel and reader
// sees an ordinary typed array; the wasm kernels find its byte offset and work in place.
import type { DType, DataArray } from '../../dtype.js';
import type { StorageAllocator } from '../interface.js';
import { WasmMemoryFull, heapOf, type WasmHeap } from './heap.js';
import { residentKernels, residentKernelsIfAny } from './loaders.js';

interface Block {
  readonly heap: WasmHeap;
  readonly ptr: number;
  readonly bytes: number;
}

// The safety net: a block whose array the garbage collector took without a free goes back too
// (scopes free every block they lend, so this fires only if a block escapes them).
let finalizer: FinalizationRegistry<Block> | null | undefined;
function finalizerOrNull(): FinalizationRegistry<Block> | null {
  if (finalizer === undefined) {
    finalizer = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<Block>((b) => b.heap.free(b.ptr, b.bytes)) : null;
  }
  return finalizer;
}

export const wasmStorage: StorageAllocator = {
  allocate(dtype: DType, length: number, zeroed: boolean): DataArray | null {
    if (dtype !== 'float32') return null;
    const K = residentKernels();
    if (K === null) return null;
    const bytes = length * 4;
    let ptr: number;
    try {
      ptr = K.heap.malloc(bytes);
    } catch (e) {
      if (e instanceof WasmMemoryFull) return null; // a plain array then
      throw e;
    }
    const array = new Float32Array(K.heap.memory.buffer, ptr, length);
    if (zeroed) array.fill(0);
    finalizerOrNull()?.register(array, { heap: K.heap, ptr, bytes }, array);
    return array;
  },
  free(array: DataArray): void {
    const heap = heapOf(array);
    if (heap === undefined) return;
    finalizerOrNull()?.unregister(array);
    heap.free(array.byteOffset, array.byteLength);
  },
};

/**
 * What the wasm backend's memory holds: bytes taken from it, and bytes lent out (scope storage and arenas).
 *
 * @pytorch the counters of torch.cuda.memory_stats (here the wasm backend's memory)
 * @example
 * ```ts
 * const info: WasmMemoryInfo = wasmMemoryInfo();
 * const free = info.reservedBytes - info.bytesInUse;
 * ```
 */
export interface WasmMemoryInfo {
  reservedBytes: number;
  bytesInUse: number;
}

/**
 * The scope memory of the wasm backend (zeros before any scope used it).
 *
 * @pytorch torch.cuda.memory_reserved / memory_allocated (here the wasm backend's memory)
 * @example
 * ```ts
 * const { reservedBytes, bytesInUse } = wasmMemoryInfo();
 * ```
 */
export function wasmMemoryInfo(): WasmMemoryInfo {
  const K = residentKernelsIfAny();
  return { reservedBytes: K?.heap.reservedBytes ?? 0, bytesInUse: K?.heap.bytesInUse ?? 0 };
}
