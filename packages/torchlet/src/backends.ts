// torch.backends: which kernels @torchlet/tensor-core runs on (plain TypeScript `cpu`, or `wasm`
// SIMD where the runtime supports it), and the Backend interface for replacing single kernels.
export {
  getBackend,
  setBackend,
  useBackend,
  availableBackends,
  initWasmBackend,
  wasmFeatures,
  wasmMemoryInfo,
  cpuBackend,
  registerDevice,
} from '@torchlet/tensor-core';
export type {
  Backend,
  BackendName,
  WasmFeatures,
  WasmMemoryInfo,
  StorageAllocator,
  DeviceBackend,
  DeviceStorage,
  StridedView,
  UnaryKernelOp,
  BinaryKernelOp,
  ReduceKernelOp,
  TernaryKernelOp,
} from '@torchlet/tensor-core';
