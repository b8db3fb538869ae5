// poissonNllLoss: PyTorch's F.poisson_nll_loss.
import type { Tensor } from '@torchlet/tensor-core';
import { checkBroadcast, checkFloating, checkReduction, promotedTarget, reduce, withDefaults, type Reduction } from '../common.js';

/**
 * Options of `poissonNllLoss` and `PoissonNLLLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.poisson_nll_loss
 * @example
 * ```ts
 * const options: PoissonNLLLossOptions = { logInput: false, full: true };
 * const criterion = new PoissonNLLLoss(options);
 * ```
 */
export interface PoissonNLLLossOptions {
  /** Whether input is the log of the rate (default true) or the rate itself. */
  logInput?: boolean;
  /** Add Stirling's approximation of log(target!) where target > 1. Default false. */
  full?: boolean;
  /** Added to the rate before its log when logInput is false. Default 1e-8. */
  eps?: number;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'poissonNllLoss';

/** PyTorch's defaults (PoissonNLLLoss takes them from here). */
export const POISSON_NLL_DEFAULTS: Readonly<Required<PoissonNLLLossOptions>> = {
  logInput: true,
  full: false,
  eps: 1e-8,
  reduction: 'mean',
};

/**
 * Negative log likelihood of a Poisson(rate) target, as `torch.nn.functional.poisson_nll_loss`:
 *   loss = exp(x) - t x              (logInput)
 *   loss = x - t log(x + eps)        (rate input)
 *   full: + t log t - t + 0.5 log(2 pi t) where t > 1 (Stirling's log t!), 0 elsewhere.
 *
 * @pytorch torch.nn.functional.poisson_nll_loss
 * @example
 * ```ts
 * const logRate = randn([4]);
 * const counts = tensor([0, 2, 1, 5], { dtype: 'float32' });
 * const loss = poissonNllLoss(logRate, counts); // logInput: true by default
 * ```
 */
export function poissonNllLoss(input: Tensor, target: Tensor, options: PoissonNLLLossOptions = {}): Tensor {
  const { logInput, full, eps, reduction } = withDefaults('poissonNllLoss', POISSON_NLL_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  const x = input;
  const t = promotedTarget(target, input);
  checkBroadcast(OP, 'target', target, x.shape, 'input of shape');
  let loss = logInput ? x.exp().sub(t.mul(x)) : x.sub(t.mul(x.add(eps).log()));
  if (full) {
    const big = t.gt(1);
    const ts = t.where(big, 2); // any value > 1 keeps the masked-out branch finite
    const stirling = ts.mul(ts.log()).sub(ts).add(ts.mul(2 * Math.PI).log().mul(0.5));
    loss = loss.add(stirling.where(big, 0));
  }
  return reduce(loss, r);
}
