// torch.autograd: grad(), backward(), gradcheck, custom ops (torch.autograd.Function) and the graph's
// node classes, from @torchlet/autograd.
export {
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
  BackwardOptions,
  GradOptions,
  GradcheckOptions,
  CheckedFunction,
  CustomOpContext,
  CustomOpDefinition,
  CustomOpGrads,
  Lift,
  LiftArgs,
  TensorHook,
  RemovableHandle,
} from '@torchlet/autograd';
