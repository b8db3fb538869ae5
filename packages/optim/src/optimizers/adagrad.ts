// torch.optim.Adagrad (dense gradients).
import type { Tensor } from '@torchlet/tensor-core';
import { checkNonNegative } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { adagradStep, initAdagradState, type AdagradRuleOptions, type AdagradState } from '../rules/adagrad.js';
import type { Param, ParamGroup, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

export type AdagradGroupOptions = AdagradRuleOptions;
export type AdagradOptions = Partial<AdagradGroupOptions>;

/**
 * Defaults: lr 1e-2, lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10.
 * Like PyTorch, the state (step 0, sum = initialAccumulatorValue) exists from construction.
 */
export class Adagrad extends RuleOptimizer<AdagradGroupOptions, AdagradState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<AdagradGroupOptions>>, options: AdagradOptions = {}) {
    const defaults: AdagradGroupOptions = {
      lr: 1e-2,
      lrDecay: 0,
      weightDecay: 0,
      initialAccumulatorValue: 0,
      eps: 1e-10,
      maximize: false,
    };
    super('Adagrad', params, optimizerOptions('Adagrad', defaults, options));
  }

  protected validate(o: AdagradGroupOptions): void {
    checkNonNegative('Adagrad', 'lr', o.lr);
    checkNonNegative('Adagrad', 'lrDecay', o.lrDecay);
    checkNonNegative('Adagrad', 'weightDecay', o.weightDecay);
    checkNonNegative('Adagrad', 'initialAccumulatorValue', o.initialAccumulatorValue);
    checkNonNegative('Adagrad', 'eps', o.eps);
  }

  protected override onAddGroup(group: ParamGroup<AdagradGroupOptions>): void {
    for (const p of group.params) this.state.set(p, this.initState(p, group));
  }

  protected initState(param: Tensor, o: AdagradGroupOptions): AdagradState {
    return initAdagradState(param, o.initialAccumulatorValue);
  }

  protected update(param: Tensor, grad: Tensor, state: AdagradState, o: AdagradGroupOptions): void {
    adagradStep(param, grad, state, o);
  }
}
