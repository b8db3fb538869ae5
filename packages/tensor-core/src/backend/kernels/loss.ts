// The Backend kernels that @torchlet/losses (the fused cross-entropy rows) runs (types only).

/** Kernels of this family; every backend has them (the reference implements them all). */
export interface LossKernels {}
