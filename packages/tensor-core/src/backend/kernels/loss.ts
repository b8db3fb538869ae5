// The Backend kernels that @torchlet/losses (the fused cross-entropy rows) runs (types only).
import type { StridedView } from '../interface.js';

/**
 * What the cross-entropy kernels compute, besides their operands. The logits are seen as [N, C, S]
 * (batch, classes, the spatial dims d1 * ... * dk flattened; a (C) input is [1, C, 1]).
 *
 * @pytorch the arguments ATen's cross_entropy kernels take (weight, ignore_index, label_smoothing)
 * @example
 * ```ts
 * const options: CrossEntropyKernelOptions = { targetKind: 'indices', weight: null, ignoreIndex: -100, labelSmoothing: 0, reduction: 'mean' };
 * ```
 */
export interface CrossEntropyKernelOptions {
  /**
   * 'indices': `target` is int64 class indices [N, S], each in [0, C) or equal to `ignoreIndex`
   * (validated by the caller); 'probabilities': `target` is class probabilities [N, C, S] of a
   * floating dtype.
   */
  readonly targetKind: 'indices' | 'probabilities';
  /** Per-class weight [C] (a floating dtype), or null for all ones. */
  readonly weight: StridedView | null;
  /** Class-index positions whose target equals this contribute nothing (unused for probabilities). */
  readonly ignoreIndex: number;
  /** e in [0, 1]: the target mixed with the uniform distribution, (1 - e) * target + e / C. */
  readonly labelSmoothing: number;
  /** PyTorch's `reduction`: per-position losses, their mean (see the kernels) or their sum. */
  readonly reduction: 'none' | 'mean' | 'sum';
}

/**
 * What `Backend.crossEntropyRows` returns.
 *
 * @pytorch none: torchlet's kernel interface (what an ATen kernel receives)
 * @example
 * ```ts
 * function meanLoss(result: CrossEntropyRowsResult): number {
 *   return result.lossSum / result.kept;
 * }
 * ```
 */
export interface CrossEntropyRowsResult {
  /** Sum of the kept rows' losses. */
  readonly lossSum: number;
  /** How many rows were not ignored. */
  readonly kept: number;
  /**
   * The scaled gradient when it was asked for (a new contiguous array of x's size and dtype:
   * Float32Array for float32 logits, Float64Array for float64), else null.
   */
  readonly grad: Float32Array | Float64Array | null;
}

/**
 * Kernels of this family; every backend has them (the reference implements them all, a faster
 * backend runs its own where it takes the layout and calls the reference for the rest).
 * Arithmetic, as the reference does it: a stable log-softmax per position, log p_c =
 * (x_c - m) - log(sum_k exp(x_k - m)) with m = max_k x_k (a NaN logit makes m NaN), in doubles;
 * sums in doubles in position order; each stored value rounded once.
 *
 * @pytorch none: torchlet's kernel interface (what an ATen kernel receives)
 * @example
 * ```ts
 * const kernels: LossKernels = getBackend(); // cpuBackend, the wasm backend or a device's
 * ```
 */
export interface LossKernels extends CtcKernels {
  /**
   * Cross entropy forward (PyTorch's F.cross_entropy). Layouts: `x` [N, C, S] of a floating dtype,
   * any strides; `target` [N, S] (indices) or [N, C, S] (probabilities), any strides; `out` of x's
   * dtype: [N, S] per-position losses for reduction 'none' (any strides; ignored positions get 0),
   * else a single value at `out.offset`. Per position, with weight w and smoothing e:
   * - class y: loss = (1 - e) (-w_y log p_y) + (e / C) (-sum_c w_c log p_c); 'mean' divides the sums
   *   of both terms by D = sum of w_y over the kept positions (NaN when D is 0, as PyTorch);
   * - probabilities q: loss = -sum_c w_c q'_c log p_c with q' = (1 - e) q + e / C; 'mean' divides by
   *   D = N * S.
   * Returns D (the 'mean' denominator, also computed for 'none' and 'sum'), which the backward takes.
   */
  crossEntropyForward(x: StridedView, target: StridedView, options: CrossEntropyKernelOptions, out: StridedView): number;
  /**
   * Cross entropy backward, the closed form: d loss / d x_c = (sum_k a_k) p_c - a_c, with a_k the
   * coefficient of -log p_k in the loss (class y: (1 - e) w_y [k = y] + (e / C) w_k; probabilities:
   * w_k q'_k), times the upstream gradient, over D for 'mean'; for probabilities also
   * d loss / d q_c = -(1 - e) w_c log p_c times the same factor. `x`, `target` and `options` as in
   * the forward, `denominator` the forward's result; `upstream` of x's dtype: [N, S] for 'none'
   * (any strides), else one value at `upstream.offset`. `gradInput` ([N, C, S], x's dtype) and
   * `gradTarget` ([N, C, S], the target's dtype; probabilities only) may be null when not wanted;
   * any strides; every element is written (0 on ignored positions).
   */
  crossEntropyBackward(
    x: StridedView,
    target: StridedView,
    options: CrossEntropyKernelOptions,
    denominator: number,
    upstream: StridedView,
    gradInput: StridedView | null,
    gradTarget: StridedView | null,
  ): void;
  /**
   * Cross entropy over the rows of a floating [N, C] input `x` (any strides) with int64 class
   * indices `target` [N] (any stride; validated), no class weight and no label smoothing: the fused
   * fast path of the common case. Rows whose target is `ignoreIndex` are skipped. Returns the sum of
   * the kept rows' losses (log-sum-exp minus the target logit, accumulated in doubles in row order)
   * and their count; with `withGrad`, also a new contiguous array of x's size and dtype holding
   * (softmax(x) - onehot(target)) * gradScale, zero on ignored rows (a kernel returns its result as
   * a fresh array rather than filling one: the copy out of a backend's memory into a new array
   * costs less than zero-filling one and then copying).
   */
  crossEntropyRows(
    x: StridedView,
    target: StridedView,
    ignoreIndex: number,
    withGrad: boolean,
    gradScale: number,
  ): CrossEntropyRowsResult;
}

