// @torchlet/autograd: reverse-mode autodiff over @torchlet/tensor-core. Every public export is named here.
export {};
