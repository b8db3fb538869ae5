// For other @torchlet packages; not part of the user-facing API.
export { cloneState, roundTo, lossValue } from './util.js';
export { RuleOptimizer } from './optimizers/rule-optimizer.js';
export { withDefaults } from './options.js';
