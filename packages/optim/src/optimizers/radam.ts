// torch.optim.RAdam (rectified Adam), as PyTorch 1.13: no decoupled weight decay.
import type { Tensor } from '@torchlet/tensor-core';
import { checkBetas, checkNonNegative } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { initRAdamState, radamStep, type RAdamRuleOptions, type RAdamState } from '../rules/radam.js';
import type { Param, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

export type RAdamGroupOptions = RAdamRuleOptions;
export type RAdamOptions = Partial<RAdamGroupOptions>;

/** Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0. */
export class RAdam extends RuleOptimizer<RAdamGroupOptions, RAdamState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<RAdamGroupOptions>>, options: RAdamOptions = {}) {
    const defaults: RAdamGroupOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 };
    super('RAdam', params, optimizerOptions('RAdam', defaults, options));
  }

  protected validate(o: RAdamGroupOptions): void {
    checkNonNegative('RAdam', 'lr', o.lr);
    checkNonNegative('RAdam', 'eps', o.eps);
    checkBetas('RAdam', o.betas);
    checkNonNegative('RAdam', 'weightDecay', o.weightDecay);
  }

  protected initState(param: Tensor): RAdamState {
    return initRAdamState(param);
  }

  protected update(param: Tensor, grad: Tensor, state: RAdamState, o: RAdamGroupOptions): void {
    radamStep(param, grad, state, o);
  }
}
