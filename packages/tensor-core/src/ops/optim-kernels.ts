// The ops over the optim kernels, for @torchlet/optim (exported from ./internal): fused, in-place
// SGD and Adam / AdamW steps, the same bits as torch.optim's single-tensor updates composed of
// in-place ops (one backend call and one pass over memory instead of about ten).
import { getBackend } from '../backend/registry.js';
import type { AdamKernelOptions, SgdKernelOptions } from '../backend/kernels/optim.js';
import { castScalar } from '../dtype.js';
import { DTypeError, ShapeError, ValueError, argError, formatShape } from '../errors.js';
import { numel, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { bumpStorageVersion } from '../version.js';
import { assertNumber, assertTensor, contiguousCopy, emptyTensor, requireFloating } from './helpers.js';

export type { AdamKernelOptions, SgdKernelOptions } from '../backend/kernels/optim.js';

/** torch.optim.SGD's hyper-parameters (PyTorch's defaults: 0 and false). */
export interface SgdUpdateOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
  maximize?: boolean;
}

/** torch.optim.Adam's hyper-parameters, and the step being taken (1 for the first). */
export interface AdamUpdateOptions {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  weightDecay?: number;
  /** AdamW: param = param * (1 - lr * weightDecay) instead of L2 (g = g + weightDecay * param). */
  decoupledWeightDecay?: boolean;
  maximize?: boolean;
  /** The step count including this step (an integer >= 1); the bias corrections use it. */
  step: number;
}

/**
 * One SGD step in place (torch.optim.sgd's single-tensor update), fused: with g = maximize ? -grad :
 * grad, g = g + weightDecay * param; with momentum != 0, buf = momentum * buf + (1 - dampening) * g
 * (buf = g on the first step) and g = nesterov ? g + momentum * buf : buf; then param = param - lr * g.
 * `momentumBuffer` is the buffer from the previous step or null before the first; the buffer is
 * returned (a new one on the first step with momentum, the given one, possibly null, without momentum).
 * Same bits as the composed in-place ops. grad and the buffer match param's shape and floating dtype;
 * any strides.
 */
export function sgdUpdate_(param: Tensor, grad: Tensor, momentumBuffer: Tensor | null, options: SgdUpdateOptions): Tensor | null {
  const op = 'sgdUpdate_';
  checkParamAndGrad(op, param, grad);
  const momentum = optionNumber(op, 'momentum', options.momentum);
  const dampening = optionNumber(op, 'dampening', options.dampening);
  const weightDecay = optionNumber(op, 'weightDecay', options.weightDecay);
  assertNumber(op, 'lr', options.lr);
  const dtype = param.dtype;
  let buf: Tensor | null = null;
  let firstStep = false;
  if (momentum !== 0) {
    if (momentumBuffer === null) {
      // PyTorch's first step: buf = clone(g)
      buf = emptyTensor(param.shape, dtype, true, param);
      firstStep = true;
    } else {
      checkState(op, 'momentumBuffer', momentumBuffer, param);
      buf = momentumBuffer;
    }
  }
  const written: Array<[string, Tensor]> = [['param', param]];
  if (buf !== null && !firstStep) written.push(['momentumBuffer', buf]);
  checkDisjoint(op, grad, written);
  const g = gradBeforeStep(grad, param);
  const negLr = castScalar(-options.lr, dtype);
  if (buf === null && weightDecay === 0) {
    // plain SGD is one add, p = p + (-lr) * (+-g) = p + (+-(-lr)) * g (negation is exact): the
    // backend's add kernel, which a backend may have faster than its general sgdUpdate
    getBackend().binary('add', param, g, param, options.maximize === true ? -negLr : negLr);
    bumpStorageVersion(param);
    return momentumBuffer;
  }
  const kernelOptions: SgdKernelOptions = {
    negLr,
    weightDecay: weightDecay !== 0 ? castScalar(weightDecay, dtype) : null,
    momentum: castScalar(momentum, dtype),
    oneMinusDampening: castScalar(1 - dampening, dtype),
    nesterov: options.nesterov === true,
    maximize: options.maximize === true,
    firstStep,
  };
  getBackend().sgdUpdate(param, g, buf, kernelOptions);
  for (const [, t] of written) bumpStorageVersion(t);
  return momentum !== 0 ? buf : momentumBuffer;
}

