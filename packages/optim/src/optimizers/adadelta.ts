// torch.optim.Adadelta.
import type { Tensor } from '@torchlet/tensor-core';
import { checkNonNegative, checkUnitInterval } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { adadeltaStep, initAdadeltaState, type AdadeltaRuleOptions, type AdadeltaState } from '../rules/adadelta.js';
import type { Param, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

export type AdadeltaGroupOptions = AdadeltaRuleOptions;
export type AdadeltaOptions = Partial<AdadeltaGroupOptions>;

/** Defaults: lr 1.0, rho 0.9, eps 1e-6, weightDecay 0. */
export class Adadelta extends RuleOptimizer<AdadeltaGroupOptions, AdadeltaState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<AdadeltaGroupOptions>>, options: AdadeltaOptions = {}) {
    const defaults: AdadeltaGroupOptions = { lr: 1.0, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false };
    super('Adadelta', params, optimizerOptions('Adadelta', defaults, options));
  }

  protected validate(o: AdadeltaGroupOptions): void {
    checkNonNegative('Adadelta', 'lr', o.lr);
    checkUnitInterval('Adadelta', 'rho', o.rho, true);
    checkNonNegative('Adadelta', 'eps', o.eps);
    checkNonNegative('Adadelta', 'weightDecay', o.weightDecay);
  }

  protected initState(param: Tensor): AdadeltaState {
    return initAdadeltaState(param);
  }

  protected update(param: Tensor, grad: Tensor, state: AdadeltaState, o: AdadeltaGroupOptions): void {
    adadeltaStep(param, grad, state, o);
  }
}
