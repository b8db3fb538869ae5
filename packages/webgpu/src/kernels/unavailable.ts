// Kernels of tensor-core's Backend that have no WGSL version: they throw a clear error naming the
// kernel (the README lists them). They return JS numbers (crossEntropyForward, crossEntropyRows) or
// take one (crossEntropyBackward's divisor), which a GPU cannot give synchronously: cross entropy of
// 'webgpu' tensors runs on crossEntropyForwardDevice / crossEntropyBackwardDevice instead
// (kernels/loss.ts), which keep the divisor on the GPU.
import { TorchletError } from '@torchlet/tensor-core';

/**
 * The tensor-core backend kernels with no WebGPU version: calling one on 'webgpu' tensors throws an error naming it.
 *
 * @pytorch none (a list of what this device does not run)
 * @example
 * ```ts
 * const missing = UNAVAILABLE_KERNELS.includes('crossEntropyRows'); // true
 * ```
 */
export const UNAVAILABLE_KERNELS = [
  'crossEntropyForward',
  'crossEntropyBackward',
  'crossEntropyRows',
] as const;

/**
 * The name of a backend kernel the WebGPU device does not have (an element of `UNAVAILABLE_KERNELS`).
 *
 * @pytorch none (a name in a list of what this device does not run)
 * @example
 * ```ts
 * const kernel: UnavailableKernel = 'crossEntropyForward';
 * const listed = UNAVAILABLE_KERNELS.includes(kernel); // true
 * ```
 */
export type UnavailableKernel = (typeof UNAVAILABLE_KERNELS)[number];

export function unavailableKernels(): Record<UnavailableKernel, () => never> {
  const out = {} as Record<UnavailableKernel, () => never>;
  for (const name of UNAVAILABLE_KERNELS) {
    out[name] = () => {
      throw new TorchletError(`the kernel '${name}' is not available on webgpu yet: run this step on the CPU (await t.toAsync('cpu'))`);
    };
  }
  return out;
}
