// initWasmBackend({ threads: 2 }): large matmuls, exp / relu, softmax rows and cross-entropy rows split
// over a worker thread (add / sub / mul stay on one) on shared memory give results bit-identical to the single-threaded wasm
// kernels (own test file: the threaded kernels replace the single-threaded ones for the rest of the
// process).
import { describe, expect, it, vi } from 'vitest';
import { add, exp, getBackend, initWasmBackend, logSoftmax, matmul, mul, relu, scope, softmax, sub, tensor, useBackend, wasmFeatures, type Tensor } from '@torchlet/tensor-core';
import { addmmRow } from '../src/internal.js';
import { JOB, WasmMemoryFull, loadKernelsSync } from '../src/backend/wasm/runtime.js';
import { lcgFloat32 as rnd } from './compute-helpers.js';


describe.runIf(wasmFeatures() !== 'none' && typeof SharedArrayBuffer !== 'undefined')('wasm backend with worker threads', () => {
  it('matmul over two threads equals one thread bit for bit (plain and transposed operands)', async () => {
    // split by column panels (n >= 128: the first and last) and by rows (the narrow second)
    const shapes = [[256, 200, 130], [131, 257, 97], [3, 1000, 1000]];
    const operands = shapes.map(([m, k, n], i) => [
      tensor(rnd(m * k, 2 * i + 1), { shape: [m, k] }),
      tensor(rnd(k * n, 2 * i + 2), { shape: [n, k] }).t(),
    ]);
    // and a linear layer's fused product + bias row
    const bias = tensor(rnd(130, 9), { shape: [130] });
    const linear = (): number[] => Array.from(addmmRow(operands[0][0], operands[0][1], bias).toTypedArray());
    useBackend('wasm');
    const single = operands.map(([a, b]) => Array.from(matmul(a, b).toTypedArray()));
    const singleLinear = linear();
    expect(await initWasmBackend({ threads: 2 })).toMatch(/simd/);
    const threaded = operands.map(([a, b]) => Array.from(matmul(a, b).toTypedArray()));
    expect(threaded).toEqual(single);
    expect(linear()).toEqual(singleLinear);
    useBackend('cpu');
  });

  it('elementwise ops, softmax rows and cross-entropy rows over two threads equal one thread bit for bit', async () => {
    const big = tensor(rnd(140_001, 7), { shape: [140_001] });
    const other = tensor(rnd(140_001, 8), { shape: [140_001] });
    const rows = tensor(rnd(600 * 300, 9), { shape: [600, 300] });
    const bias = tensor(rnd(300, 10), { shape: [300] });
    const logits = tensor(rnd(400 * 1000, 11), { shape: [400, 1000] });
    const classes = Float64Array.from({ length: 400 }, (_, i) => (i % 9 === 4 ? -100 : (i * 37) % 1000));
    const target = tensor(classes, { shape: [400], dtype: 'int64' });
    const ops: Array<() => Tensor> = [
      () => exp(big),
      () => relu(sub(big, 0.25)),
      () => add(big, other),
      () => mul(big, other),
      () => sub(big, other, { alpha: 0.3 }),
      () => add(rows, bias),
      () => softmax(rows, 1),
      () => logSoftmax(logits, 1),
    ];
    const crossEntropy = (): number[] => {
      const r = getBackend().crossEntropyRows(logits, target, -100, true, 1 / 355);
      expect(r?.grad).toBeInstanceOf(Float32Array);
      return [r?.lossSum ?? NaN, r?.kept ?? NaN, ...(r?.grad ?? [])];
    };
    useBackend('wasm');
    const single = ops.map((f) => Array.from(f().toTypedArray()));
    const singleCe = crossEntropy();
    await initWasmBackend({ threads: 2 });
    expect(loadKernelsSync().pool?.size).toBe(1); // one worker beside this thread: the split really happens
    // successive calls use alternate arena regions (copies in do not write lines a worker just read)
    const K = loadKernelsSync();
    const starts = [0, 1, 2].map(() => {
      K.reset();
      return K.alloc(0);
    });
    expect(Math.abs(starts[1] - starts[0])).toBe(8 << 20);
    expect(starts[2]).toBe(starts[0]);
    // calls that stay on this thread (add, mul, sub here) use an instance over plain memory of its own
    expect(K.local()).not.toBe(K);
    expect(K.local().pool).toBeNull();
    expect(K.local().exports.memory.buffer).toBeInstanceOf(ArrayBuffer);
    expect(K.exports.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    const threaded = ops.map((f) => Array.from(f().toTypedArray()));
    expect(threaded).toEqual(single);
    // the adds above ran in the local instance: its memory (one page at first) grew to hold them
    expect(K.local().exports.memory.buffer.byteLength).toBeGreaterThanOrEqual(2 * 140_001 * 4);
    expect(crossEntropy()).toEqual(singleCe);
    // in a scope the operands live in the pool's memory: large adds, subs and muls split over the
    // threads too (bit for bit)
    const pool = loadKernelsSync().pool;
    if (pool === null) throw new Error('no pool');
    const run = vi.spyOn(pool, 'run');
    const wide = tensor(rnd(128 * 1100, 12), { shape: [128, 1100] });
    const wideBias = tensor(rnd(1100, 13), { shape: [1100] });
    useBackend('cpu');
    const wideSum = Array.from(add(wide, wideBias).toTypedArray());
    useBackend('wasm');
    const inScope = scope(() => {
      const [b2, o2, r2, bias2, w2, wb2] = [big, other, rows, bias, wide, wideBias].map((t) => t.clone());
      return [add(b2, o2), mul(b2, o2), sub(b2, o2, { alpha: 0.3 }), add(r2, bias2), add(w2, wb2)].map((t) => Array.from(t.toTypedArray()));
    });
    expect(inScope).toEqual([single[2], single[3], single[4], single[5], wideSum]);
    // a 300-element bias is below the size scopes manage: that add copies it in and stays on one thread
    expect(run.mock.calls.filter(([job]) => job.kind === JOB.binary)).toHaveLength(4);
    run.mockRestore();
    useBackend('cpu');
  });

  it("a row-split matmul whose packed B passes 2^31 bytes is refused before any kernel runs (the kernel's i32 size wrapped)", () => {
    const kernels = loadKernelsSync();
    const pool = kernels.pool;
    expect(pool).not.toBeNull();
    kernels.reset();
    // m = 4, k = 2^26, n = 1: B packs to 4 GiB, which the kernel's i32 packedBBytes wraps to 64 bytes
    expect(() => pool?.matmul(0, 0, 0, 0, 0, 1, 0, 4, 2 ** 26, 1)).toThrow(WasmMemoryFull);
  });

  it('rejects a bad thread count', async () => {
    await expect(initWasmBackend({ threads: 0 })).rejects.toThrow(/threads/);
  });
});
