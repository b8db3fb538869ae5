// The wasm runtime's entry points, gathered from the files that implement them: feature detection
// (features.ts), the kernels and their arena (arena.ts) over the memory's heap (heap.ts), the loaders (loaders.ts) and the thread
// pool (pool.ts, protocol.ts; Node's side in node-threads.ts and wasm-worker.ts).
export { wasmFeatures, type WasmFeatures } from './features.js';
export { WasmKernels } from './arena.js';
export { WasmHeap, WasmMemoryFull } from './heap.js';
export { liveWasmWorkers, loadKernels, loadKernelsSync, loadThreadedKernels, residentKernels } from './loaders.js';
export { ThreadPool, type PoolJob } from './pool.js';
export { JOB } from './protocol.js';
export type { KernelExports } from './wasm-api.js';
export { wasmStorage, wasmMemoryInfo, type WasmMemoryInfo } from './resident.js';
