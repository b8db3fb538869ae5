// SWALR (torch.optim.swa_utils.SWALR, PyTorch 1.13): anneals each group's lr to its swaLr over
// annealEpochs steps, by a cosine or a linear schedule, then holds it there.
import { checkNumber, invalid } from '../errors.js';
import { checkKnownOptions, withDefaults } from '../options.js';
import { LRScheduler, checkOptimizer, perGroupValues, type LastEpochOption, type SchedulableOptimizer } from './base.js';

/**
 * How `swaUtils.SWALR` moves the learning rate to `swaLr`: along a cosine or a straight line.
 *
 * @pytorch the anneal_strategy argument of torch.optim.swa_utils.SWALR ('cos' | 'linear')
 * @example
 * ```ts
 * const annealStrategy: SWALRAnnealStrategy = 'cos';
 * const options: SWALROptions = { swaLr: 0.05, annealStrategy };
 * ```
 */
export type SWALRAnnealStrategy = 'cos' | 'linear';

/**
 * What `swaUtils.SWALR` takes: the SWA learning rate(s), and how many epochs anneal to it and how.
 *
 * @pytorch the keyword arguments of torch.optim.swa_utils.SWALR
 * @example
 * ```ts
 * const options: SWALROptions = { swaLr: 0.05, annealEpochs: 5, annealStrategy: 'linear' };
 * const optimizer = new SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new swaUtils.SWALR(optimizer, options);
 * ```
 */
export interface SWALROptions extends LastEpochOption {
  /** The lr to anneal to: one for every group, or a list with one per group (required). */
  swaLr: number | readonly number[];
  /** Steps of the annealing (default 10), an integer >= 0. */
  annealEpochs?: number;
  /** 'cos' (default): alpha = (1 - cos(pi t)) / 2; 'linear': alpha = t. */
  annealStrategy?: SWALRAnnealStrategy;
}

const ANNEAL: Record<SWALRAnnealStrategy, (t: number) => number> = {
  cos: (t) => (1 - Math.cos(Math.PI * t)) / 2,
  linear: (t) => t,
};

/**
 * lr_t = swaLr * alpha(t) + lr_0 * (1 - alpha(t)), t = min(1, step / annealEpochs), computed as
 * PyTorch's chainable form: lr_0 is recovered from the group's current lr and the previous alpha.
 */
export class SWALR extends LRScheduler {
  annealEpochs: number;
  annealStrategy: SWALRAnnealStrategy;

  constructor(optimizer: SchedulableOptimizer, options: SWALROptions) {
    checkOptimizer('SWALR', optimizer);
    checkKnownOptions('SWALR', options, ['swaLr', 'annealEpochs', 'annealStrategy', 'lastEpoch']);
    const o = withDefaults('SWALR', { annealEpochs: 10, annealStrategy: 'cos' as SWALRAnnealStrategy }, options);
    if (o.swaLr === undefined) invalid('SWALR', 'swaLr', 'a number, or a list of one per param group', undefined);
    const swaLrs = perGroupValues('SWALR', 'swaLr', optimizer, o.swaLr, {});
    if (o.annealStrategy !== 'cos' && o.annealStrategy !== 'linear') invalid('SWALR', 'annealStrategy', "'cos' or 'linear'", o.annealStrategy);
    const annealEpochs = checkNumber('SWALR', 'annealEpochs', o.annealEpochs, { integer: true, min: 0 });
    optimizer.paramGroups.forEach((g, i) => {
      g.swaLr = swaLrs[i];
    });
    super(optimizer, o.lastEpoch);
    this.annealEpochs = annealEpochs;
    this.annealStrategy = o.annealStrategy;
    this.initialStep();
  }

  protected getLr(): number[] {
    const anneal = ANNEAL[this.annealStrategy];
    const groups = this.optimizer.paramGroups;
    let step = this.stepCount - 1;
    if (this.annealEpochs === 0) step = Math.max(1, step);
    const span = Math.max(1, this.annealEpochs);
    const prevAlpha = anneal(Math.max(0, Math.min(1, (step - 1) / span)));
    // the lr before annealing: (lr - alpha swaLr) / (1 - alpha), or swaLr once alpha is 1
    const prevLrs = groups.map((g) => (prevAlpha === 1 ? (g.swaLr as number) : (g.lr - prevAlpha * (g.swaLr as number)) / (1 - prevAlpha)));
    const alpha = anneal(Math.max(0, Math.min(1, step / span)));
    return groups.map((g, i) => (g.swaLr as number) * alpha + prevLrs[i] * (1 - alpha));
  }
}
