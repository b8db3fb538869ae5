// For other @torchlet packages: the recording mechanism and helpers. Not part of the user-facing
// API; may change in any release. Users should import from '@torchlet/autograd'.
export { record, recording1, recording2, recordingN } from './record.js';
export { edgeOf, gradFnOf, nameGradFn, requiresGradOf } from './history.js';
export { sumToShape, isSummableTo, unsqueezeDims, shapeOf } from './util.js';
export { rules } from './rules/index.js';
export type { PrimitiveName, SavedState } from './rules/index.js';
export type { GradRule, Grads, RuleTable } from './rules/types.js';
export { FREED_MESSAGE } from './node.js';
export { donateGradient } from './donation.js';
export { fusedOp } from './fused-op.js';
export type { FusedInputs, FusedResult, FusedRun } from './fused-op.js';
