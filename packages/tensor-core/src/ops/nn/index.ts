// The ops over the nn kernels, for @torchlet/nn-layers (exported from ./internal).
export {};