/**
 * One Adam / AdamW step in place (torch.optim.adam / adamw's single-tensor update), fused: with
 * g = maximize ? -grad : grad, then param = param * (1 - lr * weightDecay) (decoupled) or
 * g = g + weightDecay * param (L2); m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2; with
 * amsgrad (`maxExpAvgSq` given) vmax = max(vmax, v) replaces v; then
 * param = param - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps).
 * Same bits as the composed in-place ops. grad and the state tensors match param's shape and
 * floating dtype; any strides.
 */
export function adamUpdate_(
  param: Tensor,
  grad: Tensor,
  expAvg: Tensor,
  expAvgSq: Tensor,
  maxExpAvgSq: Tensor | null,
  options: AdamUpdateOptions,
): void {
  const op = 'adamUpdate_';
  checkParamAndGrad(op, param, grad);
  checkState(op, 'expAvg', expAvg, param);
  checkState(op, 'expAvgSq', expAvgSq, param);
  if (maxExpAvgSq !== null) checkState(op, 'maxExpAvgSq', maxExpAvgSq, param);
  const { lr, eps, step } = options;
  assertNumber(op, 'lr', lr);
  assertNumber(op, 'eps', eps);
  assertNumber(op, 'step', step);
  if (!Array.isArray(options.betas) || options.betas.length !== 2) argError(op, 'betas', 'a pair of numbers', String(options.betas), ValueError);
  const [beta1, beta2] = options.betas;
  assertNumber(op, 'betas[0]', beta1);
  assertNumber(op, 'betas[1]', beta2);
  if (!Number.isInteger(step) || step < 1) argError(op, 'step', 'an integer >= 1 (the step being taken)', String(step), ValueError);
  const weightDecay = optionNumber(op, 'weightDecay', options.weightDecay);
  const decoupled = options.decoupledWeightDecay === true;
  const written: Array<[string, Tensor]> = [['param', param], ['expAvg', expAvg], ['expAvgSq', expAvgSq]];
  if (maxExpAvgSq !== null) written.push(['maxExpAvgSq', maxExpAvgSq]);
  checkDisjoint(op, grad, written);
  const dtype = param.dtype;
  let decay = weightDecay !== 0 && decoupled ? castScalar(1 - lr * weightDecay, dtype) : null;
  if (decay !== null && options.maximize !== true && mayOverlap(grad, param)) {
    // the composed step reads grad (unless maximize negated it into a new tensor) after decaying
    // param: a grad over param's memory sees the decay
    getBackend().binaryScalar('mul', param, decay, param, false);
    decay = null;
  }
  const g = gradBeforeStep(grad, param);
  // bias corrections in doubles: bc1 = 1 - beta1^t, bc2 = 1 - beta2^t
  const bc1 = 1 - beta1 ** step;
  const bc2 = 1 - beta2 ** step;
  const kernelOptions: AdamKernelOptions = {
    beta1: castScalar(beta1, dtype),
    oneMinusBeta1: castScalar(1 - beta1, dtype),
    beta2: castScalar(beta2, dtype),
    oneMinusBeta2: castScalar(1 - beta2, dtype),
    eps: castScalar(eps, dtype),
    weightDecay: weightDecay !== 0 && !decoupled ? castScalar(weightDecay, dtype) : null,
    decay,
    biasCorrection2Sqrt: castScalar(Math.sqrt(bc2), dtype),
    stepSize: castScalar(-(lr / bc1), dtype),
    maximize: options.maximize === true,
  };
  getBackend().adamUpdate(param, g, expAvg, expAvgSq, maxExpAvgSq, kernelOptions);
  for (const [, t] of written) bumpStorageVersion(t);
}

/** An optional number option (0 when omitted). */
function optionNumber(op: string, name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  assertNumber(op, name, value);
  return value;
}

