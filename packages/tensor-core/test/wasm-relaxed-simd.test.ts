// The relaxed-SIMD (fused multiply-add) build of the wasm kernels: Node 20 validates it only with
// --experimental-wasm-relaxed-simd, so this file turns the V8 flag on before the first detection
// (own test file: detection is once per process) and checks the kernels against the reference.
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { exp, initWasmBackend, matmul, softmax, tensor, useBackend, wasmFeatures, type Tensor } from '@torchlet/tensor-core';
import { lcgFloat32 as rnd } from './compute-helpers.js';

setFlagsFromString('--experimental-wasm-relaxed-simd');


function close(got: Tensor, ref: Tensor, rtol: number, atol: number): void {
  const g = got.toTypedArray();
  const r = ref.toTypedArray();
  expect(g.length).toBe(r.length);
  for (let i = 0; i < r.length; i++) {
    if (!Number.isFinite(r[i])) expect(Object.is(g[i], r[i]) || (Number.isNaN(g[i]) && Number.isNaN(r[i]))).toBe(true);
    else if (Math.abs(g[i] - r[i]) > atol + rtol * Math.abs(r[i])) expect.fail(`index ${i}: ${g[i]} vs ${r[i]}`);
  }
}

const relaxed = (() => {
  try {
    return wasmFeatures() === 'relaxed-simd';
  } catch {
    return false;
  }
})();

describe.runIf(relaxed)('wasm backend, relaxed-SIMD build', () => {
  it('matmul, exp and softmax agree with the reference kernels', () => {
    const a = tensor(rnd(67 * 130, 1), { shape: [67, 130] });
    const b = tensor(rnd(130 * 45, 2), { shape: [45, 130] }).t();
    const x = tensor(Float32Array.from([...rnd(999, 3, 90), NaN, Infinity, -Infinity]), { shape: [3, 334] });
    useBackend('cpu');
    const refs = [matmul(a, b), exp(x), softmax(x, 1)];
    useBackend('wasm');
    const got = [matmul(a, b), exp(x), softmax(x, 1)];
    useBackend('cpu');
    close(got[0], refs[0], 1e-5, 3e-5);
    close(got[1], refs[1], 2.5e-7, 0);
    close(got[2], refs[2], 1e-6, 1e-7);
  });

  it('the worker-thread build uses fused multiply-add too: two threads equal one thread bit for bit', async () => {
    const a = tensor(rnd(300 * 257, 4), { shape: [300, 257] });
    const b = tensor(rnd(257 * 130, 5), { shape: [257, 130] });
    useBackend('wasm');
    const single = Array.from(matmul(a, b).toTypedArray());
    expect(await initWasmBackend({ threads: 2 })).toBe('relaxed-simd');
    expect(Array.from(matmul(a, b).toTypedArray())).toEqual(single);
    useBackend('cpu');
  });
});
