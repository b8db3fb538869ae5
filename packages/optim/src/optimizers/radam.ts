// torch.optim.RAdam (rectified Adam), as PyTorch 1.13: no decoupled weight decay.
import type { Tensor } from '@torchlet/tensor-core';
import { checkBetas, checkNonNegative } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { initRAdamState, radamStep, type RAdamRuleOptions, type RAdamState } from '../rules/radam.js';
import type { Param, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

/**
 * A param group's resolved `RAdam` options: every option set (the group's own or the defaults).
 *
 * @pytorch a param group of torch.optim.RAdam (an entry of optimizer.param_groups, less its params)
 * @example
 * ```ts
 * const optimizer = new RAdam([randn([3], { requiresGrad: true })], { lr: 1e-3, eps: 1e-8 });
 * const group: RAdamGroupOptions = optimizer.paramGroups[0]; // every option set
 * ```
 */
export type RAdamGroupOptions = RAdamRuleOptions;
/**
 * What the `RAdam` constructor takes: PyTorch's keyword arguments in camelCase, each optional with PyTorch's default.
 *
 * @pytorch the keyword arguments of torch.optim.RAdam
 * @example
 * ```ts
 * const options: RAdamOptions = { lr: 1e-3, eps: 1e-8 };
 * const optimizer = new RAdam([randn([3], { requiresGrad: true })], options);
 * ```
 */
export type RAdamOptions = Partial<RAdamGroupOptions>;

/**
 * Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0.
 *
 * @pytorch torch.optim.RAdam
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true }); // autograd installed (installAutograd())
 * const optimizer = new RAdam([w], { lr: 1e-3, eps: 1e-8 });
 * w.pow(2).sum().backward();
 * optimizer.step();
 * ```
 */
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
