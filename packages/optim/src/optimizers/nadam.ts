// torch.optim.NAdam (Adam with Nesterov momentum), as PyTorch 1.13: no maximize, no decoupled weight decay.
import type { Tensor } from '@torchlet/tensor-core';
import { checkBetas, checkNonNegative } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { initNAdamState, nadamStep, type NAdamRuleOptions, type NAdamState } from '../rules/nadam.js';
import type { Param, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

/**
 * A param group's resolved `NAdam` options: every option set (the group's own or the defaults).
 *
 * @pytorch a param group of torch.optim.NAdam (an entry of optimizer.param_groups, less its params)
 * @example
 * ```ts
 * const optimizer = new NAdam([randn([3], { requiresGrad: true })], { lr: 2e-3, betas: [0.9, 0.999] });
 * const group: NAdamGroupOptions = optimizer.paramGroups[0]; // every option set
 * ```
 */
export type NAdamGroupOptions = NAdamRuleOptions;
/**
 * What the `NAdam` constructor takes: PyTorch's keyword arguments in camelCase, each optional with PyTorch's default.
 *
 * @pytorch the keyword arguments of torch.optim.NAdam
 * @example
 * ```ts
 * const options: NAdamOptions = { lr: 2e-3, betas: [0.9, 0.999] };
 * const optimizer = new NAdam([randn([3], { requiresGrad: true })], options);
 * ```
 */
export type NAdamOptions = Partial<NAdamGroupOptions>;

/**
 * Defaults: lr 2e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0, momentumDecay 4e-3.
 *
 * @pytorch torch.optim.NAdam
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true }); // autograd installed (installAutograd())
 * const optimizer = new NAdam([w], { lr: 2e-3, betas: [0.9, 0.999] });
 * w.pow(2).sum().backward();
 * optimizer.step();
 * ```
 */
export class NAdam extends RuleOptimizer<NAdamGroupOptions, NAdamState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<NAdamGroupOptions>>, options: NAdamOptions = {}) {
    const defaults: NAdamGroupOptions = {
      lr: 2e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      momentumDecay: 4e-3,
    };
    super('NAdam', params, optimizerOptions('NAdam', defaults, options));
  }

  protected validate(o: NAdamGroupOptions): void {
    checkNonNegative('NAdam', 'lr', o.lr);
    checkNonNegative('NAdam', 'eps', o.eps);
    checkBetas('NAdam', o.betas);
    checkNonNegative('NAdam', 'weightDecay', o.weightDecay);
    checkNonNegative('NAdam', 'momentumDecay', o.momentumDecay);
  }

  protected initState(param: Tensor): NAdamState {
    return initNAdamState(param);
  }

  protected update(param: Tensor, grad: Tensor, state: NAdamState, o: NAdamGroupOptions): void {
    nadamStep(param, grad, state, o);
  }
}
