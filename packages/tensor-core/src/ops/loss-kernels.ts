// The ops over the loss kernels, for @torchlet/losses (exported from ./internal): the fused cross
// entropy (forward, its closed-form backward, and the rows fast path). Each checks its arguments,
// allocates the outputs and makes one backend call; the custom op with its backward stays in losses.
import { getBackend } from '../backend/registry.js';
import { deviceBackend } from '../backend/devices.js';
import { mixedDeviceMessage } from '../device.js';
import type { StridedView } from '../backend/interface.js';
import type { CrossEntropyKernelOptions } from '../backend/kernels/loss.js';
import { isFloatingDType } from '../dtype.js';
import { DTypeError, IndexError, ShapeError, TorchletError, ValueError, argError, formatShape } from '../errors.js';
import { numel, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { makeTensor } from '../construct.js';
import { assertTensor, contiguousCopy, emptyTensor, requireFloating, restride } from './helpers.js';

/** The options of the fused cross entropy (PyTorch's F.cross_entropy), already defaulted. */
export interface CrossEntropyArgs {
  /** Per-class weight: a 1-D floating tensor of C values, or null for all ones. */
  readonly weight: Tensor | null;
  /** Class-index targets equal to this contribute nothing (an integer; unused for probabilities). */
  readonly ignoreIndex: number;
  /** In [0, 1]: the target mixed with the uniform distribution, (1 - e) * target + e / C. */
  readonly labelSmoothing: number;
  readonly reduction: 'none' | 'mean' | 'sum';
}

/** What crossEntropyBackward reads: copies taken at the forward call (later in-place writes do not reach them). */
export interface CrossEntropySaved {
  readonly input: Tensor;
  readonly target: Tensor;
  readonly weight: Tensor | null;
  readonly args: CrossEntropyArgs;
}

export interface CrossEntropyForwardResult {
  /** Per-position losses [N, d1, ..., dk] ([] for a (C) input) for 'none', else a 0-d tensor; the input's dtype. */
  readonly loss: Tensor;
  /**
   * The 'mean' divisor: the sum of the kept targets' weights (class indices) or N * d1 * ... * dk
   * (probabilities). NaN when the input is on a device other than the CPU (see deviceDenominator).
   */
  readonly denominator: number;
  /**
   * On a device other than the CPU, the divisor as a one-element tensor there (a GPU cannot return
   * it synchronously); null on the CPU.
   */
  readonly deviceDenominator: Tensor | null;
  /** What the backward needs, when the forward was asked to save it, else null. */
  readonly saved: CrossEntropySaved | null;
}

export interface CrossEntropyGrads {
  /** d loss / d input (the input's shape and dtype), or null when not asked for. */
  readonly input: Tensor | null;
  /** d loss / d target (probability targets only; the target's shape and dtype), or null. */
  readonly target: Tensor | null;
}

export interface CrossEntropyRowsOutput {
  /** Sum of the kept rows' losses. */
  readonly lossSum: number;
  /** How many rows were not ignored. */
  readonly kept: number;
  /** (softmax(input) - onehot(target)) * gradScale, zero on ignored rows (input's shape and dtype), when asked for. */
  readonly grad: Tensor | null;
}

const FORWARD = 'crossEntropyForward';
const BACKWARD = 'crossEntropyBackward';
const ROWS = 'crossEntropyRows';

/**
 * Cross entropy between logits `input` ((C), (N, C) or (N, C, d1, ..., dk), floating) and `target`:
 * int64 class indices of shape () / (N) / (N, d1, ..., dk), each in [0, C) or `ignoreIndex`, or
 * class probabilities of the input's shape and a floating dtype. With log p = logSoftmax(input, 1),
 * weight w and smoothing e, per position:
 *   class y:        (1 - e) (-w_y log p_y) + (e / C) (-sum_c w_c log p_c)   (ignored: 0),
 *   probabilities:  -sum_c w_c ((1 - e) q_c + e / C) log p_c;
 * 'mean' divides by the sum of the kept w_y (class indices; NaN when 0, as PyTorch) or by the number
 * of positions (probabilities). One backend kernel (Backend.crossEntropyForward). With
 * `saveForBackward`, copies of input, target and weight are kept for crossEntropyBackward.
 */
export function crossEntropyForward(input: Tensor, target: Tensor, args: CrossEntropyArgs, saveForBackward = false): CrossEntropyForwardResult {
  const layout = checkCrossEntropy(FORWARD, input, target, args);
  const x = saveForBackward ? contiguousCopy(input) : input;
  const t = saveForBackward ? contiguousCopy(target) : target;
  const w = args.weight === null ? null : saveForBackward ? contiguousCopy(args.weight) : args.weight;
  const none = args.reduction === 'none';
  const loss = emptyTensor(none ? layout.outShape : [], input.dtype, true, input);
  const options = kernelOptions(layout.probabilities, w, args);
  const saved = saveForBackward ? { input: x, target: t, weight: w, args: { ...args } } : null;
  if (input.device !== 'cpu') {
    // the loss and the divisor stay on the device (its kernel writes both)
    const backend = deviceBackend(input.device);
    if (backend.crossEntropyForwardDevice === undefined) {
      throw new TorchletError(`${FORWARD}(): cross entropy is not available on '${input.device}': move the tensors to the CPU first`);
    }
    const denominator = emptyTensor([], input.dtype, true, input);
    backend.crossEntropyForwardDevice(
      classView(x),
      layout.probabilities ? classView(t) : positionView(t),
      options,
      none ? positionView(loss) : loss,
      denominator,
    );
    return { loss, denominator: Number.NaN, deviceDenominator: denominator, saved };
  }
  const denominator = getBackend().crossEntropyForward(
    classView(x),
    layout.probabilities ? classView(t) : positionView(t),
    options,
    none ? positionView(loss) : loss,
  );
  return { loss, denominator, deviceDenominator: null, saved };
}

/**
 * The closed-form gradient of a crossEntropyForward call (which saved for backward) for the upstream
 * gradient `upstream` (the loss's shape): d loss / d input = (sum_k a_k) softmax(input) - a, a_k the
 * coefficient of -log p_k above, times upstream (over the denominator for 'mean'); for probability
 * targets also d loss / d target = -(1 - e) w log p times the same factor. One backend kernel
 * (Backend.crossEntropyBackward).
 */
export function crossEntropyBackward(
  forward: CrossEntropyForwardResult,
  upstream: Tensor,
  needsInput: boolean,
  needsTarget: boolean,
): CrossEntropyGrads {
  const saved = forward.saved;
  if (saved === null) {
    throw new TorchletError(`${BACKWARD}(): argument 'forward' expected the result of a crossEntropyForward call that saved for backward, got one that did not`);
  }
  assertTensor(BACKWARD, 'upstream', upstream);
  requireFloating(BACKWARD, 'upstream', upstream);
  if (!shapesEqual(upstream.shape, forward.loss.shape)) {
    argError(BACKWARD, 'upstream', `the loss's shape ${formatShape(forward.loss.shape)}`, `shape ${formatShape(upstream.shape)}`, ShapeError);
  }
  const { input, target, weight, args } = saved;
  const probabilities = target.dtype !== 'int64';
  const gradInput = needsInput ? emptyTensor(input.shape, input.dtype, true, input) : null;
  const gradTarget = needsTarget && probabilities ? emptyTensor(target.shape, target.dtype, true, target) : null;
  if (forward.deviceDenominator !== null) {
    if (upstream.device !== input.device) throw new TorchletError(mixedDeviceMessage(input.device, upstream.device));
    const backend = deviceBackend(input.device as Exclude<typeof input.device, 'cpu'>);
    if (backend.crossEntropyBackwardDevice === undefined) {
      throw new TorchletError(`${BACKWARD}(): cross entropy is not available on '${input.device}': move the tensors to the CPU first`);
    }
    backend.crossEntropyBackwardDevice(
      classView(input),
      probabilities ? classView(target) : positionView(target),
      kernelOptions(probabilities, weight, args),
      forward.deviceDenominator,
      args.reduction === 'none' ? positionView(upstream) : upstream,
      gradInput === null ? null : classView(gradInput),
      gradTarget === null ? null : classView(gradTarget),
    );
    return { input: gradInput, target: gradTarget };
  }
  getBackend().crossEntropyBackward(
    classView(input),
    probabilities ? classView(target) : positionView(target),
    kernelOptions(probabilities, weight, args),
    forward.denominator,
    args.reduction === 'none' ? positionView(upstream) : upstream,
    gradInput === null ? null : classView(gradInput),
    gradTarget === null ? null : classView(gradTarget),
  );
  return { input: gradInput, target: gradTarget };
}

/**
 * Class-index cross entropy over the rows of a floating [N, C] `input` with int64 `target` [N]
 * (each in [0, C) or `ignoreIndex`), no weight, no smoothing: the sum of the kept rows' losses
 * (-log softmax(input)[y]) and their count, and with `withGrad` the gradient
 * (softmax(input) - onehot(target)) * gradScale computed in the same pass. One backend kernel
 * (Backend.crossEntropyRows). `targetsChecked`: the caller has already checked every target (in
 * [0, C) or `ignoreIndex`, as losses' crossEntropy does while reading them), so the op skips its own
 * pass over them.
 */
export function crossEntropyRows(
  input: Tensor,
  target: Tensor,
  ignoreIndex: number,
  withGrad: boolean,
  gradScale: number,
  targetsChecked = false,
): CrossEntropyRowsOutput {
  assertTensor(ROWS, 'input', input);
  assertTensor(ROWS, 'target', target);
  requireFloating(ROWS, 'input', input);
  if (input.ndim !== 2) argError(ROWS, 'input', 'a 2-D tensor (N, C)', `shape ${formatShape(input.shape)}`, ShapeError);
  if (target.dtype !== 'int64') argError(ROWS, 'target', 'class indices of dtype int64', `dtype ${target.dtype}`, DTypeError);
  if (target.ndim !== 1 || target.shape[0] !== input.shape[0]) {
    argError(ROWS, 'target', `shape [${input.shape[0]}] (the input's rows)`, `shape ${formatShape(target.shape)}`, ShapeError);
  }
  checkIgnoreIndex(ROWS, ignoreIndex);
  if (typeof gradScale !== 'number') argError(ROWS, 'gradScale', 'a number', typeof gradScale, DTypeError);
  if (!targetsChecked) checkClassIndices(ROWS, positionView(target), input.shape[1], ignoreIndex);
  const r = getBackend().crossEntropyRows(input, target, ignoreIndex, withGrad, gradScale);
  const grad = r.grad === null ? null : makeTensor(r.grad, [...input.shape], input.dtype);
  return { lossSum: r.lossSum, kept: r.kept, grad };
}

interface CrossEntropyLayout {
  readonly probabilities: boolean;
  /** The 'none' result's shape: [] for (C) input, else [N, d1, ..., dk]. */
  readonly outShape: readonly number[];
}

/** PyTorch's checks of cross_entropy's arguments (the losses package words them for its users first). */
function checkCrossEntropy(op: string, input: Tensor, target: Tensor, args: CrossEntropyArgs): CrossEntropyLayout {
  assertTensor(op, 'input', input);
  assertTensor(op, 'target', target);
  requireFloating(op, 'input', input);
  if (target.device !== input.device) throw new TorchletError(mixedDeviceMessage(input.device, target.device));
  if (args.weight !== null && args.weight.device !== input.device) throw new TorchletError(mixedDeviceMessage(input.device, args.weight.device));
  if (input.ndim === 0) argError(op, 'input', 'a tensor of shape (C), (N, C) or (N, C, d1, ..., dk)', 'a 0-d tensor', ShapeError);
  const c = input.shape[input.ndim === 1 ? 0 : 1];
  const outShape = input.ndim === 1 ? [] : [input.shape[0], ...input.shape.slice(2)];
  const { weight, ignoreIndex, labelSmoothing, reduction } = args;
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') {
    argError(op, 'reduction', "one of 'none', 'mean', 'sum'", `'${String(reduction)}'`, ValueError);
  }
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    argError(op, 'labelSmoothing', 'a number in [0, 1]', String(labelSmoothing), ValueError);
  }
  checkIgnoreIndex(op, ignoreIndex);
  if (weight !== null) {
    assertTensor(op, 'weight', weight);
    requireFloating(op, 'weight', weight);
    if (weight.ndim !== 1 || weight.shape[0] !== c) {
      argError(op, 'weight', `a 1-D tensor of ${c} values (one per class)`, `shape ${formatShape(weight.shape)}`, ShapeError);
    }
  }
  if (target.dtype === 'int64') {
    if (!shapesEqual(target.shape, outShape)) {
      argError(op, 'target', `class indices of shape ${formatShape(outShape)} for input of shape ${formatShape(input.shape)}`, `shape ${formatShape(target.shape)}`, ShapeError);
    }
    // a device's indices cannot be read synchronously: its kernels check them and the next read reports
    if (target.device === 'cpu') checkClassIndices(op, positionView(target), c, ignoreIndex);
    return { probabilities: false, outShape };
  }
  if (!isFloatingDType(target.dtype)) {
    argError(op, 'target', 'int64 class indices or floating class probabilities', `dtype ${target.dtype}`, DTypeError);
  }
  if (!shapesEqual(target.shape, input.shape)) {
    argError(op, 'target', `class probabilities of the input's shape ${formatShape(input.shape)}`, `shape ${formatShape(target.shape)}`, ShapeError);
  }
  return { probabilities: true, outShape };
}

