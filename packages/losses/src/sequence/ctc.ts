// ctcLoss: PyTorch's F.ctc_loss (connectionist temporal classification), forward by the alpha
// recursion and backward by PyTorch's beta-recursion formula (tensor-core's CTC kernels, on the
// input's device), as one fused op (CtcLossBackward0).
import { fusedOp, nameGradFn } from '@torchlet/autograd/internal';
import { DTypeError, IndexError, ShapeError, Tensor, ValueError, type Device } from '@torchlet/tensor-core';
import { ctcLossBackward, ctcLossForward, isIntegralDType } from '@torchlet/tensor-core/internal';
import { checkReduction, checkTensor, constant, describeValue, fail, readValues, reduce, withDefaults, type Reduction } from '../common.js';
import { refuseSecondDerivative } from '../no-double-backward.js';

/**
 * Lengths per sample: an integer tensor or an array of numbers (PyTorch: a tensor or a tuple of ints).
 *
 * @pytorch the input_lengths / target_lengths arguments of torch.nn.functional.ctc_loss
 * @example
 * ```ts
 * const inputLengths: CtcLengths = [6, 5]; // or an int64 tensor: tensor([6, 5])
 * const loss = ctcLoss(randn([6, 2, 4]).logSoftmax(2), tensor([[1, 2, 3], [2, 2, 0]]), inputLengths, [3, 2]);
 * ```
 */
export type CtcLengths = Tensor | readonly number[];

/**
 * Options of `ctcLoss` and `CTCLoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.ctc_loss
 * @example
 * ```ts
 * const options: CTCLossOptions = { blank: 3, zeroInfinity: true };
 * const criterion = new CTCLoss(options);
 * ```
 */
export interface CTCLossOptions {
  /** The blank label, in [0, C). Default 0. */
  blank?: number;
  /** Default 'mean': each loss divided by its target length (at least 1), then the batch mean. */
  reduction?: Reduction;
  /** Replace infinite losses (impossible alignments) and their gradients by zero. Default false. */
  zeroInfinity?: boolean;
}

const OP = 'ctcLoss';

/** `t` on `device` (a host-made constant joining a device computation). */
const onDevice = (t: Tensor, device: Device): Tensor => (device === 'cpu' ? t : t.to(device));

/** PyTorch's defaults (CTCLoss takes them from here). */
export const CTC_DEFAULTS: Readonly<Required<CTCLossOptions>> = { blank: 0, reduction: 'mean', zeroInfinity: false };

/**
 * An integral lengths argument as numbers (a tensor of any shape is flattened, as PyTorch's
 * .to(kLong)). The lengths size the work on the host: on a device they must be numbers or a CPU tensor.
 */
function lengthsOf(argument: string, lengths: unknown, device: Device): number[] {
  if (lengths instanceof Tensor) {
    if (!isIntegralDType(lengths.dtype)) fail(OP, argument, 'an integral tensor or an array of integers', `dtype ${lengths.dtype}`, DTypeError);
    if (lengths.device !== 'cpu') {
      fail(OP, argument, `an array of integers or a CPU tensor (the lengths size the work on the host; logProbs is on '${device}')`, `a tensor on '${lengths.device}'`);
    }
    return Array.from(readValues(lengths));
  }
  if (!Array.isArray(lengths)) fail(OP, argument, 'a Tensor or an array of integers', describeValue(lengths));
  (lengths as unknown[]).forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) fail(OP, argument, 'integers', `${describeValue(v)} (${String(v)}) at position ${i}`);
  });
  return [...(lengths as number[])];
}

function checkLengths(argument: string, values: readonly number[], batch: number, min: number, max: number, what: string): void {
  if (values.length !== batch) fail(OP, argument, `${batch} values (one per sample: must be of size batch_size)`, `${values.length}`, ShapeError);
  values.forEach((v, b) => {
    if (v < min || v > max) fail(OP, argument, `values in [${min}, ${max}] (${what})`, `${v} for sample ${b}`, ValueError);
  });
}

/**
 * Padded (N, S) or concatenated 1-d targets checked against the lengths: their shape always, their
 * labels in [0, C) where they can be read synchronously (the CPU; a device's kernel checks them and
 * reports at the next read).
 */
function checkTargets(targets: Tensor, lengths: readonly number[], batch: number, C: number): void {
  if (targets.dim() !== 1 && targets.dim() !== 2) fail(OP, 'targets', '1 to 2 dimensions', `${targets.dim()} dimensions`, ShapeError);
  if (!isIntegralDType(targets.dtype)) fail(OP, 'targets', 'integer labels (an integral tensor, as PyTorch)', `dtype ${targets.dtype}`, DTypeError);
  const rows: number[][] = [];
  const values = targets.device === 'cpu' ? Array.from(readValues(targets), Math.trunc) : null;
  if (targets.dim() === 1) {
    const total = lengths.reduce((a, b) => a + b, 0);
    if (targets.shape[0] !== total) fail(OP, 'targets', `size ${total} at dimension 0 (the sum of target_lengths)`, `size ${targets.shape[0]}`, ShapeError);
    let at = 0;
    for (const n of lengths) {
      if (values !== null) rows.push(values.slice(at, at + n));
      at += n;
    }
  } else {
    const [rowsN, width] = targets.shape;
    if (rowsN !== batch) fail(OP, 'targets', `size ${batch} at dimension 0 (the batch size)`, `size ${rowsN}`, ShapeError);
    const longest = Math.max(0, ...lengths);
    if (width < longest) fail(OP, 'targets', `size at least ${longest} at dimension 1 (the longest target)`, `size ${width}`, ShapeError);
    if (values !== null) lengths.forEach((n, b) => rows.push(values.slice(b * width, b * width + n)));
  }
  rows.forEach((row, b) =>
    row.forEach((v, i) => {
      // PyTorch reads out of bounds here; torchlet refuses
      if (v < 0 || v >= C) fail(OP, 'targets', `labels in [0, ${C - 1}]`, `${v} at position ${i} of sample ${b}`, IndexError);
    }),
  );
}

