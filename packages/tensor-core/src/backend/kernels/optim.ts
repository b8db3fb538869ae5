// The Backend kernels that @torchlet/optim (fused optimizer updates) runs (types only).
import type { StridedView } from '../interface.js';

/**
 * The coefficients of one SGD step (torch.optim.sgd's single-tensor update), every number already
 * converted to the param's dtype (as the composed ops convert their scalars).
 *
 * @pytorch the hyper-parameters of torch.optim.SGD's update, as the fused kernel takes them
 * @example
 * ```ts
 * const options: SgdKernelOptions = { negLr: -0.1, weightDecay: null, momentum: 0.9, oneMinusDampening: 1, nesterov: false, maximize: false, firstStep: true };
 * ```
 */
export interface SgdKernelOptions {
  /** -lr */
  readonly negLr: number;
  /** L2 weight decay added to the gradient (g = g + weightDecay * param); null for none. */
  readonly weightDecay: number | null;
  /** Momentum (used only with a momentum buffer). */
  readonly momentum: number;
  /** 1 - dampening, the gradient's weight in the momentum buffer after the first step. */
  readonly oneMinusDampening: number;
  /** g = g + momentum * buf instead of g = buf (only with a momentum buffer). */
  readonly nesterov: boolean;
  /** Step along +grad (g = -grad). */
  readonly maximize: boolean;
  /** The buffer's first step: buf = g (its old contents are ignored), not momentum * buf + (1 - dampening) * g. */
  readonly firstStep: boolean;
}

/**
 * The coefficients of one Adam / AdamW step at step t (torch.optim.adam / adamw's single-tensor
 * update), every number already converted to the param's dtype.
 *
 * @pytorch the hyper-parameters of torch.optim.Adam's update, as the fused kernel takes them
 * @example
 * ```ts
 * const [lr, beta1, beta2, step] = [1e-3, 0.9, 0.999, 1];
 * const options: AdamKernelOptions = {
 *   beta1, oneMinusBeta1: 1 - beta1, beta2, oneMinusBeta2: 1 - beta2, eps: 1e-8, weightDecay: null, decay: null,
 *   biasCorrection2Sqrt: Math.sqrt(1 - beta2 ** step), stepSize: -lr / (1 - beta1 ** step), maximize: false,
 * };
 * ```
 */
export interface AdamKernelOptions {
  readonly beta1: number;
  /** 1 - beta1 */
  readonly oneMinusBeta1: number;
  readonly beta2: number;
  /** 1 - beta2 */
  readonly oneMinusBeta2: number;
  readonly eps: number;
  /** L2 weight decay added to the gradient (g = g + weightDecay * param); null for none. */
  readonly weightDecay: number | null;
  /** Decoupled weight decay (AdamW): param = param * decay, with decay = 1 - lr * weightDecay; null for none. */
  readonly decay: number | null;
  /** sqrt(1 - beta2^t), the second moment's bias correction. */
  readonly biasCorrection2Sqrt: number;
  /** -lr / (1 - beta1^t), the step along m / denom. */
  readonly stepSize: number;
  /** Step along +grad (g = -grad). */
  readonly maximize: boolean;
}

/**
 * Kernels of this family; every backend has them (the reference implements them all).
 *
 * Fused optimizer updates: one pass over the elements, updating the param and the optimizer state in
 * place. All views share one shape and one floating dtype (float32 or float64) and may have any
 * strides; the written views (param and buffers) do not overlap each other or themselves, and the
 * gradient does not overlap any of them (the op layer checks or copies). Every intermediate value is
 * rounded to the dtype where the composed ops would round it (each op's result), so the results are
 * the same bits as the composed in-place ops (see each kernel).
 *
 * @pytorch the fused optimizer kernels behind torch.optim's foreach/fused implementations
 * @example
 * ```ts
 * const kernels: OptimKernels = getBackend();
 * ```
 */
export interface OptimKernels {
  /**
   * One SGD step. With g = maximize ? -grad : grad, then g = g + weightDecay * param (when set):
   * - with a momentum buffer: buf = firstStep ? g : momentum * buf + (1 - dampening) * g, then
   *   g = nesterov ? g + momentum * buf : buf;
   * - param = param - lr * g.
   * The same bits as neg, add(alpha), mul_, add_(alpha), add(alpha) and add_(alpha) in that order.
   */
  sgdUpdate(param: StridedView, grad: StridedView, momentumBuffer: StridedView | null, options: SgdKernelOptions): void;
  /**
   * One Adam step. With g = maximize ? -grad : grad, then param = param * decay (decoupled) or
   * g = g + weightDecay * param (L2), when set:
   * - m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g * g;
   * - with amsgrad (`maxExpAvgSq` given): vmax = max(vmax, v), and vmax replaces v below;
   * - denom = sqrt(v) / sqrt(1 - beta2^t) + eps;  param = param + stepSize * m / denom.
   * The same bits as neg, mul_ or add(alpha), mul_ + add_(alpha), mul_ + addcmul_, maximum_, sqrt,
   * div_, add_ and addcdiv_ in that order.
   */
  adamUpdate(
    param: StridedView,
    grad: StridedView,
    expAvg: StridedView,
    expAvgSq: StridedView,
    maxExpAvgSq: StridedView | null,
    options: AdamKernelOptions,
  ): void;
}
