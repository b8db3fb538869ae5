// Kernels of tensor-core's Backend that have no WGSL version yet: they throw a clear error naming
// the kernel (the README lists them). Those returning JS numbers (crossEntropyForward,
// crossEntropyRows) cannot run on a GPU synchronously at all: cross entropy of 'webgpu' tensors runs
// on crossEntropyForwardDevice / crossEntropyBackwardDevice instead (kernels/loss.ts), which keep
// the divisor on the GPU. The others are still to write.
import { TorchletError } from '@torchlet/tensor-core';

export const UNAVAILABLE_KERNELS = [
  'im2col',
  'col2im',
  'maxPool2d',
  'maxPool2dBackward',
  'avgPool2d',
  'avgPool2dBackward',
  'adaptiveAvgPool2d',
  'adaptiveAvgPool2dBackward',
  'batchNormMoments',
  'batchNorm',
  'batchNormBackward',
  'crossEntropyForward',
  'crossEntropyBackward',
  'crossEntropyRows',
] as const;

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
