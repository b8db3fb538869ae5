// torch.optim.SGD: stochastic gradient descent with momentum, dampening, Nesterov, weight decay.
import { ValueError, type Tensor } from '@torchlet/tensor-core';
import { checkNonNegative, invalid } from '../errors.js';
import { optimizerOptions } from '../options.js';
import { initSGDState, sgdStep, type SGDRuleOptions, type SGDState } from '../rules/sgd.js';
import type { Param, ParamGroupInput } from '../types.js';
import { RuleOptimizer } from './rule-optimizer.js';

export type SGDGroupOptions = SGDRuleOptions;
/** `lr` is required, as in PyTorch 1.13 (2.x defaults it to 1e-3). */
export type SGDOptions = Partial<SGDGroupOptions> & { lr: number };

const DEFAULTS: Omit<SGDGroupOptions, 'lr'> = {
  momentum: 0,
  dampening: 0,
  weightDecay: 0,
  nesterov: false,
  maximize: false,
};

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
