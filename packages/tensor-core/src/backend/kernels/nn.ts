// The Backend kernels that @torchlet/nn-layers (convolution, pooling, normalization, embedding, activations) runs (types only).
//
// Layout words used below: "contiguous" means row-major from the view's offset with no gaps (the
// op layer makes inputs contiguous before it calls these kernels); outputs are allocated by the op
// layer and every element of an output is written (kernels never rely on zero-filled outputs).
// Gradient kernels that add several contributions into one element (col2im, the pooling and
// embedding backwards) accumulate in doubles and round once when they store.
import type { StridedView } from '../interface.js';

/**
 * Where im2col reads and col2im writes: one sliding window per output position.
 *
 * @pytorch the kernel, stride, padding and dilation arguments of torch.nn.functional.unfold (im2col)
 * @example
 * ```ts
 * const geometry: Im2colGeometry = { kH: 3, kW: 3, strideH: 1, strideW: 1, padTop: 1, padLeft: 1, dilationH: 1, dilationW: 1, outH: 8, outW: 8 };
 * ```
 */
export interface Im2colGeometry {
  readonly kH: number;
  readonly kW: number;
  readonly strideH: number;
  readonly strideW: number;
  /** zero padding before the first row / column (the padding after is implied by outH / outW) */
  readonly padTop: number;
  readonly padLeft: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly outH: number;
  readonly outW: number;
}

/**
 * The windows of max pooling (padding is -inf).
 *
 * @pytorch the kernel_size, stride, padding and dilation arguments of torch.nn.functional.max_pool2d
 * @example
 * ```ts
 * const geometry: MaxPool2dGeometry = { kH: 2, kW: 2, strideH: 2, strideW: 2, padH: 0, padW: 0, dilationH: 1, dilationW: 1 };
 * ```
 */
export interface MaxPool2dGeometry {
  readonly kH: number;
  readonly kW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padH: number;
  readonly padW: number;
  readonly dilationH: number;
  readonly dilationW: number;
}

/**
 * The windows and divisor rules of average pooling (padding is 0).
 *
 * @pytorch the arguments of torch.nn.functional.avg_pool2d
 * @example
 * ```ts
 * const geometry: AvgPool2dGeometry = { kH: 2, kW: 2, strideH: 2, strideW: 2, padH: 0, padW: 0, countIncludePad: true, divisorOverride: null };
 * ```
 */
export interface AvgPool2dGeometry {
  readonly kH: number;
  readonly kW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padH: number;
  readonly padW: number;
  /** count the padded positions (inside [-pad, in + pad)) in the divisor */
  readonly countIncludePad: boolean;
  /** divide every window by this instead (null: the rules above) */
  readonly divisorOverride: number | null;
}

/**
 * GELU's form: the exact x * Phi(x) ('none', via erf) or its tanh approximation.
 *
 * @pytorch the approximate argument of torch.nn.functional.gelu, as the GELU kernels take it
 * @example
 * ```ts
 * const approximate: GeluKernelApproximate = 'tanh';
 * ```
 */
export type GeluKernelApproximate = 'none' | 'tanh';

/**
 * The outputs of batchNormBackward; null where that gradient is not wanted.
 *
 * @pytorch the output_mask of ATen's native_batch_norm_backward (which gradients to compute)
 * @example
 * ```ts
 * const wanted: BatchNormGradViews = { input: null, weight: null, bias: null }; // views to fill, null to skip
 * ```
 */
export interface BatchNormGradViews {
  /** [N, C, inner], contiguous, x's dtype */
  readonly input: StridedView | null;
  /** [C], contiguous */
  readonly weight: StridedView | null;
  /** [C], contiguous */
  readonly bias: StridedView | null;
}

/**
 * Kernels of this family; every backend has them (the reference implements them all).
 *
 * @pytorch none: torchlet's kernel interface (what an ATen kernel receives)
 * @example
 * ```ts
 * const kernels: NnKernels = getBackend(); // cpuBackend, the wasm backend or a device's
 * ```
 */
