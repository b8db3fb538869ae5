// torch.optim.SGD: stochastic gradient descent with momentum, dampening, Nesterov, weight decay.
import { ValueError, type Tensor } from '@torchlet/tensor-core';
import { checkNonNegative, invalid } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { initSGDState, sgdStep, type SGDRuleOptions, type SGDState } from '../rules/sgd.js';
import type { Param, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

/**
 * A param group's resolved `SGD` options: every option set (the group's own or the defaults).
 *
 * @pytorch a param group of torch.optim.SGD (an entry of optimizer.param_groups, less its params)
 * @example
 * ```ts
 * const optimizer = new SGD([randn([3], { requiresGrad: true })], { lr: 0.1, momentum: 0.9 });
 * const group: SGDGroupOptions = optimizer.paramGroups[0]; // every option set
 * ```
 */
export type SGDGroupOptions = SGDRuleOptions;
/**
 * What the `SGD` constructor takes: PyTorch's keyword arguments in camelCase (`lr` required).
 *
 * @pytorch the keyword arguments of torch.optim.SGD
 * @example
 * ```ts
 * const options: SGDOptions = { lr: 0.1, momentum: 0.9 };
 * const optimizer = new SGD([randn([3], { requiresGrad: true })], options);
 * ```
 */
export type SGDOptions = Partial<SGDGroupOptions> & { lr: number };

const DEFAULTS: Omit<SGDGroupOptions, 'lr'> = {
  momentum: 0,
  dampening: 0,
  weightDecay: 0,
  nesterov: false,
  maximize: false,
};

/**
 * The SGD optimizer (with momentum, dampening, Nesterov and weight decay), as PyTorch 1.13 steps it.
 *
 * @pytorch torch.optim.SGD
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true }); // autograd installed (installAutograd())
 * const optimizer = new SGD([w], { lr: 0.1, momentum: 0.9 });
 * w.pow(2).sum().backward();
 * optimizer.step();
 * ```
 */
export class SGD extends RuleOptimizer<SGDGroupOptions, SGDState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<SGDGroupOptions>>, options: SGDOptions) {
    const resolved = optimizerOptions('SGD', DEFAULTS, options, ['lr']);
    // lr has no default (PyTorch 1.13): omitted or set to undefined, it is an error
    if (resolved.lr === undefined) throw new ValueError("SGD: argument 'lr' is required (SGD(params, { lr }))");
    super('SGD', params, resolved);
  }

  protected validate(o: SGDGroupOptions): void {
    checkNonNegative('SGD', 'lr', o.lr);
    checkNonNegative('SGD', 'momentum', o.momentum);
    checkNonNegative('SGD', 'weightDecay', o.weightDecay);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
      invalid('SGD', 'nesterov', 'momentum > 0 and dampening = 0', `momentum ${o.momentum}, dampening ${o.dampening}`);
    }
  }

  protected initState(): SGDState {
    return initSGDState();
  }

  protected update(param: Tensor, grad: Tensor, state: SGDState, o: SGDGroupOptions): void {
    sgdStep(param, grad, state, o);
  }
}
