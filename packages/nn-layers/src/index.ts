// @torchlet/nn-layers. Every public export is named here.
export {};
