// torch.optim.Adamax (Adam with the infinity norm).
import type { Tensor } from '@torchlet/tensor-core';
import { checkBetas, checkNonNegative } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { adamaxStep, initAdamaxState, type AdamaxRuleOptions, type AdamaxState } from '../rules/adamax.js';
import type { Param, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

export type AdamaxGroupOptions = AdamaxRuleOptions;
export type AdamaxOptions = Partial<AdamaxGroupOptions>;

/** Defaults: lr 2e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0. */
export class Adamax extends RuleOptimizer<AdamaxGroupOptions, AdamaxState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<AdamaxGroupOptions>>, options: AdamaxOptions = {}) {
    const defaults: AdamaxGroupOptions = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false };
    super('Adamax', params, optimizerOptions('Adamax', defaults, options));
  }

  protected validate(o: AdamaxGroupOptions): void {
    checkNonNegative('Adamax', 'lr', o.lr);
    checkNonNegative('Adamax', 'eps', o.eps);
    checkBetas('Adamax', o.betas);
    checkNonNegative('Adamax', 'weightDecay', o.weightDecay);
  }

  protected initState(param: Tensor): AdamaxState {
    return initAdamaxState(param);
  }

  protected update(param: Tensor, grad: Tensor, state: AdamaxState, o: AdamaxGroupOptions): void {
    adamaxStep(param, grad, state, o);
  }
}
