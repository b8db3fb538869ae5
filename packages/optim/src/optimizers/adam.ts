// torch.optim.Adam and torch.optim.AdamW.
import { checkBetas, checkNonNegative } from '../errors.js';
import { withDefaults } from '../options.js';
import { adamStep, adamwStep, initAdamState, type AdamRuleOptions, type AdamState } from '../rules/adam.js';
import type { Param, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

export type AdamGroupOptions = AdamRuleOptions;
export type AdamOptions = Partial<AdamGroupOptions>;

export function checkAdamOptions(owner: string, o: AdamGroupOptions): void {
  checkNonNegative(owner, 'lr', o.lr);
  checkNonNegative(owner, 'eps', o.eps);
  checkBetas(owner, o.betas);
  checkNonNegative(owner, 'weightDecay', o.weightDecay);
}

/** Adam with L2 weight decay (added to the gradient). Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8. */
export class Adam extends RuleOptimizer<AdamGroupOptions, AdamState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<AdamGroupOptions>>, options: AdamOptions = {}) {
    const defaults: AdamGroupOptions = {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
    };
    super('Adam', params, withDefaults('Adam', defaults, options));
  }

  protected validate(o: AdamGroupOptions): void {
    checkAdamOptions('Adam', o);
  }

  protected initState(param: Param['value'], o: AdamGroupOptions): AdamState {
    return initAdamState(param, o.amsgrad);
  }

  protected update(param: Param['value'], grad: Param['value'], state: AdamState, o: AdamGroupOptions): void {
    adamStep(param, grad, state, o);
  }
}

/** AdamW: Adam with decoupled weight decay. Defaults as Adam, but weightDecay 1e-2. */
export class AdamW extends RuleOptimizer<AdamGroupOptions, AdamState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<AdamGroupOptions>>, options: AdamOptions = {}) {
    const defaults: AdamGroupOptions = {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 1e-2,
      amsgrad: false,
      maximize: false,
    };
    super('AdamW', params, withDefaults('AdamW', defaults, options));
  }

  protected validate(o: AdamGroupOptions): void {
    checkAdamOptions('AdamW', o);
  }

  protected initState(param: Param['value'], o: AdamGroupOptions): AdamState {
    return initAdamState(param, o.amsgrad);
  }

  protected update(param: Param['value'], grad: Param['value'], state: AdamState, o: AdamGroupOptions): void {
    adamwStep(param, grad, state, o);
  }
}
