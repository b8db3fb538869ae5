// AveragedModel (torch.optim.swa_utils.AveragedModel, PyTorch 1.13): a deep copy of a model whose
// parameters (and, with useBuffers, buffers) hold a running average of another model's.
import { noGrad } from '@torchlet/autograd';
import { ValueError, scalarTensor, type Tensor } from '@torchlet/tensor-core';
import { checkOptions } from '../functional/util.js';
import { deepCopyModule } from '../module/deep-copy.js';
import { Module } from '../module/module.js';

/**
 * The averaging rule: the new averaged value from the current average, the model's value and how
 * many models were averaged so far (an int64 0-d tensor), as PyTorch's avg_fn.
 *
 * @pytorch the avg_fn argument of torch.optim.swa_utils.AveragedModel
 * @example
 * ```ts
 * const ema: AveragingFunction = (averaged, current) => averaged.mul(0.9).add(current.mul(0.1));
 * const averaged = new AveragedModel(new Linear(3, 2), { avgFn: ema });
 * ```
 */
export type AveragingFunction = (averaged: Tensor, current: Tensor, numAveraged: Tensor) => Tensor;

/**
 * What the `AveragedModel` constructor takes: the averaging function (default: the running mean) and whether buffers are averaged too.
 *
 * @pytorch the keyword arguments of torch.optim.swa_utils.AveragedModel
 * @example
 * ```ts
 * const ema: AveragingFunction = (avg, cur) => avg.mul(0.99).add(cur.mul(0.01));
 * const options: AveragedModelOptions = { avgFn: ema, useBuffers: true };
 * const averaged = new AveragedModel(new Linear(3, 2), options);
 * ```
 */
export interface AveragedModelOptions {
  /** Default: the equal-weight running mean, averaged + (current - averaged) / (numAveraged + 1). */
  avgFn?: AveragingFunction | null;
  /** Average the buffers too (running statistics, counters), not only the parameters. Default false. */
  useBuffers?: boolean;
}

/** PyTorch's default avg_fn: the running mean of every model averaged so far. */
const runningMean: AveragingFunction = (averaged, current, n) => averaged.add(current.sub(averaged).div(n.add(1)));

type ForwardOf<M extends Module> = M extends { forward(...args: infer A): infer R } ? (...args: A) => R : never;

/**
 * A model whose weights are the average of the models passed to updateParameters (SWA, EMA).
 *
 * @pytorch torch.optim.swa_utils.AveragedModel
 * @example
 * ```ts
 * const model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
 * const swaModel = new AveragedModel(model);
 * swaModel.updateParameters(model); // after each SWA epoch
 * ```
 */
export class AveragedModel<M extends Module = Module> extends Module {
  readonly avgFn: AveragingFunction;
  readonly useBuffers: boolean;

  constructor(model: M, options: AveragedModelOptions = {}) {
    super();
    checkOptions('AveragedModel', options, ['avgFn', 'useBuffers']);
    if (!(model instanceof Module)) throw new ValueError(`AveragedModel(): argument 'model' expected a Module, got ${typeof model}`);
    const avgFn = options.avgFn ?? null;
    if (avgFn !== null && typeof avgFn !== 'function') {
      throw new ValueError(`AveragedModel(): argument 'avgFn' expected a function (averaged, current, numAveraged) => Tensor or null, got ${typeof avgFn}`);
    }
    const useBuffers = options.useBuffers ?? false;
    if (typeof useBuffers !== 'boolean') throw new ValueError(`AveragedModel(): argument 'useBuffers' expected a boolean, got ${typeof useBuffers}`);
    this.registerModule('module', deepCopyModule(model));
    this.registerBuffer('n_averaged', scalarTensor(0, 'int64'));
    this.avgFn = avgFn ?? runningMean;
    this.useBuffers = useBuffers;
  }

  /** The averaged copy of the model. */
  get module(): M {
    return this.getSubmodule('module') as M;
  }

  /** How many models have been averaged (an int64 0-d tensor; PyTorch's n_averaged buffer). */
  get nAveraged(): Tensor {
    return this.getBuffer('n_averaged') as Tensor;
  }

  /** Runs the averaged copy: `module.forward(...)`. */
  forward(...args: Parameters<ForwardOf<M>>): ReturnType<ForwardOf<M>> {
    return (this.module.forward as (...a: unknown[]) => ReturnType<ForwardOf<M>>)(...args);
  }

  /**
   * Fold `model`'s parameters (and buffers, with useBuffers) into the average: the first call copies
   * them, later calls apply avgFn; pairs are matched in order (as PyTorch's zip), then nAveraged += 1.
   */
  updateParameters(model: M): void {
    if (!(model instanceof Module)) throw new ValueError(`AveragedModel.updateParameters(): argument 'model' expected a Module, got ${typeof model}`);
    const mine = this.useBuffers ? [...this.module.parameters(), ...this.module.buffers()] : [...this.parameters()];
    const theirs = this.useBuffers ? [...model.parameters(), ...model.buffers()] : [...model.parameters()];
    const n = this.nAveraged;
    const first = n.item() === 0;
    noGrad(() => {
      for (let i = 0; i < Math.min(mine.length, theirs.length); i++) {
        const current = theirs[i].detach();
        const target = mine[i].detach();
        target.copy_(first ? current : this.avgFn(target, current, n));
      }
      n.add_(1);
    });
  }
}
