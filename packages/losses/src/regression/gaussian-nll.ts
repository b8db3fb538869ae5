// gaussianNllLoss: PyTorch's F.gaussian_nll_loss.
import { ShapeError, ValueError, type Tensor } from '@torchlet/tensor-core';
import {
  checkBroadcast,
  checkFloating,
  checkReduction,
  constant,
  fail,
  formatShape,
  readValues,
  reduce,
  sameShape,
  withDefaults,
  type Reduction,
} from '../common.js';
import { fusedOp } from '@torchlet/autograd/internal';

/**
 * Options of `gaussianNllLoss` and `GaussianNLLLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.gaussian_nll_loss
 * @example
 * ```ts
 * const options: GaussianNLLLossOptions = { full: true, eps: 1e-4 };
 * const criterion = new GaussianNLLLoss(options);
 * ```
 */
export interface GaussianNLLLossOptions {
  /** Add the constant 0.5 log(2 pi). Default false. */
  full?: boolean;
  /** var is clamped to at least eps (without changing its gradient, as PyTorch's no_grad clamp). Default 1e-6. */
  eps?: number;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'gaussianNllLoss';

/** PyTorch's defaults (GaussianNLLLoss takes them from here). */
export const GAUSSIAN_NLL_DEFAULTS: Readonly<Required<GaussianNLLLossOptions>> = { full: false, eps: 1e-6, reduction: 'mean' };

/**
 * Negative log likelihood of target under N(input, var), as `torch.nn.functional.gaussian_nll_loss`:
 *   loss = 0.5 (log max(var, eps) + (input - target)^2 / max(var, eps))  [+ 0.5 log(2 pi) if full]
 * var has input's shape (heteroscedastic), or input's shape without its last dim, or with a last
 * dim of 1 (one variance per sample).
 *
 * @pytorch torch.nn.functional.gaussian_nll_loss
 * @example
 * ```ts
 * const mean = randn([4, 2]);
 * const variance = rand([4, 2]).add(0.1);
 * const loss = gaussianNllLoss(mean, randn([4, 2]), variance);
 * ```
 */
export function gaussianNllLoss(input: Tensor, target: Tensor, variance: Tensor, options: GaussianNLLLossOptions = {}): Tensor {
  const { full, eps, reduction } = withDefaults('gaussianNllLoss', GAUSSIAN_NLL_DEFAULTS, options);
  checkFloating(OP, 'input', input);
  checkFloating(OP, 'target', target);
  checkFloating(OP, 'var', variance);
  const x = input;
  let v = variance;
  const xs = x.shape;
  if (!sameShape(v.shape, xs)) {
    const lead = xs.slice(0, -1);
    if (sameShape(lead, v.shape)) v = v.unsqueeze(-1);
    else if (!(v.shape.length > 0 && sameShape(lead, v.shape.slice(0, -1)) && v.shape[v.shape.length - 1] === 1)) {
      fail(OP, 'var', `shape ${formatShape(xs)}, ${formatShape(lead)} or ${formatShape([...lead, 1])} (input of shape ${formatShape(xs)})`,
        `shape ${formatShape(v.shape)}`, ShapeError);
    }
  }
  const r = checkReduction(OP, reduction);
  checkBroadcast(OP, 'target', target, xs, 'input of shape');
  const clamped = v.device === 'cpu' ? clampVarOnCpu(v, eps) : clampVar(v, eps);
  const d = x.sub(target);
  let loss = clamped.log().add(d.mul(d).div(clamped)).mul(0.5);
  if (full) loss = loss.add(0.5 * Math.log(2 * Math.PI));
  return reduce(loss, r);
}

/** clamp(var, eps) forward, identity backward: PyTorch clamps a clone under no_grad (negative variances refused). */
function clampVarOnCpu(v: Tensor, eps: number): Tensor {
  const vv = readValues(v);
  for (let i = 0; i < vv.length; i++) {
    if (vv[i] < 0) fail(OP, 'var', 'non-negative variances', `${vv[i]} at flat position ${i}`, ValueError);
  }
  return fusedOp('GaussianNllVarClamp', [v], () => ({
    output: constant(vv.map((a) => Math.max(a, eps)), v.shape, v.dtype),
    backward: (grad) => [grad],
    differentiableBackward: (grad) => [grad],
  }));
}

/** On a device (a GPU), which cannot read the variances synchronously: the clamp as a tensor op, the sign unchecked. */
function clampVar(v: Tensor, eps: number): Tensor {
  return fusedOp('GaussianNllVarClamp', [v], ([x]) => ({
    output: x.clamp(eps),
    backward: (grad) => [grad],
    differentiableBackward: (grad) => [grad],
  }));
}
