// The worker thread's program (Node): tsup builds it as its own entry (dist/wasm-worker.js), and
// node-threads.ts starts it with the pool's shared memory and control block in workerData. It
// imports node:worker_threads at run time (tensor-core type-checks without Node's types).
import type { WorkerData } from './protocol.js';
import { serveJobs } from './worker-loop.js';

interface WorkerThreads {
  readonly workerData: WorkerData;
  readonly parentPort: { postMessage(message: unknown): void } | null;
}

const specifier = 'node:worker_threads';
void (import(/* @vite-ignore */ specifier) as Promise<WorkerThreads>).then(({ workerData, parentPort }) => {
  serveJobs(workerData, () => parentPort?.postMessage('ready'));
});
