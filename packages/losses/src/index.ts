// @torchlet/losses. Every public export is named here.
export {};
