// Each test file initialises the device once: where no adapter can be had, the GPU tests skip with
// the reason printed (on machines with Chromium's SwiftShader they run).
import { afterAll, describe, expect } from 'vitest';
import type { Tensor } from '@torchlet/tensor-core';
import type { Sequential } from '@torchlet/nn-layers';
import { disposeWebGPU, initWebGPU, type WebGPUInfo } from '../../src/index.js';

async function tryInit(): Promise<{ info: WebGPUInfo | null; reason: string }> {
  try {
    return { info: await initWebGPU(), reason: '' };
  } catch (e) {
    return { info: null, reason: String(e instanceof Error ? e.message : e) };
  }
}

export const gpu = await tryInit();
if (gpu.info === null) console.warn(`[webgpu] GPU tests skipped: ${gpu.reason}`);

afterAll(() => disposeWebGPU());

const FLT_MIN = 2 ** -126;

/** describe, skipped (with the reason printed above) where no adapter was found. */
export function describeGpu(name: string, fn: () => void): void {
  describe.skipIf(gpu.info === null)(name, fn);
}

/**
 * Expect `onGpu` (read back) to equal the CPU's `onCpu` within float32 tolerance: |a - b| <=
 * rtol * |b| + atol elementwise, NaN where the CPU has NaN, the same infinities; same shape, dtype.
 * Float32 subnormal results (below 2^-126) may come back as zero: WGSL lets a GPU flush them.
 */
export async function expectClose(onGpu: Tensor, onCpu: Tensor, rtol = 1e-5, atol = 0, label = ''): Promise<void> {
  expect(onGpu.device, label).toBe('webgpu');
  expect(onGpu.shape, label).toEqual(onCpu.shape);
  expect(onGpu.dtype, label).toBe(onCpu.dtype);
  const a = Array.from(await onGpu.toTypedArrayAsync());
  const b = Array.from(onCpu.toTypedArray());
  const bad: string[] = [];
  for (let i = 0; i < b.length; i++) {
    const x = a[i];
    const y = b[i];
    const ok = Number.isNaN(y) ? Number.isNaN(x) : !Number.isFinite(y) ? x === y : Math.abs(x - y) <= rtol * Math.abs(y) + atol || (Math.abs(y) < FLT_MIN && Math.abs(x) < FLT_MIN);
    if (!ok && bad.length < 5) bad.push(`[${i}] gpu ${x} cpu ${y}`);
  }
  expect(bad, `${label ? `${label}: ` : ''}elements differ beyond rtol ${rtol}, atol ${atol}`).toEqual([]);
}

/**
 * Expect `onGpu`, sums of products computed in float32 in any order (matmul, convolution), to be
 * within the error bound of such sums of the CPU's `onCpu` (summed in doubles, rounded once):
 * |gpu - cpu| <= gamma_K S + u |cpu|, where S is the same computation on the inputs' absolute
 * values (`absSums`, on the CPU), K at least the number of terms of any element, u = 2^-24 and
 * gamma_K = K u / (1 - K u) (Higham, Accuracy and Stability of Numerical Algorithms, 3.1).
 */
export async function expectWithinSumBound(onGpu: Tensor, onCpu: Tensor, absSums: Tensor, terms: number, label = ''): Promise<void> {
  expect(onGpu.device, label).toBe('webgpu');
  expect(onGpu.shape, label).toEqual(onCpu.shape);
  expect(absSums.shape, label).toEqual(onCpu.shape);
  const u = 2 ** -24;
  const gamma = (terms * u) / (1 - terms * u);
  const a = Array.from(await onGpu.toTypedArrayAsync());
  const b = Array.from(onCpu.toTypedArray());
  const s = Array.from(absSums.toTypedArray());
  const bad: string[] = [];
  for (let i = 0; i < b.length; i++) {
    const ok = Number.isFinite(b[i]) ? Math.abs(a[i] - b[i]) <= gamma * s[i] + u * Math.abs(b[i]) : Object.is(a[i], b[i]);
    if (!ok && bad.length < 5) bad.push(`[${i}] gpu ${a[i]} cpu ${b[i]} bound ${gamma * s[i] + u * Math.abs(b[i])}`);
  }
  expect(bad, `${label ? `${label}: ` : ''}elements beyond the float32 sum bound (K = ${terms})`).toEqual([]);
}

/** A model trained side by side on the CPU and, as a copy moved there, on 'webgpu'. */
export interface SideBySide {
  cpu: Sequential;
  gpu: Sequential;
  optCpu: { zeroGrad(): void; step(): unknown };
  optGpu: { zeroGrad(): void; step(): unknown };
  /** The step's loss of `model` (the CPU's or the GPU's copy, with inputs on its device). */
  loss: (model: Sequential, onGpu: boolean) => Tensor;
}

/**
 * `steps` training steps of both models, expecting the GPU's loss and every parameter's gradient to
 * equal the CPU's each step (see expectClose); returns the GPU's losses.
 */
export async function trainSideBySide(t: SideBySide, steps: number, rtol: number, atol: number): Promise<number[]> {
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    t.optCpu.zeroGrad();
    t.optGpu.zeroGrad();
    const lossCpu = t.loss(t.cpu, false);
    const lossGpu = t.loss(t.gpu, true);
    await expectClose(lossGpu, lossCpu, rtol, atol, `loss, step ${step}`);
    losses.push(await lossGpu.itemAsync());
    lossCpu.backward();
    lossGpu.backward();
    const gradsCpu = [...t.cpu.parameters()].map((p) => p.grad as Tensor);
    const gradsGpu = [...t.gpu.parameters()].map((p) => p.grad as Tensor);
    for (let i = 0; i < gradsCpu.length; i++) await expectClose(gradsGpu[i], gradsCpu[i], rtol, atol, `gradient ${i}, step ${step}`);
    t.optCpu.step();
    t.optGpu.step();
  }
  return losses;
}

/** Run `fn` on CPU tensors and on their copies on 'webgpu', and compare (see expectClose). */
export async function check(fn: (...t: Tensor[]) => Tensor, inputs: readonly Tensor[], rtol = 1e-5, atol = 0): Promise<void> {
  const onCpu = fn(...inputs);
  const onGpu = fn(...inputs.map((t) => t.to('webgpu')));
  await expectClose(onGpu, onCpu, rtol, atol);
}
