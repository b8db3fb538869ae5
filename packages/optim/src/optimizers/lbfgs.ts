// torch.optim.LBFGS: limited-memory BFGS over all params as one flat vector, optional strong-Wolfe search.
import { enableGrad, noGrad } from '@torchlet/autograd';
import { cat, zeros, TorchletError, ValueError, type Tensor } from '@torchlet/tensor-core';
import { checkNonNegative, checkPositiveInt, invalid } from '../errors.js';
import { Optimizer } from '../optimizer.js';
import { optimizerOptions, withDefaults } from '../options.js';
import { initLBFGSState, lbfgsRun, type LBFGSRuleOptions, type LBFGSRunProblem, type LBFGSState } from '../rules/lbfgs.js';
import { runAsync, runSync, type LBFGSRun } from '../rules/requests.js';
import type { AsyncClosure, AsyncLossLike, Closure, LossLike, Param, ParamGroupInput } from '../types.js';
import { lossValue } from '../util.js';

/**
 * A param group's resolved `LBFGS` options: every option set (the group's own or the defaults).
 *
 * @pytorch a param group of torch.optim.LBFGS (an entry of optimizer.param_groups, less its params)
 * @example
 * ```ts
 * const optimizer = new LBFGS([randn([3], { requiresGrad: true })], { lr: 1, maxIter: 20 });
 * const group: LBFGSGroupOptions = optimizer.paramGroups[0]; // every option set
 * ```
 */
export type LBFGSGroupOptions = LBFGSRuleOptions;
/**
 * What the `LBFGS` constructor takes: PyTorch's keyword arguments in camelCase, each optional with PyTorch's default.
 *
 * @pytorch the keyword arguments of torch.optim.LBFGS
 * @example
 * ```ts
 * const options: LBFGSOptions = { lr: 1, maxIter: 20 };
 * const optimizer = new LBFGS([randn([3], { requiresGrad: true })], options);
 * ```
 */
export type LBFGSOptions = Partial<LBFGSGroupOptions>;

/**
 * Defaults: lr 1, maxIter 20, maxEval floor(maxIter * 5 / 4), toleranceGrad 1e-7, toleranceChange 1e-9,
 * historySize 100, lineSearchFn null. One param group only; `step(closure)` needs the closure.
 *
 * @pytorch torch.optim.LBFGS
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true }); // autograd installed (installAutograd())
 * const optimizer = new LBFGS([w], { lr: 1, maxIter: 20 });
 * optimizer.step(() => { optimizer.zeroGrad(); const loss = w.pow(2).sum(); loss.backward(); return loss; });
 * ```
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
   * returns its first loss. The params are updated under noGrad. Reads the loss and the norms on the
   * host with item(): params on a device that cannot be read synchronously ('webgpu') take
   * `stepAsync(closure)`.
   */
  step<L extends LossLike>(closure?: Closure<L>): L {
    if (closure === undefined) throw new TorchletError("LBFGS.step(): argument 'closure' is required");
    const device = this.paramGroups[0].params[0].device;
    if (device !== 'cpu') {
      throw new TorchletError(`LBFGS.step(): the params are on '${device}', which cannot be read synchronously: use await opt.stepAsync(closure)`);
    }
    let first: L | undefined;
    const evaluate = (): number => {
      const out = enableGrad(closure);
      if (first === undefined) first = out;
      return lossValue(out);
    };
    noGrad(() => runSync(this.run(), evaluate));
    this.keepState();
    return first as L;
  }

  /**
   * `step(closure)` for params on any device: the same algorithm (the same numbers on the CPU),
   * reading the loss and the norms with itemAsync(). The closure may be async; it runs with grad
   * mode on until its first await (after that, in the caller's grad mode, on by default). Resolves
   * to the closure's first loss.
   */
  async stepAsync<L extends AsyncLossLike>(closure?: AsyncClosure<L>): Promise<L> {
    if (closure === undefined) throw new TorchletError("LBFGS.stepAsync(): argument 'closure' is required");
    let first: L | undefined;
    const evaluate = async (): Promise<number> => {
      const out = await enableGrad(closure);
      if (first === undefined) first = out;
      return typeof out === 'number' ? out : out.itemAsync();
    };
    await runAsync(this.run(), evaluate, noGrad);
    this.keepState();
    return first as L;
  }

  /** One step of the algorithm over this optimizer's params and state, as a run for a driver. */
  private run(): LBFGSRun<void> {
    const group = this.paramGroups[0];
    const params = group.params;
    let state = this.state.get(params[0]);
    if (state === undefined) {
      state = initLBFGSState();
      this.state.set(params[0], state);
    }
    const problem: LBFGSRunProblem = {
      dtype: params[0].dtype,
      evaluate: function* () {
        const loss = yield { kind: 'evaluate' } as const;
        return { loss, grad: gatherFlatGrad(params) };
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
    return lbfgsRun(problem, state, group);
  }
}

/** All gradients flattened into one fresh vector (zeros for params without a gradient). */
function gatherFlatGrad(params: Param[]): Tensor {
  const views = params.map((p) => (p.grad === null ? zeros([p.numel()], { dtype: p.dtype, device: p.device }) : p.grad.reshape(-1)));
  return cat(views, 0);
}
