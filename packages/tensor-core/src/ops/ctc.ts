// The op over the CTC kernels, for @torchlet/losses (exported from ./internal): forward (per-sample
// negative log likelihood and the log-alpha table) and PyTorch's backward. Each checks its
// arguments, allocates the outputs and makes one backend call; the custom op stays in losses.
// The lengths are numbers on the host (PyTorch's int lists), so a device kernel can size its work.
import { getBackend } from '../backend/registry.js';
import { holdsFloat64 } from '../backend/devices.js';
import { mixedDeviceMessage } from '../device.js';
import type { StridedView } from '../backend/interface.js';
import type { CtcKernelArgs } from '../backend/kernels/loss.js';
import { isIntegralDType } from '../dtype.js';
import { DTypeError, IndexError, ShapeError, TorchletError, ValueError, argError, formatShape } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { assertTensor, contiguousCopy, emptyTensor, requireFloating, restride } from './helpers.js';

/** What ctcLossBackward reads (the forward's operands and its log-alpha table). */
export interface CtcSaved {
  readonly logProbs: Tensor;
  /** The targets as one 1-D view of labels (a contiguous copy of a strided 2-D target). */
  readonly targets: StridedView;
  readonly args: CtcKernelArgs;
  /** [N, T, 2 max(L) + 1]: float64 where the device holds it (the CPU), else logProbs' dtype. */
  readonly logAlpha: Tensor;
}

export interface CtcForwardResult {
  /** Per-sample negative log likelihood [N], logProbs' dtype (inf where no alignment fits). */
  readonly nll: Tensor;
  readonly saved: CtcSaved;
}

const FORWARD = 'ctcLossForward';
const BACKWARD = 'ctcLossBackward';

function checkLengths(argument: string, values: unknown, n: number, min: number, max: number): readonly number[] {
  if (!Array.isArray(values)) argError(FORWARD, argument, 'an array of integers', typeof values);
  const v = values as unknown[];
  if (v.length !== n) argError(FORWARD, argument, `${n} values (one per sample)`, `${v.length}`, ShapeError);
  v.forEach((x, b) => {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max) {
      argError(FORWARD, argument, `integers in [${min}, ${max}]`, `${String(x)} for sample ${b}`, ValueError);
    }
  });
  return v as number[];
}

/** targets (N, W) padded or 1-D concatenated as one 1-D view and each sample's offset in it. */
function flatTargets(targets: Tensor, lengths: readonly number[], n: number): { view: StridedView; offsets: number[] } {
  const offsets: number[] = [];
  if (targets.ndim === 1) {
    const total = lengths.reduce((a, b) => a + b, 0);
    if (targets.shape[0] !== total) argError(FORWARD, 'targets', `size ${total} at dimension 0 (the sum of targetLengths)`, `size ${targets.shape[0]}`, ShapeError);
    let at = 0;
    for (const l of lengths) {
      offsets.push(at);
      at += l;
    }
    return { view: targets, offsets };
  }
  if (targets.ndim !== 2) argError(FORWARD, 'targets', '1 or 2 dimensions', `${targets.ndim} dimensions`, ShapeError);
  const [rows, width] = targets.shape;
  if (rows !== n) argError(FORWARD, 'targets', `size ${n} at dimension 0 (the batch size)`, `size ${rows}`, ShapeError);
  const longest = Math.max(0, ...lengths);
  if (width < longest) argError(FORWARD, 'targets', `size at least ${longest} at dimension 1 (the longest target)`, `size ${width}`, ShapeError);
  const dense = (width <= 1 || targets.strides[1] === 1) && (rows <= 1 || targets.strides[0] === width);
  const t = dense ? targets : contiguousCopy(targets);
  for (let b = 0; b < n; b++) offsets.push(b * width);
  return { view: restride(t, [rows * width], [1]), offsets };
}

/**
 * CTC forward (PyTorch's ctc_loss kernel): `logProbs` (T, N, C) floating, `targets` padded (N, W)
 * or concatenated 1-D integer labels, the lengths as integer arrays (input lengths in [1, T], target
 * lengths not negative), `blank` in [0, C). Labels of CPU targets are checked to be in [0, C); a
 * device's are checked by its kernel and reported at the next read. One backend kernel
 * (Backend.ctcLossForward).
 */
