// Instantiating the kernels, lazily (nothing happens at import time): synchronously or
// asynchronously over a memory of their own, or over a shared memory with worker threads. The
// binaries are embedded (generated.ts): no file IO, and no Node API but the worker threads', which
// are imported at run time from node-threads.ts.
import { WasmKernels } from './arena.js';
import { decodeBase64 } from './base64.js';
import { detect } from './features.js';
import { KERNELS_THREADS_BASE64, KERNELS_THREADS_RELAXED_SIMD_BASE64 } from './generated.js';
import type * as NodeThreads from './node-threads.js';
import { ThreadPool } from './pool.js';
import { CTL_INTS, type WorkerData } from './protocol.js';
import { wasmApi, type KernelExports } from './wasm-api.js';

let kernels: WasmKernels | undefined;
let nodeThreads: typeof NodeThreads | undefined;
/** The instance over shared memory that holds scope storage when no thread pool runs (null: none possible). */
let residentAlone: WasmKernels | null | undefined;

/**
 * The kernels, instantiated synchronously on first use (fine in Node and in web workers; a browser's
 * main thread may refuse a synchronous compile: call `initWasmBackend()` there first). Throws when
 * WebAssembly SIMD is unavailable.
 */
export function loadKernelsSync(): WasmKernels {
  kernels ??= instantiateSync();
  return kernels;
}

/** A new instance of the single-threaded kernels over a memory of its own (synchronous compile). */
function instantiateSync(): WasmKernels {
  const { features, bytes } = detect();
  const api = wasmApi();
  if (!api || !bytes) throw new Error('WebAssembly SIMD is not available in this JavaScript engine');
  const instance = new api.Instance(new api.Module(bytes), {});
  return new WasmKernels(instance.exports as KernelExports, features);
}

/** Asynchronous instantiation (what a browser's main thread needs). */
export async function loadKernels(): Promise<WasmKernels> {
  if (kernels) return kernels;
  const { features, bytes } = detect();
  const api = wasmApi();
  if (!api || !bytes) throw new Error('WebAssembly SIMD is not available in this JavaScript engine');
  const { instance } = await api.instantiate(bytes, {});
  kernels ??= new WasmKernels(instance.exports as KernelExports, features);
  return kernels;
}

/** The shared-memory build of the kernels for this engine's features, or null where shared memory is unavailable. */
function threadsBuild(): { bytes: Uint8Array; features: 'simd' | 'relaxed-simd' } | null {
  const api = wasmApi();
  const features = detect().features;
  if (!api || features === 'none' || typeof SharedArrayBuffer === 'undefined') return null;
  const bytes = decodeBase64(features === 'relaxed-simd' ? KERNELS_THREADS_RELAXED_SIMD_BASE64 : KERNELS_THREADS_BASE64);
  return api.validate(bytes) ? { bytes, features } : null;
}

/** Pages of the shared memory (64 KiB each): 1 GiB, reserved up front by the engine. */
const SHARED_MAX_PAGES = 16384;

/**
 * The kernels whose memory holds tensors made inside `scope()`: the thread pool's instance when one
 * runs, else an instance of the shared-memory build of their own, made on first use. Shared memory
 * never detaches when it grows, so typed arrays over it stay valid, and the pool started later takes
 * the same memory. Null where the engine has no shared memory (a browser page that is not
 * cross-origin isolated): scopes then pool plain typed arrays.
 */
export function residentKernels(): WasmKernels | null {
  if (kernels?.pool) return kernels;
  if (residentAlone === undefined) {
    residentAlone = null;
    const build = threadsBuild();
    const api = wasmApi();
    if (build !== null && api) {
      try {
        const memory = new api.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true });
        const instance = new api.Instance(new api.Module(build.bytes), { env: { memory } });
        residentAlone = new WasmKernels(instance.exports as KernelExports, build.features);
      } catch {
        residentAlone = null; // a browser that refuses shared memory: plain storage
      }
    }
  }
  return residentAlone;
}

/** residentKernels() if it exists already (made by an allocation or a pool), without making one. */
export function residentKernelsIfAny(): WasmKernels | null {
  return kernels?.pool ? kernels : residentAlone ?? null;
}

function runningInNode(): boolean {
  return typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';
}

function importAtRunTime<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>;
}

/** node-threads.ts, imported on first use by a specifier bundlers do not follow (the browser never loads it). */
async function loadNodeThreads(): Promise<typeof NodeThreads> {
  try {
    // an ES module in both builds: Node's import() loads it from the CommonJS build too; from source
    // (tests of any package under vite) the sibling is the .ts file, which vite maps only when named
    const here = (import.meta as { url?: string }).url ?? '';
    const specifier = here.endsWith('.ts') ? './node-threads.ts' : './node-threads.js';
    return (nodeThreads ??= await importAtRunTime<typeof NodeThreads>(specifier));
  } catch (cause) {
    throw new Error(`wasm backend: cannot load node-threads.js, which must sit beside tensor-core's own files (a bundle of tensor-core leaves it out): ${String(cause)}`, { cause });
  }
}

/**
 * Instantiate the shared-memory build of the kernels with `threads - 1` worker threads (Node only)
 * and resolve once they run. Replaces the kernels loaded before; a pool started before is stopped.
 */
export async function loadThreadedKernels(threads: number): Promise<WasmKernels> {
  const api = wasmApi();
  if (!api || detect().features === 'none') throw new Error('WebAssembly SIMD is not available in this JavaScript engine');
  // the relaxed-SIMD (FMA) build where the engine validates it, as for one thread
  const build = threadsBuild();
  if (build === null) throw new Error('WebAssembly threads (shared memory) are not available in this JavaScript engine');
  if (!runningInNode()) throw new Error('wasm backend: worker threads (initWasmBackend({ threads })) run in Node only for now');
  const threadsModule = await loadNodeThreads();
  // the memory (and its heap) that already holds scope storage, so those tensors stay in place
  const previous = residentKernelsIfAny();
  const memory = previous?.heap.memory ?? new api.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true });
  const module = new api.Module(build.bytes);
  const instance = new api.Instance(module, { env: { memory } });
  const k = new WasmKernels(instance.exports as KernelExports, build.features, instantiateSync, previous?.heap);
  const count = Math.max(0, Math.floor(threads) - 1);
  const counterPtr = k.reserve(64);
  const data: WorkerData[] = [];
  for (let w = 0; w < count; w++) data.push({ module, memory, ctlPtr: k.reserve(CTL_INTS * 4), counterPtr });
  let pool: ThreadPool | null = null;
  const workers = await threadsModule.startWorkers(data, (w) => pool?.lost(w));
  pool = count > 0 ? new ThreadPool(k, memory, workers, data.map((d) => d.ctlPtr), counterPtr) : null;
  k.pool = pool;
  k.alternate = count > 0;
  // the pool this one replaces would otherwise keep its threads (and their memory) for good
  kernels?.pool?.dispose();
  kernels = k;
  if (previous !== null && previous !== k) previous.releaseArena();
  return k;
}

/** Worker threads started for thread pools and not exited yet (0 before the first pool). */
export function liveWasmWorkers(): number {
  return nodeThreads?.liveWorkers() ?? 0;
}
