// Node only: starts the thread pool's workers with node:worker_threads. loaders.ts reaches this
// module only through an import whose specifier is computed at run time, which bundlers do not
// follow, so none of it (nor the worker's program) ends up in a browser bundle; tsup builds it as
// its own entry (dist/node-threads.js).
import type { WorkerHandle } from './pool.js';
import type { WorkerData } from './protocol.js';

interface NodeWorker {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  unref(): void;
  terminate(): Promise<number>;
}

// the WHATWG URL class (tensor-core type-checks without DOM or Node types)
interface Url {
  readonly href: string;
}
type UrlClass = new (url: string, base?: string) => Url;

interface WorkerThreadsModule {
  Worker: new (program: Url, options: { workerData: WorkerData }) => NodeWorker;
}

interface SourceWorker {
  sourceModuleUrl(fileUrl: string): string;
}

let live = 0;

/** Worker threads started here that have not exited yet. */
export function liveWorkers(): number {
  return live;
}

function importAtRunTime<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>;
}

/** The workers' program: dist/wasm-worker.js beside this file, or its TypeScript source transpiled. */
async function workerProgram(): Promise<Url> {
  const URL = (globalThis as unknown as { URL: UrlClass }).URL;
  const here = (import.meta as { url?: string }).url ?? '';
  if (!here.endsWith('.ts')) return new URL('./wasm-worker.js', here);
  // running from source (tests): Node 20 cannot run .ts, so scripts/source-worker.mjs transpiles the
  // worker's modules with TypeScript (a devDependency) into a data: URL module; never reached in dist
  const source = await importAtRunTime<SourceWorker>('../../../scripts/source-worker.mjs');
  return new URL(source.sourceModuleUrl(new URL('./wasm-worker.ts', here).href));
}

/**
 * Start one worker per entry of `data` and resolve once every one has instantiated the kernels
 * (rejects, with every worker stopped, when one fails to start). The workers never keep the process
 * alive; `gone(w)` is called when worker w fails or exits later.
 */
export async function startWorkers(data: readonly WorkerData[], gone: (w: number) => void): Promise<WorkerHandle[]> {
  const { Worker } = await importAtRunTime<WorkerThreadsModule>('node:worker_threads');
  const program = await workerProgram();
  const workers = data.map((workerData) => new Worker(program, { workerData }));
  live += workers.length;
  const handles = workers.map((worker) => ({ terminate: () => void worker.terminate() }));
  try {
    await Promise.all(
      workers.map(
        (worker, w) =>
          new Promise<void>((resolve, reject) => {
            worker.on('message', (message) => {
              if (message === 'ready') resolve();
            });
            worker.on('error', (error) => {
              gone(w);
              reject(error instanceof Error ? error : new Error(String(error)));
            });
            worker.on('exit', (code) => {
              live--;
              gone(w);
              reject(new Error(`wasm backend: a worker thread exited (code ${code}) before it started`));
            });
          }),
      ),
    );
  } catch (error) {
    for (const handle of handles) handle.terminate();
    throw error;
  }
  for (const worker of workers) worker.unref();
  return handles;
}
