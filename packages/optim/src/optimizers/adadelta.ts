// torch.optim.Adadelta.
import type { Tensor } from '@torchlet/tensor-core';
import { checkNonNegative, checkUnitInterval } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { adadeltaStep, initAdadeltaState, type AdadeltaRuleOptions, type AdadeltaState } from '../rules/adadelta.js';
import type { Param, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

/**
 * A param group's resolved `Adadelta` options: every option set (the group's own or the defaults).
 *
 * @pytorch a param group of torch.optim.Adadelta (an entry of optimizer.param_groups, less its params)
 * @example
 * ```ts
 * const optimizer = new Adadelta([randn([3], { requiresGrad: true })], { lr: 1.0, rho: 0.95 });
 * const group: AdadeltaGroupOptions = optimizer.paramGroups[0]; // every option set
 * ```
 */
export type AdadeltaGroupOptions = AdadeltaRuleOptions;
/**
 * What the `Adadelta` constructor takes: PyTorch's keyword arguments in camelCase, each optional with PyTorch's default.
 *
 * @pytorch the keyword arguments of torch.optim.Adadelta
 * @example
 * ```ts
 * const options: AdadeltaOptions = { lr: 1.0, rho: 0.95 };
 * const optimizer = new Adadelta([randn([3], { requiresGrad: true })], options);
 * ```
 */
export type AdadeltaOptions = Partial<AdadeltaGroupOptions>;

/**
 * Defaults: lr 1.0, rho 0.9, eps 1e-6, weightDecay 0.
 *
 * @pytorch torch.optim.Adadelta
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true }); // autograd installed (installAutograd())
 * const optimizer = new Adadelta([w], { lr: 1.0, rho: 0.95 });
 * w.pow(2).sum().backward();
 * optimizer.step();
 * ```
 */
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