function checkParamAndGrad(op: string, param: Tensor, grad: Tensor): void {
  assertTensor(op, 'param', param);
  assertTensor(op, 'grad', grad);
  requireFloating(op, 'param', param);
  checkWritable(op, 'param', param);
  checkLike(op, 'grad', grad, param);
}

/** A state tensor: param's shape and dtype, written in place. */
function checkState(op: string, argument: string, t: Tensor, param: Tensor): void {
  assertTensor(op, argument, t);
  checkLike(op, argument, t, param);
  checkWritable(op, argument, t);
}

function checkLike(op: string, argument: string, t: Tensor, param: Tensor): void {
  if (t.dtype !== param.dtype) argError(op, argument, `dtype ${param.dtype} (param's dtype)`, `dtype ${t.dtype}`, DTypeError);
  if (!shapesEqual(t.shape, param.shape)) {
    argError(op, argument, `shape ${formatShape(param.shape)} (param's shape)`, `shape ${formatShape(t.shape)}`, ShapeError);
  }
}

/** A written tensor must not have internal overlap (an expanded dim), as for every in-place op. */
function checkWritable(op: string, argument: string, t: Tensor): void {
  if (numel(t.shape) === 0) return;
  for (let d = 0; d < t.shape.length; d++) {
    if (t.strides[d] === 0 && t.shape[d] > 1) {
      argError(
        op,
        argument,
        'a tensor whose elements occupy distinct memory (more than one element of the written-to tensor refers to a single memory location; clone() it first)',
        `shape ${formatShape(t.shape)} with strides ${formatShape(t.strides)}`,
        ValueError,
      );
    }
  }
}

/**
 * The written tensors (param first) must not share memory with each other, nor grad with the state
 * tensors: their updates would mix.
 */
function checkDisjoint(op: string, grad: Tensor, written: ReadonlyArray<readonly [string, Tensor]>): void {
  for (let i = 1; i < written.length; i++) {
    for (let j = 0; j < i; j++) {
      if (mayOverlap(written[i][1], written[j][1])) {
        argError(op, written[i][0], `a tensor that shares no memory with ${written[j][0]}`, 'a tensor over the same memory', ValueError);
      }
    }
    if (mayOverlap(grad, written[i][1])) {
      argError(op, 'grad', `a tensor that shares no memory with ${written[i][0]}`, 'a tensor over the same memory', ValueError);
    }
  }
}

/** A grad over param's memory is copied first: the composed ops read it as it was before the step. */
function gradBeforeStep(grad: Tensor, param: Tensor): Tensor {
  return mayOverlap(grad, param) ? contiguousCopy(grad) : grad;
}

/** Element range [first, last] a non-empty view touches in its storage (any strides). */
function elementSpan(t: Tensor): [number, number] {
  let lo = t.offset;
  let hi = t.offset;
  for (let d = 0; d < t.shape.length; d++) {
    const reach = (t.shape[d] - 1) * t.strides[d];
    if (reach < 0) lo += reach;
    else hi += reach;
  }
  return [lo, hi];
}

/** Byte range [first, last] a non-empty view touches (any strides). */
function byteSpan(t: Tensor): [number, number] {
  const [lo, hi] = elementSpan(t);
  const size = t.data.BYTES_PER_ELEMENT;
  return [t.data.byteOffset + lo * size, t.data.byteOffset + hi * size + size - 1];
}

/** True when two views may touch the same memory (their byte ranges in one buffer intersect). */
function mayOverlap(a: Tensor, b: Tensor): boolean {
  if (numel(a.shape) === 0 || numel(b.shape) === 0) return false;
  if (a.storage !== null || b.storage !== null) {
    // on a device: one storage, and element ranges that intersect
    if (a.storage !== b.storage) return false;
    const [alo, ahi] = elementSpan(a);
    const [blo, bhi] = elementSpan(b);
    return alo <= bhi && blo <= ahi;
  }
  if (a.data.buffer !== b.data.buffer) return false;
  const [alo, ahi] = byteSpan(a);
  const [blo, bhi] = byteSpan(b);
  return alo <= bhi && blo <= ahi;
}

