// Optimizers whose step applies a pure per-parameter rule to (param, param.grad, state), under noGrad.
import { enableGrad, noGrad } from '@torchlet/autograd';
import type { Tensor } from '@torchlet/tensor-core';
import { Optimizer } from '../optimizer.js';
import type { BaseGroupOptions, Closure, LossLike, ParamGroup } from '../types.js';

export abstract class RuleOptimizer<O extends BaseGroupOptions, S extends object> extends Optimizer<O, S> {
  /** Fresh state for a parameter on its first step. */
  protected abstract initState(param: Tensor, group: ParamGroup<O>): S;
  /** Apply the update rule in place. */
  protected abstract update(param: Tensor, grad: Tensor, state: S, group: ParamGroup<O>): void;

  /**
   * Run `closure` (if given, with grad mode on) for the loss, then update every parameter that has a
   * gradient, with grad mode off (PyTorch's `@torch.no_grad()` step).
   */
  step<L extends LossLike>(closure?: Closure<L>): L | undefined {
    const loss = closure === undefined ? undefined : enableGrad(closure);
    noGrad(() => {
      for (const [p, group] of this.paramsWithGrad()) {
        let state = this.state.get(p);
        if (state === undefined) {
          state = this.initState(p, group);
          this.state.set(p, state);
        }
        this.update(p, p.grad as Tensor, state, group);
      }
    });
    this.keepState();
    return loss;
  }
}
