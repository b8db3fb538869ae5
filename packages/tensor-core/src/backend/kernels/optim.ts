// The Backend kernels that @torchlet/optim (fused optimizer updates) runs (types only).

/** Kernels of this family; every backend has them (the reference implements them all). */
export interface OptimKernels {}
