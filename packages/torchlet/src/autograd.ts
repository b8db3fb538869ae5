// torch.autograd: grad(), backward(), gradcheck, custom ops (torch.autograd.Function), the graph's
// node classes, and installAutograd (what torchlet's creation functions, modules and optimizers call
// for you), from @torchlet/autograd.
export {
  installAutograd,
  grad,
  backward,
  gradcheck,
  gradgradcheck,
  defineCustomOp,
  noGrad,
  enableGrad,
  isGradEnabled,
  setGradEnabled,
  Node,
  FunctionNode,
  AccumulateGrad,
} from '@torchlet/autograd';
export type {
  GradOptions,
  GradcheckOptions,
  CheckedFunction,
  CustomOpContext,
  CustomOpDefinition,
  CustomOpGrads,
  TensorHook,
} from '@torchlet/autograd';
export type { BackwardOptions, RemovableHandle, GradFn, GradHook } from '@torchlet/tensor-core';
