// crossEntropy: PyTorch's F.cross_entropy as one fused op (stable log-softmax + NLL forward,
// closed-form gradient backward, both tensor-core backend kernels) through autograd's custom-op API.
import { donateGradient, fusedOp, nameGradFn, type FusedResult } from '@torchlet/autograd/internal';
import { DTypeError, ValueError, type Tensor } from '@torchlet/tensor-core';
import {
  coreOps,
  crossEntropyBackward,
  crossEntropyForward,
  crossEntropyRows,
  type CrossEntropyArgs,
} from '@torchlet/tensor-core/internal';
import {
  checkFloating,
  checkReduction,
  checkTensor,
  constant,
  fail,
  sameShape,
  withDefaults,
  type Reduction,
  refuseWeightGrad,
  weightNeedsGrad,
} from '../common.js';
import { crossEntropyBackwardGraphOnDevice } from './fused-graph-device.js';
import { crossEntropyBackwardGraph, type CrossEntropyPlan } from './fused-graph.js';
import {
  checkClassTargetDType,
  checkClassWeight,
  checkIgnoreIndex,
  classLayout,
  classTargets,
  classWeight,
  probabilityLayout,
  refuseOneHot,
  type ClassLayout,
} from './targets.js';

/**
 * Options of `crossEntropy` and `CrossEntropyLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.cross_entropy
 * @example
 * ```ts
 * const options: CrossEntropyOptions = { ignoreIndex: -1, labelSmoothing: 0.1, reduction: 'sum' };
 * const loss = crossEntropy(randn([4, 3]), tensor([0, 2, -1, 0]), options);
 * ```
 */
export interface CrossEntropyOptions {
  /** Per-class rescaling weight: a 1-D tensor of C values. Default: none (all ones). */
  weight?: Tensor | null;
  /** Class-index targets equal to this contribute nothing (and no weight to 'mean'). Default -100. */
  ignoreIndex?: number;
  /** Default 'mean'. */
  reduction?: Reduction;
  /** Mix the target with the uniform distribution: (1 - e) * target + e / C. In [0, 1]; default 0. */
  labelSmoothing?: number;
}

const OP = 'crossEntropy';

/** PyTorch's defaults (CrossEntropyLoss takes them from here). */
export const CROSS_ENTROPY_DEFAULTS: Readonly<Required<CrossEntropyOptions>> = {
  weight: null,
  ignoreIndex: -100,
  reduction: 'mean',
  labelSmoothing: 0,
};

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
 *
 * @pytorch torch.nn.functional.cross_entropy
 * @example
 * ```ts
 * const logits = randn([4, 3]);
 * const loss = crossEntropy(logits, tensor([0, 2, 1, 0])); // a scalar
 * const smoothed = crossEntropy(logits, tensor([0, 2, 1, 0]), { labelSmoothing: 0.1 });
 * ```
 */
export function crossEntropy(input: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const { weight, ignoreIndex, reduction, labelSmoothing } = withDefaults('crossEntropy', CROSS_ENTROPY_DEFAULTS, options);
  const reductionChecked = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  checkIgnoreIndex(OP, ignoreIndex);
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    fail(OP, 'labelSmoothing', 'a number in [0, 1]', String(labelSmoothing), ValueError);
  }
  checkTensor(OP, 'target', target);
  const x = input;
  const t = target;
  const onDevice = x.device !== 'cpu';
  const probabilities = sameShape(x.shape, t.shape) && t.dtype !== 'int64';
  let layout: ClassLayout;
  let classes: Float64Array | null = null;
  if (probabilities) {
    if (t.dtype !== 'float32' && t.dtype !== 'float64') {
      fail(OP, 'target', 'class probabilities of a floating dtype (float32 / float64)', `dtype ${t.dtype}`, DTypeError);
    }
    if (ignoreIndex >= 0) {
      fail(OP, 'ignoreIndex', 'a negative value with probability targets (ignoreIndex is not supported for them)',
        String(ignoreIndex), ValueError);
    }
    layout = probabilityLayout(OP, x.shape);
  } else {
    refuseWeightGrad(OP, 'nll_loss', 'weight', weight);
    refuseOneHot(OP, x, t, true);
    layout = classLayout(OP, x.shape, t.shape);
    // on a device (a GPU) the targets cannot be read synchronously: only their dtype is checked
    // here, the indices by the device's kernels (reported at the next read back)
    if (onDevice) checkClassTargetDType(OP, t);
    else classes = classTargets(OP, t, layout.c, ignoreIndex);
  }
  // class indices go through PyTorch's nll_loss kernel, which needs the weight in the input's dtype;
  // probabilities through a composition that promotes
  const weightInput = probabilities ? undefined : input;
  let w: Float64Array | null = null;
  if (onDevice) checkClassWeight(OP, weight, layout.c, 'weight', weightInput);
  else w = classWeight(OP, weight, layout.c, 'weight', weightInput);
  if (probabilities && weightNeedsGrad(weight)) {
    // PyTorch differentiates the weight here (its probability path is a composition): so do we
    return probabilityName(composedProbabilities(input, target, weight, labelSmoothing, reductionChecked), labelSmoothing, reductionChecked);
  }
  const plan: CrossEntropyPlan = {
    n: layout.n,
    c: layout.c,
    s: layout.s,
    reduction: reductionChecked,
    labelSmoothing,
    weight: w,
    classes,
    ignoreIndex,
  };
  const args: CrossEntropyArgs = { weight, ignoreIndex, labelSmoothing, reduction: reductionChecked };
  // the fused rows kernel returns its loss sum as a JS number: the CPU only
  const rows = !onDevice && classes !== null && reductionChecked !== 'none' && x.ndim === 2 && w === null && labelSmoothing === 0;
  const inputs: readonly Tensor[] = probabilities ? [input, target] : [input];
  const result = fusedOp('CrossEntropyLoss', inputs, ([logits], needsGrad) => {
    if (rows) return fusedRows(logits, t, classes as Float64Array, plan, needsGrad[0]);
    const fwd = crossEntropyForward(logits, t, args, needsGrad.some((n) => n));
    const backward = (grad: Tensor, needs: readonly boolean[]): (Tensor | null)[] => {
      const r = crossEntropyBackward(fwd, grad, needs[0], probabilities && needs[1] === true);
      return probabilities ? [r.input, r.target] : [r.input];
    };
    // what the backward reads (private copies, and the device's divisor): kept with the graph when a
    // scope() returns the loss, and given back with it otherwise
    const saved = fwd.saved === null ? [] : [fwd.saved.input, fwd.saved.target, fwd.saved.weight, fwd.deviceDenominator].filter((s): s is Tensor => s !== null);
    // on a device the backward's graph (createGraph) is built from tensor ops there
    if (onDevice) {
      return {
        output: fwd.loss,
        backward,
        saved,
        differentiableBackward: (grad, ins, needs) => crossEntropyBackwardGraphOnDevice(grad, ins, t, weight, plan, fwd.deviceDenominator, needs),
      };
    }
    return {
      output: fwd.loss,
      backward,
      saved,
      differentiableBackward: (grad, ins, needs) => crossEntropyBackwardGraph(grad, ins, plan, fwd.denominator, needs),
    };
  });
  // PyTorch's last node: nll_loss for class indices, the smoothing term's add, or the probability
  // path's mean (a division) or negation
  if (probabilities) return probabilityName(result, labelSmoothing, reductionChecked);
  return nameGradFn(result, labelSmoothing > 0 ? 'AddBackward0' : 'NllLossBackward0');
}

