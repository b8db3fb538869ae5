// torch.optim.Rprop: resilient backpropagation (PyTorch 1.13's for-loop implementation).
import type { Tensor } from '@torchlet/tensor-core';
import { checkBoolean, checkNonNegative, checkNumber, invalid } from '../errors.js';
import { checkKnownOptions, optimizerOptions } from '../options.js';
import { initRpropState, rpropStep, type RpropRuleOptions, type RpropState } from '../rules/rprop.js';
import type { Param, ParamGroup, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

/**
 * A param group's resolved `Rprop` options: every option set (the group's own or the defaults).
 *
 * @pytorch a param group of torch.optim.Rprop (an entry of optimizer.param_groups, less its params)
 * @example
 * ```ts
 * const optimizer = new Rprop([randn([3], { requiresGrad: true })], { lr: 1e-2, etas: [0.5, 1.2] });
 * const group: RpropGroupOptions = optimizer.paramGroups[0]; // every option set
 * ```
 */
export type RpropGroupOptions = RpropRuleOptions;
/**
 * What the `Rprop` constructor takes: PyTorch's keyword arguments in camelCase, each optional with PyTorch's default.
 *
 * @pytorch the keyword arguments of torch.optim.Rprop
 * @example
 * ```ts
 * const options: RpropOptions = { lr: 1e-2, etas: [0.5, 1.2] };
 * const optimizer = new Rprop([randn([3], { requiresGrad: true })], options);
 * ```
 */
export type RpropOptions = Partial<RpropGroupOptions>;

// a function: each optimizer gets its own arrays
const defaults = (): RpropGroupOptions => ({ lr: 1e-2, etas: [0.5, 1.2], stepSizes: [1e-6, 50], maximize: false });
const KNOWN = Object.keys(defaults());

function isPair(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2;
}

/**
 * Defaults: lr 1e-2, etas [0.5, 1.2], stepSizes [1e-6, 50], maximize false.
 *
 * @pytorch torch.optim.Rprop
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true }); // autograd installed (installAutograd())
 * const optimizer = new Rprop([w], { lr: 1e-2, etas: [0.5, 1.2] });
 * w.pow(2).sum().backward();
 * optimizer.step();
 * ```
 */
export class Rprop extends RuleOptimizer<RpropGroupOptions, RpropState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<RpropGroupOptions>>, options: RpropOptions = {}) {
    checkKnownOptions('Rprop', options, KNOWN);
    super('Rprop', params, optimizerOptions('Rprop', defaults(), options));
  }

  protected validate(o: RpropGroupOptions): void {
    checkNonNegative('Rprop', 'lr', o.lr);
    // PyTorch: 0 < etaminus < 1 < etaplus ("Invalid eta values")
    const etas: unknown = o.etas;
    if (!isPair(etas)) invalid('Rprop', 'etas', 'a pair [etaminus, etaplus]', etas);
    const [minus, plus] = etas;
    if (!(typeof minus === 'number' && typeof plus === 'number' && minus > 0 && minus < 1 && plus > 1 && plus < Infinity)) {
      invalid('Rprop', 'etas', '0 < etaminus < 1 < etaplus', etas);
    }
    // unchecked in PyTorch; a negative or reversed pair would move params uphill or pin every step size
    const sizes: unknown = o.stepSizes;
    if (!isPair(sizes)) invalid('Rprop', 'stepSizes', 'a pair [min, max]', sizes);
    const min = checkNumber('Rprop', 'stepSizes[0]', sizes[0], { min: 0 });
    const max: unknown = sizes[1];
    if (typeof max !== 'number' || !(max >= min)) invalid('Rprop', 'stepSizes[1]', `a number >= stepSizes[0] (${min})`, max);
    checkBoolean('Rprop', 'maximize', o.maximize);
  }

  protected initState(param: Tensor, group: ParamGroup<RpropGroupOptions>): RpropState {
    return initRpropState(param, group.lr);
  }

  protected update(param: Tensor, grad: Tensor, state: RpropState, o: RpropGroupOptions): void {
    rpropStep(param, grad, state, o);
  }
}
