// @torchlet/optim. Every public export is named here.
export {};
