// The wasm runtime's entry points, gathered from the files that implement them: feature detection
// (features.ts), the kernels and their arena (arena.ts), the loaders (loaders.ts) and the thread
// pool (pool.ts, protocol.ts; Node's side in node-threads.ts and wasm-worker.ts).
export { wasmFeatures, type WasmFeatures } from './features.js';
export { WasmKernels, WasmMemoryFull } from './arena.js';
export { liveWasmWorkers, loadKernels, loadKernelsSync, loadThreadedKernels } from './loaders.js';
export { ThreadPool, type PoolJob } from './pool.js';
export { JOB } from './protocol.js';
export type { KernelExports } from './wasm-api.js';
