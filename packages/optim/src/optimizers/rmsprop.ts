// torch.optim.RMSprop (plain or centered, with optional momentum).
import type { Tensor } from '@torchlet/tensor-core';
import { checkNonNegative } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { initRMSpropState, rmspropStep, type RMSpropRuleOptions, type RMSpropState } from '../rules/rmsprop.js';
import type { Param, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

/**
 * A param group's resolved `RMSprop` options: every option set (the group's own or the defaults).
 *
 * @pytorch a param group of torch.optim.RMSprop (an entry of optimizer.param_groups, less its params)
 * @example
 * ```ts
 * const optimizer = new RMSprop([randn([3], { requiresGrad: true })], { lr: 1e-2, alpha: 0.9 });
 * const group: RMSpropGroupOptions = optimizer.paramGroups[0]; // every option set
 * ```
 */
export type RMSpropGroupOptions = RMSpropRuleOptions;
/**
 * What the `RMSprop` constructor takes: PyTorch's keyword arguments in camelCase, each optional with PyTorch's default.
 *
 * @pytorch the keyword arguments of torch.optim.RMSprop
 * @example
 * ```ts
 * const options: RMSpropOptions = { lr: 1e-2, alpha: 0.9 };
 * const optimizer = new RMSprop([randn([3], { requiresGrad: true })], options);
 * ```
 */
export type RMSpropOptions = Partial<RMSpropGroupOptions>;

/**
 * Defaults: lr 1e-2, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0, centered false.
 *
 * @pytorch torch.optim.RMSprop
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true }); // autograd installed (installAutograd())
 * const optimizer = new RMSprop([w], { lr: 1e-2, alpha: 0.9 });
 * w.pow(2).sum().backward();
 * optimizer.step();
 * ```
 */
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