/**
 * Connectionist temporal classification loss, as `torch.nn.functional.ctc_loss` (PyTorch 1.13):
 * `logProbs` (T, N, C) or unbatched (T, C), log-probabilities (e.g. logSoftmax over C); `targets`
 * padded (N, S) or concatenated 1-d; per sample its input and target length. The loss of a sample is
 * -log(sum over alignments of prod_t p_t(a_t)); infinite where no alignment fits its input length.
 * The gradient is PyTorch's: exp(lp) - exp(log(alpha beta) + nll - lp) per frame and class, which
 * assumes normalized log-probabilities (the exp(lp) term cancels through logSoftmax).
 * Unlike PyTorch (which reads memory out of bounds), negative lengths, input lengths of 0 and labels
 * outside [0, C) are refused. The recursions run on logProbs' device (Backend.ctcLossForward /
 * ctcLossBackward); the lengths size that work on the host, so on a device they must be arrays of
 * numbers or CPU tensors. A device's targets are not read synchronously: a label outside [0, C) there
 * is skipped by the kernel and reported at the next read (as its index errors).
 *
 * @pytorch torch.nn.functional.ctc_loss
 * @example
 * ```ts
 * const logProbs = randn([6, 2, 4]).logSoftmax(2); // (T, N, C), class 0 is the blank
 * const targets = tensor([[1, 2, 3], [2, 2, 0]]); // (N, S), padded
 * const loss = ctcLoss(logProbs, targets, [6, 5], [3, 2]);
 * ```
 */
export function ctcLoss(
  logProbs: Tensor,
  targets: Tensor,
  inputLengths: CtcLengths,
  targetLengths: CtcLengths,
  options: CTCLossOptions = {},
): Tensor {
  const { blank, reduction, zeroInfinity } = withDefaults(OP, CTC_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkTensor(OP, 'logProbs', logProbs);
  checkTensor(OP, 'targets', targets);
  if (logProbs.dtype !== 'float32' && logProbs.dtype !== 'float64') fail(OP, 'logProbs', 'a floating tensor (float32 or float64)', `dtype ${logProbs.dtype}`, DTypeError);
  if (logProbs.dim() !== 2 && logProbs.dim() !== 3) fail(OP, 'logProbs', '(T, N, C) or unbatched (T, C)', `${logProbs.dim()} dimensions`, ShapeError);
  if (typeof zeroInfinity !== 'boolean') fail(OP, 'zeroInfinity', 'a boolean', describeValue(zeroInfinity));
  if ((inputLengths instanceof Tensor) !== (targetLengths instanceof Tensor)) {
    fail(OP, 'targetLengths', `the same kind as inputLengths (both tensors or both arrays, as PyTorch's overloads)`, describeValue(targetLengths));
  }
  const batched = logProbs.dim() === 3;
  const x = batched ? logProbs : logProbs.unsqueeze(1);
  const [T, N, C] = x.shape;
  if (!Number.isInteger(blank) || blank < 0 || blank >= C) fail(OP, 'blank', `an integer in the label range [0, ${C - 1}]`, String(blank), ValueError);
  const inLens = lengthsOf('inputLengths', inputLengths, x.device);
  const tgLens = lengthsOf('targetLengths', targetLengths, x.device);
  checkLengths('inputLengths', inLens, N, 1, T, 'at least 1 and at most T');
  checkLengths('targetLengths', tgLens, N, 0, Number.MAX_SAFE_INTEGER, 'not negative');
  checkTargets(targets, tgLens, N, C);
  if (targets.device !== x.device) fail(OP, 'targets', `a tensor on logProbs' device '${x.device}'`, `a tensor on '${targets.device}'`);
  let loss = fusedOp('CtcLoss', [x], () => {
    const forward = ctcLossForward(x, targets, inLens, tgLens, blank);
    return {
      output: forward.nll,
      backward: (grad, needs) => [needs[0] ? ctcLossBackward(forward, grad, zeroInfinity) : null],
      // with createGraph: the same gradient, whose own derivative is refused (PyTorch 1.13 has none)
      differentiableBackward: (grad, [xd], needs) => [
        needs[0] ? refuseSecondDerivative('_ctc_loss_backward', ctcLossBackward(forward, grad.detach(), zeroInfinity), xd as Tensor) : null,
      ],
      saved: [logProbs],
    };
  });
  loss = nameGradFn(loss, 'CtcLossBackward0');
  // PyTorch: where(res == inf, 0, res); its backward also zeroes the gradient of those samples
  if (zeroInfinity) loss = loss.where(loss.ne(Infinity), 0);
  if (r === 'mean') return loss.div(onDevice(constant(tgLens.map((n) => Math.max(n, 1)), [N], x.dtype), x.device)).mean();
  const out = reduce(loss, r);
  return batched || r !== 'none' ? out : nameGradFn(out.squeeze(0), 'SqueezeBackward1');
}
