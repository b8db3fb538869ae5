// Which backend the kernels run on: the automatic choice, `useBackend`, `setBackend` (kernel by
// kernel over the current one) and `initWasmBackend`. Nothing is chosen or loaded at import time.
import type { Backend } from './interface.js';
import { routedBackend } from './devices.js';
import { cpuBackend } from './cpu/index.js';
import { wasmBackend } from './wasm/index.js';
import { loadKernels, loadKernelsSync, loadThreadedKernels, wasmFeatures } from './wasm/runtime.js';

/**
 * The name of a built-in backend: 'cpu' (TypeScript reference kernels) or 'wasm' (WebAssembly SIMD).
 *
 * @pytorch none: torchlet's own kernel backends (PyTorch picks CPU kernels at build time)
 * @example
 * ```ts
 * const name: BackendName = 'wasm';
 * const ok = availableBackends().includes(name);
 * ```
 */
export type BackendName = 'cpu' | 'wasm';

let current: Backend | undefined;

/** TORCHLET_BACKEND from the environment, where there is one (Node); undefined in browsers. */
function envChoice(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.TORCHLET_BACKEND?.trim().toLowerCase();
  return value === '' ? undefined : value;
}

/**
 * The automatic choice: TORCHLET_BACKEND=cpu|wasm when set (Node), else the wasm backend when this
 * engine has WebAssembly SIMD and can instantiate the kernels synchronously, else cpu.
 */
function automatic(): Backend {
  const env = envChoice();
  if (env === 'cpu') return cpuBackend;
  if (env !== undefined && env !== 'wasm' && env !== 'auto') {
    throw new Error(`TORCHLET_BACKEND: expected 'cpu', 'wasm' or 'auto', got '${env}'`);
  }
  if (wasmFeatures() === 'none') {
    if (env === 'wasm') throw new Error('TORCHLET_BACKEND=wasm: WebAssembly SIMD is not available in this JavaScript engine');
    return cpuBackend;
  }
  try {
    loadKernelsSync();
    return wasmBackend;
  } catch (e) {
    if (env === 'wasm') throw e;
    // e.g. a browser main thread that refuses synchronous compiles: `await initWasmBackend()` instead
    return cpuBackend;
  }
}

/**
 * The backend kernels run on now. Unless `useBackend` / `setBackend` chose one, the first call makes
 * the automatic choice (see `useBackend('auto')`); nothing is chosen or instantiated at import time.
 *
 * @pytorch none: torchlet's own kernel backends (PyTorch picks CPU kernels at build time)
 * @example
 * ```ts
 * const backend = getBackend();
 * const name = backend.name; // 'wasm' or 'cpu'
 * ```
 */
export function getBackend(): Backend {
  return routedBackend((current ??= automatic()));
}

/**
 * Replace kernels. A partial backend keeps the current kernels for what it does not name.
 * Returns the previous backend so callers can restore it with `setBackend(previous)`.
 *
 * @pytorch none: torchlet's own kernel backends (like registering kernels with torch.library)
 * @example
 * ```ts
 * const unary = cpuBackend.unary;
 * const seen = new Set<string>();
 * const previous = setBackend({ name: 'traced', unary: (op, x, out) => { seen.add(op); unary(op, x, out); } });
 * setBackend(previous); // restore
 * ```
 */
export function setBackend(backend: Partial<Backend> & { name: string }): Backend {
  const previous = (current ??= automatic());
  current = { ...previous, ...backend };
  return previous;
}

/**
 * The backends usable in this engine, the reference `cpu` last.
 *
 * @pytorch none: torchlet's own kernel backends (PyTorch picks CPU kernels at build time)
 * @example
 * ```ts
 * const names = availableBackends(); // ['wasm', 'cpu'] where WebAssembly SIMD works
 * ```
 */
export function availableBackends(): BackendName[] {
  return wasmFeatures() === 'none' ? ['cpu'] : ['wasm', 'cpu'];
}

/**
 * Pick the backend by name: `'cpu'` (pure TypeScript, the reference and fallback), `'wasm'`
 * (WebAssembly SIMD kernels, instantiated now, synchronously; float32 hot paths, the rest on the
 * reference kernels) or `'auto'` (TORCHLET_BACKEND when set, else wasm where available, else cpu).
 * Returns the name of the backend now in use. In a browser's main thread call `initWasmBackend()`
 * (asynchronous) before choosing 'wasm'.
 *
 * @pytorch torch.backends' switches (here: which kernels run)
 * @example
 * ```ts
 * const inUse = useBackend('cpu'); // the reference kernels, e.g. to compare
 * useBackend('auto');
 * ```
 */
export function useBackend(name: BackendName | 'auto'): BackendName {
  if (name === 'cpu') current = cpuBackend;
  else if (name === 'wasm') {
    loadKernelsSync();
    current = wasmBackend;
  } else if (name === 'auto') current = automatic();
  else throw new Error(`useBackend(): argument 'name' expected 'cpu', 'wasm' or 'auto', got '${String(name)}'`);
  return current === wasmBackend ? 'wasm' : 'cpu';
}

/**
 * Options of `initWasmBackend`.
 *
 * @pytorch none: torchlet's own kernel backends (PyTorch picks CPU kernels at build time)
 * @example
 * ```ts
 * const options: WasmBackendOptions = { threads: 2 };
 * await initWasmBackend(options);
 * ```
 */
export interface WasmBackendOptions {
  /**
   * Threads for large matmuls (default 1): n > 1 starts n - 1 worker threads sharing the kernels'
   * memory (Node's worker_threads; the workers never keep the process alive). Node only for now.
   */
  threads?: number;
}

/**
 * Instantiate the wasm kernels asynchronously (what a browser's main thread needs) and select the
 * wasm backend; resolves to the SIMD level in use ('relaxed-simd' with fused multiply-add, or
 * 'simd'). Rejects when WebAssembly SIMD (or, with `threads`, shared memory) is unavailable; the
 * current backend is kept then.
 *
 * @pytorch none: torchlet's own kernel backends (PyTorch picks CPU kernels at build time)
 * @example
 * ```ts
 * const level = await initWasmBackend(); // 'simd' or 'relaxed-simd'
 * const matmulThreads = await initWasmBackend({ threads: 4 }); // Node: worker threads for large matmuls
 * ```
 */
export async function initWasmBackend(options: WasmBackendOptions = {}): Promise<'simd' | 'relaxed-simd'> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new Error(`initWasmBackend(): option 'threads' expected an integer in [1, 64], got ${String(threads)}`);
  }
  const k = threads > 1 ? await loadThreadedKernels(threads) : await loadKernels();
  current = wasmBackend;
  return k.features === 'relaxed-simd' ? 'relaxed-simd' : 'simd';
}