export function ctcLossForward(
  logProbs: Tensor,
  targets: Tensor,
  inputLengths: readonly number[],
  targetLengths: readonly number[],
  blank: number,
): CtcForwardResult {
  assertTensor(FORWARD, 'logProbs', logProbs);
  assertTensor(FORWARD, 'targets', targets);
  requireFloating(FORWARD, 'logProbs', logProbs);
  if (logProbs.ndim !== 3) argError(FORWARD, 'logProbs', 'a 3-D tensor (T, N, C)', `shape ${formatShape(logProbs.shape)}`, ShapeError);
  if (!isIntegralDType(targets.dtype)) argError(FORWARD, 'targets', 'an integral tensor', `dtype ${targets.dtype}`, DTypeError);
  if (targets.device !== logProbs.device) throw new TorchletError(mixedDeviceMessage(logProbs.device, targets.device));
  const [T, N, C] = logProbs.shape;
  if (!Number.isInteger(blank) || blank < 0 || blank >= C) argError(FORWARD, 'blank', `an integer in [0, ${C - 1}]`, String(blank), ValueError);
  const inLens = checkLengths('inputLengths', inputLengths, N, 1, T);
  const tgLens = checkLengths('targetLengths', targetLengths, N, 0, Number.MAX_SAFE_INTEGER);
  const { view, offsets } = flatTargets(targets, tgLens, N);
  const args: CtcKernelArgs = { inputLengths: [...inLens], targetLengths: [...tgLens], targetOffsets: offsets, blank };
  if (targets.device === 'cpu') checkLabels(view, args, C);
  const smax = 2 * Math.max(0, ...tgLens) + 1;
  const alphaType = holdsFloat64(logProbs.device) ? 'float64' : logProbs.dtype;
  const nll = emptyTensor([N], logProbs.dtype, true, logProbs);
  const logAlpha = emptyTensor([N, T, smax], alphaType, true, logProbs);
  getBackend().ctcLossForward(logProbs, view, args, nll, logAlpha);
  return { nll, saved: { logProbs, targets: view, args, logAlpha } };
}

/**
 * PyTorch's CTC gradient w.r.t. logProbs (its shape and dtype) for the upstream gradient [N] of the
 * forward's nll: exp(lp) - exp(log(alpha beta) + nll - lp) per frame and class, times upstream;
 * zero past each input length, and for samples of infinite nll when `zeroInfinity`. One backend
 * kernel (Backend.ctcLossBackward).
 */
export function ctcLossBackward(forward: CtcForwardResult, upstream: Tensor, zeroInfinity: boolean): Tensor {
  assertTensor(BACKWARD, 'upstream', upstream);
  requireFloating(BACKWARD, 'upstream', upstream);
  const { logProbs, targets, args, logAlpha } = forward.saved;
  if (upstream.ndim !== 1 || upstream.shape[0] !== logProbs.shape[1]) {
    argError(BACKWARD, 'upstream', `shape [${logProbs.shape[1]}] (the nll's)`, `shape ${formatShape(upstream.shape)}`, ShapeError);
  }
  if (upstream.device !== logProbs.device) throw new TorchletError(mixedDeviceMessage(logProbs.device, upstream.device));
  if (typeof zeroInfinity !== 'boolean') argError(BACKWARD, 'zeroInfinity', 'a boolean', typeof zeroInfinity, DTypeError);
  const grad = emptyTensor(logProbs.shape, logProbs.dtype, true, logProbs);
  getBackend().ctcLossBackward(logProbs, targets, args, logAlpha, upstream, zeroInfinity, grad);
  return grad;
}

/** Every label a kernel reads in [0, c) (the kernels read them unchecked). */
function checkLabels(v: StridedView, args: CtcKernelArgs, c: number): void {
  const stride = v.strides[0] ?? 0;
  args.targetLengths.forEach((l, b) => {
    for (let i = 0; i < l; i++) {
      const y = v.data[v.offset + (args.targetOffsets[b] + i) * stride];
      if (!(y >= 0 && y < c)) argError(FORWARD, 'targets', `labels in [0, ${c - 1}]`, `${y} at position ${i} of sample ${b}`, IndexError);
    }
  });
}
