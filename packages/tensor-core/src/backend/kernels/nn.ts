// The Backend kernels that @torchlet/nn-layers (convolution, pooling, normalization, embedding, activations) runs (types only).

/** Kernels of this family; every backend has them (the reference implements them all). */
export interface NnKernels {}
