// torch.optim.Adam and torch.optim.AdamW: one rule (rules/adam.ts), AdamW with decoupled weight decay.
import type { Tensor } from '@torchlet/tensor-core';
import { checkBetas, checkBoolean, checkNonNegative, invalid } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { adamStep, initAdamState, type AdamRuleOptions, type AdamState } from '../rules/adam.js';
import type { OptimizerStateDict, Param, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

/**
 * A param group's resolved `Adam` options: every option set (the group's own or the defaults).
 *
 * @pytorch a param group of torch.optim.Adam (an entry of optimizer.param_groups, less its params)
 * @example
 * ```ts
 * const optimizer = new Adam([randn([3], { requiresGrad: true })], { lr: 1e-3, betas: [0.9, 0.999] });
 * const group: AdamGroupOptions = optimizer.paramGroups[0]; // every option set
 * ```
 */
export type AdamGroupOptions = Required<AdamRuleOptions>;
/**
 * What the `Adam` constructor takes: PyTorch's keyword arguments in camelCase, each optional with PyTorch's default.
 *
 * @pytorch the keyword arguments of torch.optim.Adam (also AdamW's)
 * @example
 * ```ts
 * const options: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999] };
 * const optimizer = new Adam([randn([3], { requiresGrad: true })], options);
 * ```
 */
export type AdamOptions = Partial<AdamGroupOptions>;

export function checkAdamOptions(owner: string, o: AdamGroupOptions): void {
  checkNonNegative(owner, 'lr', o.lr);
  checkNonNegative(owner, 'eps', o.eps);
  checkBetas(owner, o.betas);
  checkNonNegative(owner, 'weightDecay', o.weightDecay);
  checkBoolean(owner, 'decoupledWeightDecay', o.decoupledWeightDecay);
}

/** Adam's defaults; AdamW changes weightDecay and decoupledWeightDecay. */
function adamDefaults(): AdamGroupOptions {
  return {
    lr: 1e-3,
    betas: [0.9, 0.999],
    eps: 1e-8,
    weightDecay: 0,
    amsgrad: false,
    maximize: false,
    decoupledWeightDecay: false,
  };
}

/**
 * Adam. Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0 (L2: added to the gradient),
 * decoupledWeightDecay false (true is AdamW's update, as PyTorch 2.x's `decoupled_weight_decay`).
 *
 * @pytorch torch.optim.Adam
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true }); // autograd installed (installAutograd())
 * const optimizer = new Adam([w], { lr: 1e-3, betas: [0.9, 0.999] });
 * w.pow(2).sum().backward();
 * optimizer.step();
 * ```
 */
export class Adam extends RuleOptimizer<AdamGroupOptions, AdamState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<AdamGroupOptions>>, options: AdamOptions = {}) {
    super('Adam', params, optimizerOptions('Adam', adamDefaults(), options));
  }

  protected validate(o: AdamGroupOptions): void {
    checkAdamOptions('Adam', o);
  }

  protected initState(param: Tensor, o: AdamGroupOptions): AdamState {
    return initAdamState(param, o.amsgrad);
  }

  protected update(param: Tensor, grad: Tensor, state: AdamState, o: AdamGroupOptions): void {
    adamStep(param, grad, state, o);
  }
}

/**
 * AdamW: Adam's rule with decoupled weight decay (`decoupledWeightDecay` is always true; a group or
 * option setting it to false is an error: use Adam for L2 weight decay). Defaults as Adam, but
 * weightDecay 1e-2.
 *
 * @pytorch torch.optim.AdamW
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true }); // autograd installed (installAutograd())
 * const optimizer = new AdamW([w], { lr: 1e-3, weightDecay: 1e-2 });
 * w.pow(2).sum().backward();
 * optimizer.step();
 * ```
 */
export class AdamW extends RuleOptimizer<AdamGroupOptions, AdamState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<AdamGroupOptions>>, options: AdamOptions = {}) {
    const defaults: AdamGroupOptions = { ...adamDefaults(), weightDecay: 1e-2, decoupledWeightDecay: true };
    super('AdamW', params, optimizerOptions('AdamW', defaults, options));
  }

  protected validate(o: AdamGroupOptions): void {
    checkAdamOptions('AdamW', o);
    if (o.decoupledWeightDecay !== true) {
      const expected = 'true (AdamW always decouples weight decay; Adam has L2 weight decay)';
      invalid('AdamW', 'decoupledWeightDecay', expected, o.decoupledWeightDecay);
    }
  }

  /** As Optimizer's, then every group decouples weight decay (PyTorch's AdamW.__setstate__). */
  override loadStateDict(stateDict: OptimizerStateDict<AdamGroupOptions, AdamState>): void {
    super.loadStateDict(stateDict);
    for (const group of this.paramGroups) group.decoupledWeightDecay = true;
  }

  protected initState(param: Tensor, o: AdamGroupOptions): AdamState {
    return initAdamState(param, o.amsgrad);
  }

  protected update(param: Tensor, grad: Tensor, state: AdamState, o: AdamGroupOptions): void {
    adamStep(param, grad, state, o);
  }
}