/**
 * What the CTC kernels take besides their operands (PyTorch passes the lengths as int lists, as a
 * kernel needs them on the host to size its work). Validated by the caller: input lengths in
 * [1, T], target lengths not negative, every label read in [0, C) (a device kernel that meets one
 * outside skips it and reports it at the next read).
 *
 * @pytorch the lengths and blank that ATen's ctc_loss kernel takes
 * @example
 * ```ts
 * const args: CtcKernelArgs = { inputLengths: [6, 5], targetLengths: [3, 2], targetOffsets: [0, 3], blank: 0 };
 * ```
 */
export interface CtcKernelArgs {
  /** Per sample: how many frames of log_probs it uses (1 to T). */
  readonly inputLengths: readonly number[];
  /** Per sample: how many labels its target has. */
  readonly targetLengths: readonly number[];
  /** Per sample: where its labels start in `targets` (an element index along its one dim). */
  readonly targetOffsets: readonly number[];
  /** The blank label, in [0, C). */
  readonly blank: number;
}

/**
 * The CTC kernels (PyTorch 1.13's aten/src/ATen/native/LossCTC.cpp): log space over the extended
 * target l' = (blank, l1, blank, ..., lL, blank) of length 2L + 1; log-sum-exp around the largest
 * term (a max of -inf counts as 0). The reference computes in doubles.
 *
 * @pytorch none: torchlet's kernel interface (what an ATen kernel receives)
 * @example
 * ```ts
 * const kernels: CtcKernels = getBackend();
 * ```
 */
export interface CtcKernels {
  /**
   * Forward: alpha[t][s] = (alpha[t-1][s] (+) alpha[t-1][s-1] (+) alpha[t-1][s-2] when l'[s] !=
   * l'[s-2]) + lp[t][l'[s]], (+) the log-sum-exp; nll = -(alpha[Tb-1][2L] (+) alpha[Tb-1][2L-1]).
   * `logProbs` [T, N, C] floating, any strides; `targets` 1-D integer labels, any stride; `nll` [N]
   * of logProbs' dtype; `logAlpha` contiguous [N, T, Smax] (Smax = 2 max(L) + 1) of a floating
   * dtype (float64 on the CPU, the reference's doubles, so that its backward reads them unrounded);
   * every element is written (-inf outside a sample's frames and extended target).
   */
  ctcLossForward(logProbs: StridedView, targets: StridedView, args: CtcKernelArgs, nll: StridedView, logAlpha: StridedView): void;
  /**
   * Backward, PyTorch's formula: beta the same recursion from the end; nll recomputed from the last
   * row of alpha, as the forward computed it; for t < Tb,
   * grad[t][b][c] = (exp(lp) - exp(log(sum over s with l'[s] = c of alpha beta) + nll - lp)) g[b]
   * (the terms log-added in the order t descending, s descending), 0 for t >= Tb, and 0 for the
   * whole sample when `zeroInfinity` and its nll is inf. `logAlpha` what the forward wrote,
   * `upstream` [N] of logProbs' dtype (any stride), `gradInput` [T, N, C] (any strides), every
   * element written.
   */
  ctcLossBackward(
    logProbs: StridedView,
    targets: StridedView,
    args: CtcKernelArgs,
    logAlpha: StridedView,
    upstream: StridedView,
    zeroInfinity: boolean,
    gradInput: StridedView,
  ): void;
}
