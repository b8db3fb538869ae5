// Class-index targets: the (N, C, d1, ..., dk) layout shared by crossEntropy, nllLoss and the
// softmax focal loss, and PyTorch's checks on target shape, dtype and range.
import { DTypeError, IndexError, ShapeError, ValueError, type Tensor } from '@torchlet/tensor-core';
import { checkSameDType, checkTensor, fail, formatShape, numelOf, readValues } from '../common.js';

/** input (C), (N, C) or (N, C, d1, ..., dk) seen as [N, C, S] with S = d1 * ... * dk. */
export interface ClassLayout {
  readonly n: number;
  readonly c: number;
  readonly s: number;
  /** Shape of the 'none' result: [] for (C) input, else [N, d1, ..., dk]. */
  readonly outShape: readonly number[];
  /** Dim of the classes: 0 for (C) input, else 1. */
  readonly classDim: number;
}

/** The [N, C, S] layout of `input`, checking that `targetShape` is [N, d1, ..., dk] (or [] for (C) input). */
export function classLayout(op: string, input: readonly number[], targetShape: readonly number[]): ClassLayout {
  if (input.length === 0) fail(op, 'input', 'a tensor of shape (C), (N, C) or (N, C, d1, ..., dk)', 'a 0-d tensor', ShapeError);
  if (input.length === 1) {
    if (targetShape.length !== 0) {
      fail(op, 'target', `a 0-d class index for input of shape ${formatShape(input)}`, `shape ${formatShape(targetShape)}`, ShapeError);
    }
    return { n: 1, c: input[0], s: 1, outShape: [], classDim: 0 };
  }
  const n = input[0];
  const spatial = input.slice(2);
  if (targetShape.length === 0 || targetShape[0] !== n) {
    fail(op, 'target', `batch size ${n} (the input's first dim)`,
      `shape ${formatShape(targetShape)} (input shape ${formatShape(input)})`, ShapeError);
  }
  const expected = [n, ...spatial];
  if (targetShape.length !== expected.length || targetShape.some((d, i) => d !== expected[i])) {
    fail(op, 'target', `shape ${formatShape(expected)} for input of shape ${formatShape(input)}`, `shape ${formatShape(targetShape)}`, ShapeError);
  }
  return { n, c: input[1], s: numelOf(spatial), outShape: expected, classDim: 1 };
}

/**
 * An int64 target shaped like the input (one-hot labels, most likely) where class indices belong:
 * say which targets the loss takes and how to get them. `probabilities`: the loss also takes class
 * probabilities shaped like the input (crossEntropy).
 */
export function refuseOneHot(op: string, input: Tensor, target: Tensor, probabilities: boolean): void {
  if (input.ndim === 0 || target.dtype !== 'int64' || !shapesMatch(input.shape, target.shape)) return;
  const classDim = input.ndim === 1 ? 0 : 1;
  const indexShape = input.ndim === 1 ? [] : [input.shape[0], ...input.shape.slice(2)];
  const expected = probabilities
    ? `class indices (int64) of shape ${formatShape(indexShape)} or class probabilities (float32 / float64) of the input's shape ${formatShape(input.shape)}`
    : `class indices (int64) of shape ${formatShape(indexShape)} for input of shape ${formatShape(input.shape)}`;
  const fix = probabilities
    ? `pass target.argmax(${classDim}) as class indices, or target.to('${input.dtype}') as probabilities`
    : `pass target.argmax(${classDim}) as class indices`;
  fail(op, 'target', expected, `an int64 tensor of the input's shape ${formatShape(target.shape)}; for one-hot labels ${fix}`, ShapeError);
}

function shapesMatch(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The [N, C, S] layout of `input` for class-probability targets (which have the input's shape). */
export function probabilityLayout(op: string, input: readonly number[]): ClassLayout {
  if (input.length === 0) fail(op, 'input', 'a tensor of shape (C), (N, C) or (N, C, d1, ..., dk)', 'a 0-d tensor', ShapeError);
  if (input.length === 1) return { n: 1, c: input[0], s: 1, outShape: [], classDim: 0 };
  const spatial = input.slice(2);
  return { n: input[0], c: input[1], s: numelOf(spatial), outShape: [input[0], ...spatial], classDim: 1 };
}

/**
 * Class indices as doubles, checked: int64 dtype, each in [0, C) unless it equals `ignoreIndex`.
 * PyTorch raises IndexError "Target 7 is out of bounds." for the same input.
 */
export function classTargets(op: string, target: Tensor, c: number, ignoreIndex: number | null): Float64Array {
  checkClassTargetDType(op, target);
  const values = readValues(target);
  for (let i = 0; i < values.length; i++) {
    const t = values[i];
    if (t === ignoreIndex) continue;
    if (!(t >= 0 && t < c)) {
      fail(op, 'target', `class indices in [0, ${c - 1}]${ignoreIndex === null ? '' : ` or ignoreIndex ${ignoreIndex}`}`,
        `${t} at flat position ${i}`, IndexError);
    }
  }
  return values;
}

/** Class-index targets are int64. */
export function checkClassTargetDType(op: string, target: Tensor): void {
  if (target.dtype !== 'int64') {
    fail(op, 'target', 'class indices of dtype int64 (or, for crossEntropy, class probabilities shaped like input)',
      `dtype ${target.dtype} with shape ${formatShape(target.shape)}`, DTypeError);
  }
}

/**
 * A per-class weight: a 1-D tensor of C values (PyTorch: "weight tensor should be defined either for
 * all C classes"). With `input`, its dtype too: PyTorch's nll_loss and multi_margin_loss kernels
 * raise "expected scalar type Double but found Float" for a weight of another dtype.
 */
export function classWeight(
  op: string,
  weight: Tensor | null | undefined,
  c: number,
  argument = 'weight',
  input?: Tensor,
): Float64Array | null {
  if (weight === null || weight === undefined) return null;
  checkClassWeight(op, weight, c, argument, input);
  return readValues(weight);
}

/** classWeight's checks, without reading the values (a weight on a device). */
export function checkClassWeight(op: string, weight: Tensor | null | undefined, c: number, argument = 'weight', input?: Tensor): void {
  if (weight === null || weight === undefined) return;
  checkTensor(op, argument, weight);
  if (weight.shape.length !== 1 || weight.shape[0] !== c) {
    fail(op, argument, `a 1-D tensor of ${c} values (one per class)`, `shape ${formatShape(weight.shape)}`, ShapeError);
  }
  if (input !== undefined) checkSameDType(op, argument, weight, input);
}

/** `ignoreIndex` must be an integer. */
export function checkIgnoreIndex(op: string, ignoreIndex: number): void {
  if (!Number.isInteger(ignoreIndex)) fail(op, 'ignoreIndex', 'an integer', String(ignoreIndex), ValueError);
}
