// multiLabelMarginLoss: PyTorch's F.multilabel_margin_loss, composed from primitives.
import { nameGradFn } from '@torchlet/autograd/internal';
import { DTypeError, IndexError, ShapeError, type Tensor } from '@torchlet/tensor-core';
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
  const tv = readValues(t);
  for (let i = 0; i < tv.length; i++) {
    if (!(Number.isInteger(tv[i]) && tv[i] >= -1 && tv[i] < c)) {
      fail(OP, 'target', `class indices in [0, ${c - 1}] or -1 (end of list)`, `${tv[i]} at flat position ${i}`, IndexError);
    }
  }
  // idx[n, j]: j-th listed target (0 past the end); coef[n, j, k] = [j listed] [k not listed] / C
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
  const x = nd === 2 ? x0 : x0.reshape([1, c]);
  const xj = x.gather(1, constant(idx, [n, c], 'int64')).unsqueeze(2); // x[j], (N, C, 1)
  const hinge = x.unsqueeze(1).sub(xj).add(1).relu(); // max(0, 1 - x[j] + x[k]), (N, C, C)
  let loss = hinge.mul(constant(coef, [n, c, c], x.dtype)).sum([1, 2]);
  if (nd === 1) loss = loss.reshape([]);
  return nameGradFn(reduce(loss, r), 'MultilabelMarginLossBackward0');
}
