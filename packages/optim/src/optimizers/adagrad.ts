// torch.optim.Adagrad (dense gradients).
import type { Tensor } from '@torchlet/tensor-core';
import { checkNonNegative } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { adagradStep, initAdagradState, type AdagradRuleOptions, type AdagradState } from '../rules/adagrad.js';
import type { Param, ParamGroup, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

/**
 * A param group's resolved `Adagrad` options: every option set (the group's own or the defaults).
 *
 * @pytorch a param group of torch.optim.Adagrad (an entry of optimizer.param_groups, less its params)
 * @example
 * ```ts
 * const optimizer = new Adagrad([randn([3], { requiresGrad: true })], { lr: 1e-2, lrDecay: 1e-4 });
 * const group: AdagradGroupOptions = optimizer.paramGroups[0]; // every option set
 * ```
 */
export type AdagradGroupOptions = AdagradRuleOptions;
/**
 * What the `Adagrad` constructor takes: PyTorch's keyword arguments in camelCase, each optional with PyTorch's default.
 *
 * @pytorch the keyword arguments of torch.optim.Adagrad
 * @example
 * ```ts
 * const options: AdagradOptions = { lr: 1e-2, lrDecay: 1e-4 };
 * const optimizer = new Adagrad([randn([3], { requiresGrad: true })], options);
 * ```
 */
export type AdagradOptions = Partial<AdagradGroupOptions>;

/**
 * Defaults: lr 1e-2, lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10.
 * Like PyTorch, the state (step 0, sum = initialAccumulatorValue) exists from construction.
 *
 * @pytorch torch.optim.Adagrad
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true }); // autograd installed (installAutograd())
 * const optimizer = new Adagrad([w], { lr: 1e-2, lrDecay: 1e-4 });
 * w.pow(2).sum().backward();
 * optimizer.step();
 * ```
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
