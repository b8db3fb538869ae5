// For other @torchlet packages; not part of the user-facing API and may change in any release.
export { classLayout, classTargets, classWeight } from './cross-entropy/targets.js';
export type { ClassLayout } from './cross-entropy/targets.js';
export { softplusExact, readValues, checkReduction, reduce } from './common.js';
export { pairwiseDistance } from './embedding/triplet-margin.js';
