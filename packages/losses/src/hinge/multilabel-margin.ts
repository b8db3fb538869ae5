// multiLabelMarginLoss: PyTorch's F.multilabel_margin_loss, composed from primitives.
import { nameGradFn } from '@torchlet/autograd/internal';
import { DTypeError, IndexError, ShapeError, arange, zeros, type DType, type Tensor } from '@torchlet/tensor-core';
import {
  checkFloating,
  checkReduction,
  checkTensor,
  constant,
  fail,
  formatShape,
  readValues,
  reduce,
  sameShape,
  withDefaults,
  type Reduction,
} from '../common.js';
import { withoutDoubleBackward } from '../no-double-backward.js';

/**
 * Options of `multiLabelMarginLoss` and `MultiLabelMarginLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.multilabel_margin_loss
 * @example
 * ```ts
 * const options: MultiLabelMarginLossOptions = { reduction: 'none' };
 * const perSample = multiLabelMarginLoss(randn([1, 4]), tensor([[3, 0, -1, 1]]), options);
 * ```
 */
export interface MultiLabelMarginLossOptions {
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'multiLabelMarginLoss';

/** PyTorch's defaults (MultiLabelMarginLoss takes them from here). */
export const MULTILABEL_MARGIN_DEFAULTS: Readonly<Required<MultiLabelMarginLossOptions>> = { reduction: 'mean' };

/**
 * Multi-label hinge loss, as `torch.nn.functional.multilabel_margin_loss`. target (int64, input's
 * shape (C) or (N, C)) lists each sample's target classes, ended by the first -1. With J the listed
 * targets (repeats count again, as in PyTorch) and K the classes not listed:
 *   loss_n = sum_{j in J} sum_{k in K} max(0, 1 - (x[j] - x[k])) / C
 *
 * @pytorch torch.nn.functional.multilabel_margin_loss
 * @example
 * ```ts
 * const scores = randn([1, 4]);
 * // classes 3 and 0 are the labels; -1 ends the list
 * const loss = multiLabelMarginLoss(scores, tensor([[3, 0, -1, 1]]));
 * ```
 */
export function multiLabelMarginLoss(input: Tensor, target: Tensor, options: MultiLabelMarginLossOptions = {}): Tensor {
  const { reduction } = withDefaults('multiLabelMarginLoss', MULTILABEL_MARGIN_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  checkTensor(OP, 'target', target);
  // a 0-d input (and target) is one sample of one class, as PyTorch accepts it
  const x0 = input.ndim === 0 ? input.reshape([1]) : input;
  const t = input.ndim === 0 && target.ndim === 0 ? target.reshape([1]) : target;
  const nd = x0.shape.length;
  if (nd !== 1 && nd !== 2) fail(OP, 'input', 'a tensor of shape (C) or (N, C)', `shape ${formatShape(x0.shape)}`, ShapeError);
  if (!sameShape(t.shape, x0.shape)) fail(OP, 'target', `the input's shape ${formatShape(x0.shape)}`, `shape ${formatShape(t.shape)}`, ShapeError);
  if (t.dtype !== 'int64') fail(OP, 'target', 'class indices of dtype int64', `dtype ${t.dtype}`, DTypeError);
  const n = nd === 2 ? x0.shape[0] : 1;
  const c = x0.shape[nd - 1];
  const { idx, coef } = x0.device === 'cpu' ? listedOnCpu(t, n, c, x0.dtype) : listedOnDevice(t, n, c, x0.dtype);
  // PyTorch 1.13 has no double backward for multilabel_margin_loss: refused, not computed
  const xg = withoutDoubleBackward('multilabel_margin_loss_backward', x0);
  const x = nd === 2 ? xg : xg.reshape([1, c]);
  const xj = x.gather(1, idx).unsqueeze(2); // x[j], (N, C, 1)
  const hinge = x.unsqueeze(1).sub(xj).add(1).relu(); // max(0, 1 - x[j] + x[k]), (N, C, C)
  let loss = hinge.mul(coef).sum([1, 2]);
  if (nd === 1) loss = loss.reshape([]);
  return nameGradFn(reduce(loss, r), 'MultilabelMarginLossBackward0');
}

interface Listed {
  /** idx[n, j]: the j-th listed target (0 past the end), (N, C) int64. */
  idx: Tensor;
  /** coef[n, j, k] = [j listed] [k not listed] / C, (N, C, C). */
  coef: Tensor;
}

function listedOnCpu(t: Tensor, n: number, c: number, dtype: DType): Listed {
  const tv = readValues(t);
  for (let i = 0; i < tv.length; i++) {
    if (!(Number.isInteger(tv[i]) && tv[i] >= -1 && tv[i] < c)) {
      fail(OP, 'target', `class indices in [0, ${c - 1}] or -1 (end of list)`, `${tv[i]} at flat position ${i}`, IndexError);
    }
  }
  const idx = new Float64Array(n * c);
  const coef = new Float64Array(n * c * c);
  for (let b = 0; b < n; b++) {
    const listed = new Uint8Array(c);
    let len = 0;
    while (len < c && tv[b * c + len] !== -1) {
      idx[b * c + len] = tv[b * c + len];
      listed[tv[b * c + len]] = 1;
      len++;
    }
    for (let j = 0; j < len; j++) for (let k = 0; k < c; k++) if (listed[k] === 0) coef[(b * c + j) * c + k] = 1 / c;
  }
  return { idx: constant(idx, [n, c], 'int64'), coef: constant(coef, [n, c, c], dtype) };
}

/**
 * On a device (a GPU) the targets cannot be read synchronously: the same terms with tensor ops
 * (targets unchecked). j is listed when no -1 comes at or before it: a prefix count of the -1s,
 * as a product with an upper-triangular matrix of ones.
 */
function listedOnDevice(t: Tensor, n: number, c: number, dtype: DType): Listed {
  const on = { dtype, device: t.device } as const;
  const t2 = t.reshape([n, c]);
  const ends = t2.eq(-1).to(dtype);
  const upperValues = new Float64Array(c * c);
  for (let i = 0; i < c; i++) for (let j = i; j < c; j++) upperValues[i * c + j] = 1;
  const upper = constant(upperValues, [c, c], dtype).to(t.device); // upper[i, j] = [i <= j]
  const listed = ends.matmul(upper).eq(0); // (N, C): no -1 at or before j
  const idx = t2.where(listed, 0);
  const classes = arange(c, undefined, undefined, { dtype: 'int64', device: t.device });
  const isTarget = idx.unsqueeze(2).eq(classes.reshape([1, 1, c])).logicalAnd(listed.unsqueeze(2)).any(1); // (N, C): k listed
  const coef = zeros([n, c, c], on).add(1 / c).where(listed.unsqueeze(2).logicalAnd(isTarget.logicalNot().unsqueeze(1)), 0);
  return { idx, coef };
}
