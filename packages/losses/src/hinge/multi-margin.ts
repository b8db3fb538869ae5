// multiMarginLoss: PyTorch's F.multi_margin_loss (multi-class hinge), composed from primitives.
import { nameGradFn } from '@torchlet/autograd/internal';
import { DTypeError, IndexError, ShapeError, ValueError, arange, zeros, type Tensor } from '@torchlet/tensor-core';
import {
  checkFloating,
  checkReduction,
  checkTensor,
  constant,
  fail,
  formatShape,
  numelOf,
  readValues,
  reduce,
  withDefaults,
  type Reduction,
  refuseWeightGrad,
} from '../common.js';
import { withoutDoubleBackward } from '../no-double-backward.js';
import { checkClassWeight, classWeight } from '../cross-entropy/targets.js';

/**
 * Options of `multiMarginLoss` and `MultiMarginLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.multi_margin_loss
 * @example
 * ```ts
 * const options: MultiMarginLossOptions = { p: 2, margin: 0.5 };
 * const loss = multiMarginLoss(randn([4, 3]), tensor([0, 2, 1, 0]), options);
 * ```
 */
export interface MultiMarginLossOptions {
  /** 1 (hinge) or 2 (squared hinge). Default 1. */
  p?: 1 | 2;
  /** Default 1. */
  margin?: number;
  /** Per-class weight (C values), applied as weight[y] to every term of a sample whose target is y. */
  weight?: Tensor | null;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'multiMarginLoss';

/** PyTorch's defaults (MultiMarginLoss takes them from here). */
export const MULTI_MARGIN_DEFAULTS: Readonly<Required<MultiMarginLossOptions>> = { p: 1, margin: 1, weight: null, reduction: 'mean' };

/**
 * Multi-class hinge loss, as `torch.nn.functional.multi_margin_loss`: for input x (N, C) or (C)
 * and class targets y,
 *   loss_n = sum_{c != y} w_y * max(0, margin - x[y] + x[c])^p / C
 * ('mean' averages over N, not over the weights; w_y multiplies every term, as PyTorch's kernel does).
 *
 * @pytorch torch.nn.functional.multi_margin_loss
 * @example
 * ```ts
 * const scores = randn([4, 3]);
 * const loss = multiMarginLoss(scores, tensor([0, 2, 1, 0]), { margin: 1 });
 * ```
 */
export function multiMarginLoss(input: Tensor, target: Tensor, options: MultiMarginLossOptions = {}): Tensor {
  const { p, margin, weight, reduction } = withDefaults('multiMarginLoss', MULTI_MARGIN_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  if (p !== 1 && p !== 2) fail(OP, 'p', '1 or 2', String(p), ValueError);
  if (typeof margin !== 'number' || Number.isNaN(margin)) fail(OP, 'margin', 'a number', String(margin), ValueError);
  checkTensor(OP, 'target', target);
  // a 0-d input is one sample of one class (PyTorch returns a 0-d loss, 0: no other class)
  const x0 = input.ndim === 0 ? input.reshape([1]) : input;
  const t = target;
  const nd = x0.shape.length;
  if (nd !== 1 && nd !== 2) fail(OP, 'input', 'a tensor of shape (C) or (N, C)', `shape ${formatShape(x0.shape)}`, ShapeError);
  const n = nd === 2 ? x0.shape[0] : 1;
  const c = x0.shape[nd - 1];
  if (t.shape.length > 1 || numelOf(t.shape) !== n) {
    fail(OP, 'target', `${n} class indices of shape (${nd === 2 ? 'N' : ''})`, `shape ${formatShape(t.shape)}`, ShapeError);
  }
  if (t.dtype !== 'int64') fail(OP, 'target', 'class indices of dtype int64', `dtype ${t.dtype}`, DTypeError);
  refuseWeightGrad(OP, 'multi_margin_loss', 'weight', weight);
  // PyTorch 1.13 has no double backward for multi_margin_loss: refused, not computed
  const xg = withoutDoubleBackward('multi_margin_loss_backward', x0);
  const x = nd === 2 ? xg : xg.reshape([1, c]);
  const { yColumn, coef } = x.device === 'cpu' ? targetTermsOnCpu(t, weight, n, c, x0) : targetTermsOnDevice(t, weight, n, c, x0);
  const xy = x.gather(1, yColumn); // x[y], (N, 1)
  const hinge = x.sub(xy).add(margin).relu(); // max(0, margin - x[y] + x[c])
  const terms = p === 2 ? hinge.mul(hinge) : hinge;
  let loss = terms.mul(coef).sum(1);
  if (nd === 1) loss = loss.reshape([...t.shape]);
  return nameGradFn(reduce(loss, r), 'MultiMarginLossBackward0');
}

interface TargetTerms {
  /** The targets y as an int64 column (N, 1). */
  yColumn: Tensor;
  /** w_y / C on the C - 1 non-target classes, 0 on the target itself, (N, C) in the input's dtype. */
  coef: Tensor;
}

function targetTermsOnCpu(t: Tensor, weight: Tensor | null, n: number, c: number, x0: Tensor): TargetTerms {
  const y = readValues(t);
  for (let i = 0; i < n; i++) {
    if (!(y[i] >= 0 && y[i] < c)) fail(OP, 'target', `class indices in [0, ${c - 1}]`, `${y[i]} at position ${i}`, IndexError);
  }
  const w = classWeight(OP, weight, c, 'weight', x0); // PyTorch's kernel needs the input's dtype
  const coef = new Float64Array(n * c);
  for (let i = 0; i < n; i++) {
    const wy = w === null ? 1 : w[y[i]];
    for (let k = 0; k < c; k++) coef[i * c + k] = k === y[i] ? 0 : wy / c;
  }
  return { yColumn: constant(y, [n, 1], 'int64'), coef: constant(coef, [n, c], x0.dtype) };
}

/** On a device (a GPU) the targets cannot be read synchronously: the same terms with tensor ops (targets unchecked). */
function targetTermsOnDevice(t: Tensor, weight: Tensor | null, n: number, c: number, x0: Tensor): TargetTerms {
  checkClassWeight(OP, weight, c, 'weight', x0);
  const yColumn = t.reshape([n, 1]);
  const other = arange(c, undefined, undefined, { dtype: 'int64', device: t.device }).reshape([1, c]).ne(yColumn);
  const wy = weight === null ? 1 / c : weight.indexSelect(0, t.reshape([n])).reshape([n, 1]).div(c);
  const coef = zeros([n, c], { dtype: x0.dtype, device: x0.device }).add(wy).where(other, 0);
  return { yColumn, coef };
}
