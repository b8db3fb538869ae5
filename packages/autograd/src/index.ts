// @torchlet/autograd: reverse-mode autodiff for @torchlet/tensor-core's Tensor. Every public export is
// named here. The Tensor, its ops and the creation functions are tensor-core's; this package records
// the graph on them (`installAutograd()`) and adds backward, grad(), grad mode, custom ops and gradcheck.
export { installAutograd } from './layer.js';
export { Node, FunctionNode, AccumulateGrad } from './node.js';
export type { TensorHook } from './node.js';
export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from './grad-mode.js';
export { backward, grad } from './engine.js';
export type { GradOptions } from './engine.js';
export { defineCustomOp } from './custom-op.js';
export type { CustomOpContext, CustomOpDefinition, CustomOpGrads } from './custom-op.js';
export { gradcheck, gradgradcheck } from './gradcheck.js';
export type { CheckedFunction, GradcheckOptions } from './gradcheck.js';
