// For other @torchlet packages; not part of the user-facing API and may change in any release.
export { erf } from './kernels/erf.js';
export { readContiguous } from './kernels/strided.js';
export { kernelOp } from './functional/kernel-op.js';
export type { KernelBackward } from './functional/kernel-op.js';