function checkIgnoreIndex(op: string, ignoreIndex: number): void {
  if (!Number.isInteger(ignoreIndex)) argError(op, 'ignoreIndex', 'an integer', String(ignoreIndex), ValueError);
}

/** Every class index of the [N, S] view in [0, c) or equal to ignoreIndex (the kernels read them unchecked). */
function checkClassIndices(op: string, v: StridedView, c: number, ignoreIndex: number): void {
  const [n, s] = v.shape;
  const [s0, s1] = v.strides;
  const data = v.data;
  for (let b = 0; b < n; b++) {
    const row = v.offset + b * s0;
    for (let j = 0; j < s; j++) {
      const y = data[row + j * s1];
      // in range, or the ignored index (one comparison for the common case)
      if (!(y >= 0 && y < c) && y !== ignoreIndex) {
        argError(op, 'target', `class indices in [0, ${c - 1}] or ignoreIndex ${ignoreIndex}`, `${y} at flat position ${b * s + j}`, IndexError);
      }
    }
  }
}

function kernelOptions(probabilities: boolean, weight: Tensor | null, args: CrossEntropyArgs): CrossEntropyKernelOptions {
  return {
    targetKind: probabilities ? 'probabilities' : 'indices',
    weight,
    ignoreIndex: args.ignoreIndex,
    labelSmoothing: args.labelSmoothing,
    reduction: args.reduction,
  };
}