/** The grad_fn name of PyTorch's probability-target cross entropy (no smoothing: its composition's last op). */
function probabilityName(result: Tensor, labelSmoothing: number, reduction: Reduction): Tensor {
  if (labelSmoothing > 0) return result;
  return nameGradFn(result, reduction === 'mean' ? 'DivBackward1' : 'NegBackward0');
}

/**
 * The fused row kernel (tensor-core's crossEntropyRows), for the common case: [N, C] logits, class
 * indices, no weight, no smoothing, 'mean' or 'sum'. The gradient is computed with the forward pass
 * (when the input needs one), scaled for an upstream gradient of 1, so the usual `loss.backward()`
 * costs nothing more; another upstream value rescales it.
 */
function fusedRows(x: Tensor, target: Tensor, classes: Float64Array, plan: CrossEntropyPlan, wantGrad: boolean): FusedResult<readonly Tensor[]> {
  let kept = 0;
  for (let i = 0; i < classes.length; i++) if (classes[i] !== plan.ignoreIndex) kept++;
  const scale = 1 / (plan.reduction === 'mean' ? kept : 1);
  // the targets were checked while reading them (classTargets)
  const r = crossEntropyRows(x, target, plan.ignoreIndex, wantGrad, scale, true);
  const grad = r.grad;
  // 'mean' over zero kept targets is 0 / 0 = NaN, as PyTorch
  const loss = plan.reduction === 'mean' ? r.lossSum / kept : r.lossSum;
  let handedOver = false;
  return {
    output: constant(Float64Array.of(loss), [], x.dtype),
    // what the backward reads beyond the input: the targets (checked for in-place changes, as
    // PyTorch's nll_loss saves them) and the gradient computed with the forward
    saved: [target],
    kept: grad === null ? [] : [grad],
    backward: (upstream, needs) => {
      if (!needs[0]) return [null];
      const u = upstream.item();
      // the forward's buffer goes to the input's .grad without a copy, once: it belongs to the leaf
      // then (later accumulated into or zeroed), so a later backward (retainGraph) recomputes
      if (grad === null || handedOver) return [donateGradient(mulInPlace(fullGradient(x, target, plan, scale), u))];
      if (u === 1) {
        handedOver = true;
        return [donateGradient(grad)];
      }
      return [donateGradient(coreOps.mul(grad, u))];
    },
    differentiableBackward: (g, ins, needs) => crossEntropyBackwardGraph(g, ins, plan, kept, needs),
  };
}

/** t * u in place (t is a fresh gradient nobody else holds). */
function mulInPlace(t: Tensor, u: number): Tensor {
  return u === 1 ? t : coreOps.mul_(t, u);
}

/** The gradient when the forward pass did not compute it (or handed its buffer over already). */
function fullGradient(x: Tensor, target: Tensor, plan: CrossEntropyPlan, scale: number): Tensor {
  const r = crossEntropyRows(x, target, plan.ignoreIndex, true, scale);
  return r.grad as Tensor;
}

/**
 * Probability targets with a weight that requires grad, from differentiable primitives:
 * loss_i = -sum_c w_c q'_c log p_c with q' = (1 - e) q + e / C; 'mean' divides by the positions.
 */
function composedProbabilities(x: Tensor, q: Tensor, weight: Tensor, smoothing: number, reduction: 'none' | 'mean' | 'sum'): Tensor {
  const classDim = x.ndim === 1 ? 0 : 1;
  const c = x.shape[classDim];
  const target = smoothing === 0 ? q : q.mul(1 - smoothing).add(smoothing / c);
  const w = weight.reshape(x.shape.map((d, i) => (i === classDim ? d : 1)));
  const perPosition = x.logSoftmax(classDim).mul(target).mul(w).sum(classDim).neg();
  if (reduction === 'none') return perPosition;
  const total = perPosition.sum();
  // an empty batch gives 0 / 0 = NaN for 'mean', as PyTorch
  return reduction === 'sum' ? total : total.div(perPosition.numel());
}
