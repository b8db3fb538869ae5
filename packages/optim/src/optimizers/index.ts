// Every optimizer class and its option types.
export { SGD, type SGDOptions, type SGDGroupOptions } from './sgd.js';
export { Adam, AdamW, type AdamOptions, type AdamGroupOptions } from './adam.js';
export { RMSprop, type RMSpropOptions, type RMSpropGroupOptions } from './rmsprop.js';
export { Adagrad, type AdagradOptions, type AdagradGroupOptions } from './adagrad.js';
export { Adadelta, type AdadeltaOptions, type AdadeltaGroupOptions } from './adadelta.js';
export { Adamax, type AdamaxOptions, type AdamaxGroupOptions } from './adamax.js';
export { NAdam, type NAdamOptions, type NAdamGroupOptions } from './nadam.js';
export { RAdam, type RAdamOptions, type RAdamGroupOptions } from './radam.js';
export { LBFGS, type LBFGSOptions, type LBFGSGroupOptions } from './lbfgs.js';
export { ASGD, type ASGDOptions, type ASGDGroupOptions } from './asgd.js';
export { Rprop, type RpropOptions, type RpropGroupOptions } from './rprop.js';
