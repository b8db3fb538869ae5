// The ops over the optim kernels, for @torchlet/optim (exported from ./internal).
export {};
