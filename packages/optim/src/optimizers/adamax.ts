// torch.optim.Adamax (Adam with the infinity norm).
import type { Tensor } from '@torchlet/tensor-core';
import { checkBetas, checkNonNegative } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { adamaxStep, initAdamaxState, type AdamaxRuleOptions, type AdamaxState } from '../rules/adamax.js';
import type { Param, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

/**
 * A param group's resolved `Adamax` options: every option set (the group's own or the defaults).
 *
 * @pytorch a param group of torch.optim.Adamax (an entry of optimizer.param_groups, less its params)
 * @example
 * ```ts
 * const optimizer = new Adamax([randn([3], { requiresGrad: true })], { lr: 2e-3, betas: [0.9, 0.999] });
 * const group: AdamaxGroupOptions = optimizer.paramGroups[0]; // every option set
 * ```
 */
export type AdamaxGroupOptions = AdamaxRuleOptions;
/**
 * What the `Adamax` constructor takes: PyTorch's keyword arguments in camelCase, each optional with PyTorch's default.
 *
 * @pytorch the keyword arguments of torch.optim.Adamax
 * @example
 * ```ts
 * const options: AdamaxOptions = { lr: 2e-3, betas: [0.9, 0.999] };
 * const optimizer = new Adamax([randn([3], { requiresGrad: true })], options);
 * ```
 */
export type AdamaxOptions = Partial<AdamaxGroupOptions>;

/**
 * Defaults: lr 2e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0.
 *
 * @pytorch torch.optim.Adamax
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true }); // autograd installed (installAutograd())
 * const optimizer = new Adamax([w], { lr: 2e-3, betas: [0.9, 0.999] });
 * w.pow(2).sum().backward();
 * optimizer.step();
 * ```
 */
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
