// The pure update rules: (param, grad, state, options) -> param and state updated in place.
export { sgdStep, initSGDState, type SGDState, type SGDRuleOptions } from './sgd.js';
export { adamStep, initAdamState, type AdamState, type AdamRuleOptions } from './adam.js';
export { rmspropStep, initRMSpropState, type RMSpropState, type RMSpropRuleOptions } from './rmsprop.js';
export { adagradStep, initAdagradState, type AdagradState, type AdagradRuleOptions } from './adagrad.js';
export { adadeltaStep, initAdadeltaState, type AdadeltaState, type AdadeltaRuleOptions } from './adadelta.js';
export { adamaxStep, initAdamaxState, type AdamaxState, type AdamaxRuleOptions } from './adamax.js';
export { nadamStep, initNAdamState, type NAdamState, type NAdamRuleOptions } from './nadam.js';
export { radamStep, initRAdamState, type RAdamState, type RAdamRuleOptions } from './radam.js';
export { lbfgsStep, initLBFGSState, type LBFGSState, type LBFGSRuleOptions, type LBFGSProblem } from './lbfgs.js';
export {
  strongWolfe,
  cubicInterpolate,
  type StrongWolfeOptions,
  type StrongWolfeResult,
  type DirectionalEvaluate,
  type Round,
} from './line-search.js';
export { asgdStep, initASGDState, type ASGDState, type ASGDRuleOptions } from './asgd.js';
export { rpropStep, initRpropState, type RpropState, type RpropRuleOptions } from './rprop.js';
