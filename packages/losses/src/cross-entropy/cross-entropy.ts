// crossEntropy: PyTorch's F.cross_entropy as one fused op (stable log-softmax + NLL forward,
// closed-form gradient backward) through autograd's custom-op API.
import type { Tensor } from '@torchlet/autograd';
import { DTypeError, ValueError, type Tensor as CoreTensor } from '@torchlet/tensor-core';
import {
  asTensor,
  checkFloating,
  checkReduction,
  coreFrom,
  coreOf,
  fail,
  readValues,
  sameShape,
  type Reduction,
  type TensorLike,
} from '../common.js';
import { fusedOp } from '../custom-op.js';
import { crossEntropyBackward, crossEntropyForward, type CrossEntropyPlan } from './fused-kernel.js';
import { crossEntropyBackwardGraph } from './fused-graph.js';
import { checkIgnoreIndex, classLayout, classTargets, classWeight, probabilityLayout, type ClassLayout } from './targets.js';

export interface CrossEntropyOptions {
  /** Per-class rescaling weight: a 1-D tensor of C values. Default: none (all ones). */
  weight?: TensorLike | null;
  /** Class-index targets equal to this contribute nothing (and no weight to 'mean'). Default -100. */
  ignoreIndex?: number;
  /** Default 'mean'. */
  reduction?: Reduction;
  /** Mix the target with the uniform distribution: (1 - e) * target + e / C. In [0, 1]; default 0. */
  labelSmoothing?: number;
}

const OP = 'crossEntropy';

/**
 * Cross entropy between logits `input` and `target`, as `torch.nn.functional.cross_entropy`.
 *
 * - input: (C), (N, C) or (N, C, d1, ..., dk) unnormalised logits (float32 / float64).
 * - target: int64 class indices of shape (), (N) or (N, d1, ..., dk); or class probabilities of
 *   the input's shape and a floating dtype.
 *
 * With log p = logSoftmax(input, classDim), class indices y, weight w and smoothing e:
 *   loss_i = (1 - e) * (-w_y log p_y) + (e / C) * sum_c (-w_c log p_c),  ignored i: 0,
 *   'mean' = sum_i loss_i / sum_{i kept} w_{y_i}   (NaN when every target is ignored).
 * With probabilities q: loss_i = -sum_c w_c q'_c log p_c, q' = (1 - e) q + e / C, 'mean' divides by
 * the number of positions (N * d1 * ... * dk), not by the weights.
 *
 * Equals `nllLoss(logSoftmax(input, classDim), target, options)` (without smoothing) to rounding.
 */
export function crossEntropy(input: TensorLike, target: TensorLike, options: CrossEntropyOptions = {}): Tensor {
  const { weight = null, ignoreIndex = -100, reduction = 'mean', labelSmoothing = 0 } = options;
  const reductionChecked = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  checkIgnoreIndex(OP, ignoreIndex);
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    fail(OP, 'labelSmoothing', 'a number in [0, 1]', String(labelSmoothing), ValueError);
  }
  const x = coreOf(input);
  const t = coreOf(target);
  const probabilities = sameShape(x.shape, t.shape) && t.dtype !== 'int64';
  let layout: ClassLayout;
  let classes: Float64Array | null = null;
  let probs: Float64Array | null = null;
  if (probabilities) {
    if (t.dtype !== 'float32' && t.dtype !== 'float64') {
      fail(OP, 'target', 'class probabilities of a floating dtype (float32 / float64)', `dtype ${t.dtype}`, DTypeError);
    }
    if (ignoreIndex >= 0) {
      fail(OP, 'ignoreIndex', 'a negative value with probability targets (ignoreIndex is not supported for them)',
        String(ignoreIndex), ValueError);
    }
    layout = probabilityLayout(OP, x.shape);
    probs = readValues(t);
  } else {
    layout = classLayout(OP, x.shape, t.shape);
    classes = classTargets(OP, t, layout.c, ignoreIndex);
  }
  const w = classWeight(OP, weight === null ? null : coreOf(weight), layout.c);
  const plan: CrossEntropyPlan = {
    n: layout.n,
    c: layout.c,
    s: layout.s,
    reduction: reductionChecked,
    labelSmoothing,
    weight: w,
    classes,
    ignoreIndex,
    probs,
  };
  const dtype = x.dtype;
  const outShape = reductionChecked === 'none' ? layout.outShape : [];
  const inputs = probabilities ? [asTensor(input), asTensor(target)] : [asTensor(input)];
  return fusedOp('CrossEntropyLoss', inputs, (cores: readonly CoreTensor[]) => {
    const fwd = crossEntropyForward(readValues(cores[0]), plan);
    return {
      output: coreFrom(fwd.loss, outShape, dtype),
      backward: (grad: CoreTensor, needs: readonly boolean[]) => {
        const g = readValues(grad);
        const r = crossEntropyBackward(fwd, plan, g, probabilities && needs[1] === true);
        const gi = needs[0] ? coreFrom(r.input, x.shape, dtype) : null;
        if (!probabilities) return [gi];
        return [gi, r.target === null ? null : coreFrom(r.target, t.shape, t.dtype)];
      },
      differentiableBackward: (grad, ins, needs) => crossEntropyBackwardGraph(grad, ins, plan, fwd.denominator, needs),
    };
  });
}