/**
 * The stride of dims `from`.. of a view merged into one, or null when they do not chain
 * (size-1 dims ignored; 0 when they hold one element or none).
 */
function mergedStride(shape: readonly number[], strides: readonly number[], from: number): number | null {
  let stride = 0;
  let expected: number | null = null;
  for (let d = shape.length - 1; d >= from; d--) {
    if (shape[d] === 1) continue;
    if (expected === null) stride = strides[d];
    else if (strides[d] !== expected) return null;
    expected = strides[d] * shape[d];
  }
  return stride;
}

/** `t` of shape (C) or (N, C, d1, ..., dk) as the [N, C, S] view the kernels take (a contiguous copy when its spatial dims do not merge). */
function classView(t: Tensor): StridedView {
  if (t.ndim === 1) return restride(t, [1, t.shape[0], 1], [0, t.strides[0], 0]);
  let v: Tensor = t;
  let tail = mergedStride(v.shape, v.strides, 2);
  if (tail === null) {
    v = contiguousCopy(t);
    tail = mergedStride(v.shape, v.strides, 2) ?? 1;
  }
  return restride(v, [v.shape[0], v.shape[1], numel(v.shape.slice(2))], [v.strides[0], v.strides[1], tail]);
}

/** `t` of shape () or (N, d1, ..., dk) as the [N, S] view the kernels take (a contiguous copy when its spatial dims do not merge). */
function positionView(t: Tensor): StridedView {
  if (t.ndim === 0) return restride(t, [1, 1], [0, 0]);
  let v: Tensor = t;
  let tail = mergedStride(v.shape, v.strides, 1);
  if (tail === null) {
    v = contiguousCopy(t);
    tail = mergedStride(v.shape, v.strides, 1) ?? 1;
  }
  return restride(v, [v.shape[0], numel(v.shape.slice(1))], [v.strides[0], tail]);
}
