// torch.optim.RMSprop (plain or centered, with optional momentum).
import type { Tensor } from '@torchlet/tensor-core';
import { checkNonNegative } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { initRMSpropState, rmspropStep, type RMSpropRuleOptions, type RMSpropState } from '../rules/rmsprop.js';
import type { Param, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

export type RMSpropGroupOptions = RMSpropRuleOptions;
export type RMSpropOptions = Partial<RMSpropGroupOptions>;

/** Defaults: lr 1e-2, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0, centered false. */
export class RMSprop extends RuleOptimizer<RMSpropGroupOptions, RMSpropState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<RMSpropGroupOptions>>, options: RMSpropOptions = {}) {
    const defaults: RMSpropGroupOptions = {
      lr: 1e-2,
      alpha: 0.99,
      eps: 1e-8,
      weightDecay: 0,
      momentum: 0,
      centered: false,
      maximize: false,
    };
    super('RMSprop', params, optimizerOptions('RMSprop', defaults, options));
  }

  protected validate(o: RMSpropGroupOptions): void {
    checkNonNegative('RMSprop', 'lr', o.lr);
    checkNonNegative('RMSprop', 'eps', o.eps);
    checkNonNegative('RMSprop', 'momentum', o.momentum);
    checkNonNegative('RMSprop', 'weightDecay', o.weightDecay);
    checkNonNegative('RMSprop', 'alpha', o.alpha);
  }

  protected initState(param: Tensor, o: RMSpropGroupOptions): RMSpropState {
    return initRMSpropState(param, o);
  }

  protected update(param: Tensor, grad: Tensor, state: RMSpropState, o: RMSpropGroupOptions): void {
    rmspropStep(param, grad, state, o);
  }
}
