// initWasmBackend({ threads: 2 }): large matmuls split over a worker thread on shared memory give
// results bit-identical to the single-threaded wasm kernels (own test file: the threaded kernels
// replace the single-threaded ones for the rest of the process).
import { describe, expect, it } from 'vitest';
import { initWasmBackend, matmul, tensor, useBackend, wasmFeatures } from '@torchlet/tensor-core';

function rnd(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    a[i] = (s / 2 ** 32) * 2 - 1;
  }
  return a;
}

describe.runIf(wasmFeatures() !== 'none' && typeof SharedArrayBuffer !== 'undefined')('wasm backend with worker threads', () => {
  it('matmul over two threads equals one thread bit for bit (plain and transposed operands)', async () => {
    const shapes = [[256, 200, 130], [131, 257, 97], [3, 1000, 1000]];
    const operands = shapes.map(([m, k, n], i) => [
      tensor(rnd(m * k, 2 * i + 1), { shape: [m, k] }),
      tensor(rnd(k * n, 2 * i + 2), { shape: [n, k] }).t(),
    ]);
    useBackend('wasm');
    const single = operands.map(([a, b]) => Array.from(matmul(a, b).toTypedArray()));
    expect(await initWasmBackend({ threads: 2 })).toMatch(/simd/);
    const threaded = operands.map(([a, b]) => Array.from(matmul(a, b).toTypedArray()));
    expect(threaded).toEqual(single);
    useBackend('cpu');
  });

  it('rejects a bad thread count', async () => {
    await expect(initWasmBackend({ threads: 0 })).rejects.toThrow(/threads/);
  });
});
