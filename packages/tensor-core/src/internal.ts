// For other @torchlet packages: helpers that are not part of the user-facing API and may change
// in any release. Users should import from '@torchlet/tensor-core' instead.
export { allocate, castScalar, isIntegralDType, toFloatingDType } from './dtype.js';
export {
  numel,
  contiguousStrides,
  shapesEqual,
  normalizeDim,
  normalizeDims,
  checkShape,
} from './shape.js';
export { argError, formatShape } from './errors.js';
export { shapeFromArgs } from './ops/views.js';
export { resultType, canCast, broadcastView, checkNoInternalOverlap } from './ops/helpers.js';
export { RowCursor, copyInto, type StridedLayout } from './backend/cpu/strided.js';
export { storageVersion, bumpStorageVersion, storageKey } from './version.js';
export { thresholdBackward } from './ops/backward.js';
export { coreOps } from './ops/table.js';
export type { OpTable, OpName } from './ops/table.js';
export { installAutogradLayer, autogradLayer } from './dispatch.js';
export type { AutogradLayer } from './autograd.js';
export { makeTensor, isTensor } from './construct.js';
export { addmmRow } from './ops/fused.js';
export { ops } from './dispatch.js';
export * from './ops/nn/index.js';
export * from './ops/loss-kernels.js';
export * from './ops/ctc.js';
export * from './ops/optim-kernels.js';
export { FLOAT_UNARY_OPS } from './backend/float-unary.js';
export type { FloatUnaryOp } from './backend/float-unary.js';
export { inScope, allocateData, releaseIfLent } from './memory/scope.js';
export { registerDevice, deviceBackend, holdsFloat64, syncReadOpError } from './backend/devices.js';
export { checkOptionKeys, optionSuggestion } from './ops/options.js';
// Correctly rounded ln, sin and cos of doubles (the float64 Box-Muller draws' libm), for the conformance suite.
export { crLog, crSin, crCos } from './ops/random/cr-math.js';
