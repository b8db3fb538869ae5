// torch.optim.LBFGS: limited-memory BFGS over all params as one flat vector, optional strong-Wolfe search.
import { enableGrad, noGrad } from '@torchlet/autograd';
import { cat, zeros, TorchletError, ValueError, type Tensor } from '@torchlet/tensor-core';
import { checkNonNegative, checkPositiveInt, invalid } from '../errors.js';
import { Optimizer } from '../optimizer.js';
import { optimizerOptions, withDefaults } from '../options.js';
import { initLBFGSState, lbfgsStep, type LBFGSProblem, type LBFGSRuleOptions, type LBFGSState } from '../rules/lbfgs.js';
import type { Closure, LossLike, Param, ParamGroupInput } from '../types.js';
import { lossValue } from '../util.js';

export type LBFGSGroupOptions = LBFGSRuleOptions;
export type LBFGSOptions = Partial<LBFGSGroupOptions>;

/**
 * Defaults: lr 1, maxIter 20, maxEval floor(maxIter * 5 / 4), toleranceGrad 1e-7, toleranceChange 1e-9,
 * historySize 100, lineSearchFn null. One param group only; `step(closure)` needs the closure.
 */
export class LBFGS extends Optimizer<LBFGSGroupOptions, LBFGSState> {
  constructor(params: Iterable<Param> | Iterable<ParamGroupInput<LBFGSGroupOptions>>, options: LBFGSOptions = {}) {
    const defaults: Omit<LBFGSGroupOptions, 'maxEval'> = {
      lr: 1,
      maxIter: 20,
      toleranceGrad: 1e-7,
      toleranceChange: 1e-9,
      historySize: 100,
      lineSearchFn: null,
    };
    const resolved = optimizerOptions('LBFGS', defaults, options, ['maxEval']);
    // maxEval defaults to floor(1.25 maxIter), from the resolved maxIter (PyTorch's max_eval=None)
    super('LBFGS', params, withDefaults('LBFGS', { maxEval: Math.floor((resolved.maxIter * 5) / 4) }, resolved));
    if (this.paramGroups.length !== 1) {
      throw new ValueError("LBFGS doesn't support per-parameter options (parameter groups)");
    }
  }

  protected validate(o: LBFGSGroupOptions): void {
    checkNonNegative('LBFGS', 'lr', o.lr);
    checkPositiveInt('LBFGS', 'maxIter', o.maxIter);
    checkPositiveInt('LBFGS', 'maxEval', o.maxEval);
    checkPositiveInt('LBFGS', 'historySize', o.historySize);
    checkNonNegative('LBFGS', 'toleranceGrad', o.toleranceGrad);
    checkNonNegative('LBFGS', 'toleranceChange', o.toleranceChange);
    if (o.lineSearchFn !== null && o.lineSearchFn !== 'strong_wolfe') {
      invalid('LBFGS', 'lineSearchFn', "null or 'strong_wolfe'", o.lineSearchFn);
    }
  }

  /**
   * Runs up to maxIter L-BFGS iterations, calling `closure` (with grad mode on) for every evaluation;
   * returns its first loss. The params are updated under noGrad.
   */
  step<L extends LossLike>(closure?: Closure<L>): L {
    if (closure === undefined) throw new TorchletError("LBFGS.step(): argument 'closure' is required");
    const group = this.paramGroups[0];
    const params = group.params;
    let state = this.state.get(params[0]);
    if (state === undefined) {
      state = initLBFGSState();
      this.state.set(params[0], state);
    }
    let first: L | undefined;
    const problem: LBFGSProblem = {
      dtype: params[0].dtype,
      evaluate: () => {
        const out = enableGrad(closure);
        if (first === undefined) first = out;
        return { loss: lossValue(out), grad: gatherFlatGrad(params) };
      },
      addGrad: (t, d) => {
        let offset = 0;
        for (const p of params) {
          const n = p.numel();
          // p = p + t * d[offset : offset + n]
          p.add_(d.narrow(0, offset, n).view(p.shape as number[]), { alpha: t });
          offset += n;
        }
      },
      snapshot: () => params.map((p) => p.clone()),
      restore: (x) => params.forEach((p, i) => p.copy_(x[i])),
    };
    const s = state;
    noGrad(() => lbfgsStep(problem, s, group));
    this.keepState();
    return first as L;
  }
}

/** All gradients flattened into one fresh vector (zeros for params without a gradient). */
function gatherFlatGrad(params: Param[]): Tensor {
  const views = params.map((p) => (p.grad === null ? zeros([p.numel()], { dtype: p.dtype }) : p.grad.reshape(-1)));
  return cat(views, 0);
}