export interface NnKernels {
  /**
   * Unfold windows into columns (convolution as a matrix product):
   * out[n, (c*kH + i)*kW + j, oh*outW + ow] = x[n, c, oh*strideH - padTop + i*dilationH, ow*strideW - padLeft + j*dilationW],
   * 0 where that position lies in the padding. x is [N, C, H, W] with any strides (a channel slice
   * of a larger tensor is fine); out is contiguous [N, C*kH*kW, outH*outW] of x's dtype.
   */
  im2col(x: StridedView, g: Im2colGeometry, out: StridedView): void;
  /**
   * The adjoint of im2col: out[n, c, h, w] = the sum of the cols entries that im2col would read from
   * x[n, c, h, w] (entries of padding positions are dropped), accumulated in doubles. cols is
   * contiguous [N, C*kH*kW, outH*outW]; out is [N, C, H, W] with any strides, overwritten.
   */
  col2im(cols: StridedView, g: Im2colGeometry, out: StridedView): void;
  /**
   * Max over each window of the contiguous planes x [P, H, W] into out [P, outH, outW] (x's dtype);
   * indices (int64, same shape) gets the flat h*W + w of the max within its plane. NaN wins, the
   * first maximum wins ties (ATen's CPU kernel).
   */
  maxPool2d(x: StridedView, g: MaxPool2dGeometry, out: StridedView, indices: StridedView): void;
  /**
   * out[p, indices[p, o]] += gradOutput[p, o], accumulated in doubles: gradOutput and indices are
   * contiguous [P, outH, outW]; out is contiguous [P, H, W], overwritten. `g`, where given, is the
   * forward's geometry: a kernel that gathers may then visit, for each element of out, only the
   * outputs whose windows can hold it (the indices came from those windows).
   */
  maxPool2dBackward(gradOutput: StridedView, indices: StridedView, out: StridedView, g?: MaxPool2dGeometry): void;
  /**
   * out = sum(window) / divisor over each window of the contiguous planes x [P, H, W]; out is
   * contiguous [P, outH, outW]. A window entirely in the padding gives 0.
   */
  avgPool2d(x: StridedView, g: AvgPool2dGeometry, out: StridedView): void;
  /** out[window] += gradOutput[o] / divisor (doubles): gradOutput contiguous [P, outH, outW], out contiguous [P, H, W], overwritten. */
  avgPool2dBackward(gradOutput: StridedView, g: AvgPool2dGeometry, out: StridedView): void;
  /**
   * Mean over the windows [floor(o*in/out), ceil((o+1)*in/out)) in both dims: x contiguous [P, H, W],
   * out contiguous [P, outH, outW] (the sizes come from the shapes).
   */
  adaptiveAvgPool2d(x: StridedView, out: StridedView): void;
  /** out[window] += gradOutput[o] / (window size) (doubles): gradOutput contiguous [P, outH, outW], out contiguous [P, H, W], overwritten. */
  adaptiveAvgPool2dBackward(gradOutput: StridedView, out: StridedView): void;
  /**
   * Max over the windows [floor(o*in/out), ceil((o+1)*in/out)) in both dims: x contiguous [P, H, W],
   * out contiguous [P, outH, outW] (x's dtype; the sizes come from the shapes); indices (int64, out's
   * shape) gets the flat h*W + w of the max within its plane. The first maximum in row-major window
   * order wins, NaN wins (the last NaN of the window), as ATen's CPU kernel.
   */
  adaptiveMaxPool2d(x: StridedView, out: StridedView, indices: StridedView): void;
  /**
   * gradInput[p, indices[p, o]] += gradOutput[p, o] in output order, in gradInput's dtype (as ATen's
   * CPU kernel): gradOutput and indices contiguous [P, outH, outW]; gradInput contiguous [P, H, W],
   * overwritten.
   */
  adaptiveMaxPool2dBackward(gradOutput: StridedView, indices: StridedView, gradInput: StridedView): void;
  /**
   * Per-channel mean = sum(x) / m and biased variance = sum((x - mean)^2) / m over x contiguous
   * [N, C, inner] (m = N * inner), two passes in doubles; mean and variance are [C] (the op layer
   * passes float64 views, as ATen keeps these statistics in double; x's dtype on a device without float64).
   */
  batchNormMoments(x: StridedView, mean: StridedView, variance: StridedView): void;
  /**
   * y = (x - mean[c]) * invStd[c] * weight[c] + bias[c] with invStd = 1 / sqrt(variance + eps), in
   * doubles: x and out contiguous [N, C, inner]; mean, variance, weight and bias contiguous [C]
   * (weight and bias null for 1 and 0).
   */
  batchNorm(
    x: StridedView,
    mean: StridedView,
    variance: StridedView,
    eps: number,
    weight: StridedView | null,
    bias: StridedView | null,
    out: StridedView,
  ): void;
  /**
   * Gradients of batchNorm for gradOutput (contiguous [N, C, inner]), with xhat = (x - mean) * invStd
   * and g = gradOutput * weight: batchStats (mean and variance were the batch's own):
   * dx = invStd * (g - mean(g) - xhat * mean(g * xhat)); fixed statistics: dx = invStd * g;
   * dweight = sum(gradOutput * xhat), dbias = sum(gradOutput), per channel, in doubles.
   */
  batchNormBackward(
    x: StridedView,
    gradOutput: StridedView,
    mean: StridedView,
    variance: StridedView,
    eps: number,
    weight: StridedView | null,
    batchStats: boolean,
    grads: BatchNormGradViews,
  ): void;
  /**
   * out[i, :] = weight[indices[i], :]: weight contiguous [rows, dim], indices contiguous int64 or
   * int32 [n] (already checked to lie in [0, rows)), out contiguous [n, dim] of weight's dtype.
   */
  embedding(weight: StridedView, indices: StridedView, out: StridedView): void;
  /**
   * out[indices[i], :] += gradOutput[i, :] for every i whose index is not paddingIdx, in doubles:
   * gradOutput contiguous [n, dim], indices contiguous [n], out contiguous [rows, dim], overwritten.
   */
  embeddingBackward(gradOutput: StridedView, indices: StridedView, paddingIdx: number | null, out: StridedView): void;
  /**
   * out = x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)); 'tanh': 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
   * x and out contiguous, one shape.
   */
  gelu(x: StridedView, approximate: GeluKernelApproximate, out: StridedView): void;
  /**
   * out = gradOutput * dgelu/dx: Phi(x) + x phi(x); 'tanh': 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2).
   * x, gradOutput and out contiguous, one shape.
   */
  geluBackward(x: StridedView, gradOutput: StridedView, approximate: GeluKernelApproximate, out: StridedView): void;
}
