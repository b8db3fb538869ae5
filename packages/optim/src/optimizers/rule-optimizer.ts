// Optimizers whose step applies a pure per-parameter rule to (param.value, param.grad.value, state).
import type { Tensor as CoreTensor } from '@torchlet/tensor-core';
import { Optimizer } from '../optimizer.js';
import type { BaseGroupOptions, Closure, LossLike, ParamGroup } from '../types.js';

export abstract class RuleOptimizer<O extends BaseGroupOptions, S extends object> extends Optimizer<O, S> {
  /** Fresh state for a parameter on its first step. */
  protected abstract initState(param: CoreTensor, group: ParamGroup<O>): S;
  /** Apply the update rule in place. */
  protected abstract update(param: CoreTensor, grad: CoreTensor, state: S, group: ParamGroup<O>): void;

  /** Run `closure` (if given) for the loss, then update every parameter that has a gradient. */
  step<L extends LossLike>(closure?: Closure<L>): L | undefined {
    const loss = closure === undefined ? undefined : closure();
    for (const [p, group] of this.paramsWithGrad()) {
      let state = this.state.get(p);
      if (state === undefined) {
        state = this.initState(p.value, group);
        this.state.set(p, state);
      }
      this.update(p.value, (p.grad as { value: CoreTensor }).value, state, group);
    }
    return loss;
  }
}
