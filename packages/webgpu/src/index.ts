// @torchlet/webgpu: a WebGPU device for torchlet. Call `await initWebGPU()` once; then tensors and
// modules move with `.to('webgpu')` and read back with the async readers.
export { initWebGPU, webgpuInfo, syncWebGPU, disposeWebGPU, webgpuMemoryInfo } from './init.js';
export type { WebGPUOptions, WebGPUInfo, WebGPUMemoryInfo } from './init.js';
export { UNAVAILABLE_KERNELS } from './kernels/unavailable.js';
export type { UnavailableKernel } from './kernels/unavailable.js';
