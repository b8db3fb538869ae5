// initWasmBackend({ threads }) called again replaces the thread pool: the old pool's workers stop
// (before, every call left its workers running: 30 calls, 30 more threads and about 400 MB). Own test
// file: the pool replaces the single-threaded kernels for the rest of the process.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initWasmBackend, matmul, tensor, useBackend, wasmFeatures } from '@torchlet/tensor-core';
import { liveWasmWorkers, loadKernelsSync } from '../src/backend/wasm/runtime.js';
import { lcgFloat32 as rnd } from './compute-helpers.js';

/** This process's threads as Linux counts them (null elsewhere): an independent check of the count. */
function osThreads(): number | null {
  if (!existsSync('/proc/self/status')) return null;
  const m = /^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return m === null ? null : Number(m[1]);
}

/** Wait (letting the event loop turn: workers report their exit through it) until `done()` or `ms`. */
async function until(done: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe.runIf(wasmFeatures() !== 'none' && typeof SharedArrayBuffer !== 'undefined')('wasm thread pool replaced', () => {
  it('30 calls of initWasmBackend({ threads: 3 }) leave one pool of 2 workers', async () => {
    const a = tensor(rnd(128 * 128, 1), { shape: [128, 128] });
    const b = tensor(rnd(128 * 130, 2), { shape: [128, 130] });
    useBackend('wasm');
    const single = Array.from(matmul(a, b).toTypedArray());
    await initWasmBackend({ threads: 3 });
    const first = loadKernelsSync();
    expect(liveWasmWorkers()).toBe(2);
    const threadsWithOnePool = osThreads();
    for (let i = 0; i < 30; i++) await initWasmBackend({ threads: 3 });
    // the replaced pools' workers were told to quit and terminated; they exit asynchronously
    await until(() => liveWasmWorkers() === 2, 10_000);
    expect(liveWasmWorkers()).toBe(2);
    const now = osThreads();
    if (threadsWithOnePool !== null && now !== null) expect(now - threadsWithOnePool).toBeLessThan(10);
    // the current pool works and its workers take part; a replaced pool runs on the calling thread alone
    const pool = loadKernelsSync().pool;
    expect(pool?.threads).toBe(3);
    for (let i = 0; i < 20; i++) expect(Array.from(matmul(a, b).toTypedArray())).toEqual(single);
    expect(pool?.claims).toBeGreaterThan(0);
    expect(first.pool?.threads).toBe(1);
    useBackend('cpu');
  }, 60_000);
});
