// torch.optim.ASGD: averaged stochastic gradient descent (PyTorch 1.13's for-loop implementation).
import type { Tensor } from '@torchlet/tensor-core';
import { checkBoolean, checkNonNegative, checkNumber } from '../errors.js';
import { checkKnownOptions, optimizerOptions } from '../options.js';
import { asgdStep, initASGDState, type ASGDRuleOptions, type ASGDState } from '../rules/asgd.js';
import type { Param, ParamGroup, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

/**
 * A param group's resolved `ASGD` options: every option set (the group's own or the defaults).
 *
 * @pytorch a param group of torch.optim.ASGD (an entry of optimizer.param_groups, less its params)
 * @example
 * ```ts
 * const optimizer = new ASGD([randn([3], { requiresGrad: true })], { lr: 1e-2, lambd: 1e-4 });
 * const group: ASGDGroupOptions = optimizer.paramGroups[0]; // every option set
 * ```
 */
export type ASGDGroupOptions = ASGDRuleOptions;
/**
 * What the `ASGD` constructor takes: PyTorch's keyword arguments in camelCase, each optional with PyTorch's default.
 *
 * @pytorch the keyword arguments of torch.optim.ASGD
 * @example
 * ```ts
 * const options: ASGDOptions = { lr: 1e-2, lambd: 1e-4 };
 * const optimizer = new ASGD([randn([3], { requiresGrad: true })], options);
 * ```
 */
export type ASGDOptions = Partial<ASGDGroupOptions>;

const DEFAULTS: ASGDGroupOptions = { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weightDecay: 0, maximize: false };
const KNOWN = Object.keys(DEFAULTS);

/**
 * Defaults: lr 1e-2, lambd 1e-4, alpha 0.75, t0 1e6, weightDecay 0, maximize false. The average of
 * the iterates is the state's `ax` (`optimizer.state.get(p).ax`), as in PyTorch.
 *
 * @pytorch torch.optim.ASGD
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true }); // autograd installed (installAutograd())
 * const optimizer = new ASGD([w], { lr: 1e-2, lambd: 1e-4 });
 * w.pow(2).sum().backward();
 * optimizer.step();
 * ```
 */
export class ASGD extends RuleOptimizer<ASGDGroupOptions, ASGDState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<ASGDGroupOptions>>, options: ASGDOptions = {}) {
    checkKnownOptions('ASGD', options, KNOWN);
    super('ASGD', params, optimizerOptions('ASGD', DEFAULTS, options));
  }

  protected validate(o: ASGDGroupOptions): void {
    checkNonNegative('ASGD', 'lr', o.lr);
    checkNonNegative('ASGD', 'weightDecay', o.weightDecay);
    // PyTorch checks only lr and weight_decay; a negative lambd makes eta's base negative (math.pow
    // raises "math domain error" at some step), NaN or infinite values give NaN params
    checkNumber('ASGD', 'lambd', o.lambd, { min: 0 });
    checkNumber('ASGD', 'alpha', o.alpha);
    checkNumber('ASGD', 't0', o.t0);
    checkBoolean('ASGD', 'maximize', o.maximize);
  }

  protected initState(param: Tensor, group: ParamGroup<ASGDGroupOptions>): ASGDState {
    return initASGDState(param, group.lr);
  }

  protected update(param: Tensor, grad: Tensor, state: ASGDState, o: ASGDGroupOptions): void {
    asgdStep(param, grad, state, o);
  }
}
