// The ops over the loss kernels, for @torchlet/losses (exported from ./internal).
export {};
