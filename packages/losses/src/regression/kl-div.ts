// klDiv: PyTorch's F.kl_div (input holds log-probabilities).
import type { Tensor } from '@torchlet/tensor-core';
import { checkBroadcast, checkFloating, checkReduction, withDefaults } from '../common.js';

/**
 * The `reduction` of `klDiv`: `Reduction` plus `batchmean` (the sum divided by the batch size).
 *
 * @pytorch the `reduction` argument of torch.nn.functional.kl_div
 * @example
 * ```ts
 * const reduction: KLDivReduction = 'batchmean';
 * const loss = klDiv(randn([2, 3]).logSoftmax(1), randn([2, 3]).softmax(1), { reduction });
 * ```
 */
export type KLDivReduction = 'none' | 'mean' | 'sum' | 'batchmean';

/**
 * Options of `klDiv` and `KLDivLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.kl_div
 * @example
 * ```ts
 * const options: KLDivOptions = { reduction: 'batchmean', logTarget: true };
 * const loss = klDiv(randn([2, 3]).logSoftmax(1), randn([2, 3]).logSoftmax(1), options);
 * ```
 */
export interface KLDivOptions {
  /** Default 'mean' (PyTorch's default; it averages over every element, 'batchmean' is the true KL divergence). */
  reduction?: KLDivReduction;
  /** Whether target holds log-probabilities. Default false. */
  logTarget?: boolean;
}

const OP = 'klDiv';

/** PyTorch's defaults (KLDivLoss takes them from here). */
export const KL_DIV_DEFAULTS: Readonly<Required<KLDivOptions>> = { reduction: 'mean', logTarget: false };

/**
 * Pointwise KL divergence, as `torch.nn.functional.kl_div(input, target)` with input = log q:
 *   loss = t (log t - input)          (xlogy: 0 where t = 0)
 *   loss = exp(t) (t - input)         with logTarget
 * 'batchmean' divides the sum by input.size(0).
 *
 * @pytorch torch.nn.functional.kl_div
 * @example
 * ```ts
 * const logProbs = randn([2, 3]).logSoftmax(1);
 * const target = randn([2, 3]).softmax(1);
 * const loss = klDiv(logProbs, target, { reduction: 'batchmean' });
 * ```
 */
export function klDiv(input: Tensor, target: Tensor, options: KLDivOptions = {}): Tensor {
  const { logTarget, reduction } = withDefaults('klDiv', KL_DIV_DEFAULTS, options);
  const r = checkReduction<KLDivReduction>(OP, reduction, ['none', 'mean', 'sum', 'batchmean']);
  checkFloating(OP, 'input', input);
  checkFloating(OP, 'target', target);
  const x = input;
  const t = target;
  checkBroadcast(OP, 'target', target, x.shape, 'input of shape');
  let loss: Tensor;
  if (logTarget) {
    loss = t.exp().mul(t.sub(x));
  } else {
    // xlogy(t, t) - t * input; log is taken of 1 where t = 0 so neither value nor gradient is NaN there
    const zero = t.eq(0);
    const tLogT = t.mul(t.where(zero.logicalNot(), 1).log());
    loss = tLogT.sub(t.mul(x));
  }
  if (r === 'none') return loss;
  if (r === 'mean') return loss.mean();
  const total = loss.sum();
  return r === 'batchmean' && x.shape.length > 0 ? total.div(x.shape[0]) : total;
}
