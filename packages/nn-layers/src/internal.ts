// For other @torchlet packages; not part of the user-facing API and may change in any release.
export { kernelOp } from './functional/kernel-op.js';
export type { KernelBackward } from './functional/kernel-op.js';
