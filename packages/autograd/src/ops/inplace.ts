// In-place ops. Without recording (noGrad, or nothing requires grad) they run tensor-core's kernel.
// With recording, PyTorch's rules: a leaf that requires grad (or a view of one) throws; otherwise the
// op is recorded out of place on a snapshot of the old values, the result is written into the tensor,
// and the tensor's history is rebased onto the new node. On a view, the base's history is rebased
// onto CopySlices and the view's onto AsStridedBackward0 of it (view-tracking.ts).
import { ShapeError, TorchletError, type AlphaOptions, type Generator, type Tensor, type TensorOrScalar } from '@torchlet/tensor-core';
import { coreOps as raw, checkNoInternalOverlap, formatShape, isTensor } from '@torchlet/tensor-core/internal';
import { isGradEnabled } from '../grad-mode.js';
import { edgeOf, gradFnOf, requiresGradOf, setHistory } from '../history.js';
import { meta, metaOf } from '../meta.js';
import { record } from '../record.js';
import { sameShape } from '../util.js';
import { checkViewWrite, rebaseBase } from '../view-tracking.js';
import * as ew from './elementwise.js';
import { floatUnaryOps } from './float-unary.js';
import { maskedFill } from './indexing.js';

const requires = (x: unknown): boolean => isTensor(x) && requiresGradOf(x);

/** Whether this in-place op must be recorded (throws where PyTorch does). */
function mustRecord(x: Tensor, op: string, a?: TensorOrScalar, b?: TensorOrScalar, c?: TensorOrScalar): boolean {
  if (!isGradEnabled()) return false;
  const view = metaOf(x)?.view ?? null;
  // a view of a base that requires grad counts as requiring grad here, even one made under noGrad or
  // before the base was set to require grad (PyTorch's rule)
  const self = requiresGradOf(x) || (view !== null && requiresGradOf(view.base));
  if (!self && !requires(a) && !requires(b) && !requires(c)) return false;
  if (view !== null) checkViewWrite(x, view, op);
  else if (self && gradFnOf(x) === null) {
    throw new TorchletError(
      `${op}(): a leaf Variable that requires grad is being used in an in-place operation. ` +
        'Wrap parameter updates in noGrad(() => ...), or use the out-of-place op.',
    );
  }
  return true;
}

/** Record `compute(old)` and write it into x: x's history (and a view's base's) moves to the new node. */
function rebase(x: Tensor, op: string, compute: (old: Tensor) => Tensor): void {
  checkNoInternalOverlap(op, x); // before computing: the error names this op, not the copy back
  const view = metaOf(x)?.view ?? null;
  // the base's history before the write (a view's own gradFn is regenerated from it when stale)
  const baseEdge = view === null ? null : edgeOf(view.base);
  // The snapshot keeps the old values (saved by the new node) and x's old history.
  const old = raw.clone(x);
  meta(old).fn = gradFnOf(x);
  const r = compute(old);
  if (!sameShape(r.shape, x.shape)) {
    throw new ShapeError(
      `${op}(): output with shape ${formatShape(x.shape)} doesn't match the broadcast shape ${formatShape(r.shape)}`,
    );
  }
  raw.copy_(x, r);
  if (view === null) setHistory(x, gradFnOf(r));
  else rebaseBase(x, view, baseEdge, r);
}

/** Overwrite ops (fill_, zero_, random fills): the old values get a zero gradient. */
function overwrite(x: Tensor, op: string, run: () => void): void {
  if (!mustRecord(x, op)) {
    run();
    return;
  }
  rebase(x, op, (old) => {
    run();
    return record('fill', raw.clone(x), [old], null);
  });
}

export function add_(x: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor {
  if (!mustRecord(x, 'add_', other)) raw.add_(x, other, options);
  else rebase(x, 'add_', (old) => ew.add(old, other, options));
  return x;
}
export function sub_(x: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor {
  if (!mustRecord(x, 'sub_', other)) raw.sub_(x, other, options);
  else rebase(x, 'sub_', (old) => ew.sub(old, other, options));
  return x;
}
export function mul_(x: Tensor, other: TensorOrScalar): Tensor {
  if (!mustRecord(x, 'mul_', other)) raw.mul_(x, other);
  else rebase(x, 'mul_', (old) => ew.mul(old, other));
  return x;
}
export function div_(x: Tensor, other: TensorOrScalar): Tensor {
  if (!mustRecord(x, 'div_', other)) raw.div_(x, other);
  else rebase(x, 'div_', (old) => ew.div(old, other));
  return x;
}
export function pow_(x: Tensor, exponent: TensorOrScalar): Tensor {
  if (!mustRecord(x, 'pow_', exponent)) raw.pow_(x, exponent);
  else rebase(x, 'pow_', (old) => ew.pow(old, exponent));
  return x;
}
/** x += value * t1 * t2 */
export function addcmul_(x: Tensor, t1: Tensor, t2: Tensor, value: number): Tensor {
  if (!mustRecord(x, 'addcmul_', t1, t2)) raw.addcmul_(x, t1, t2, value);
  else rebase(x, 'addcmul_', (old) => ew.add(old, ew.mul(t1, t2), { alpha: value }));
  return x;
}
/** x += value * t1 / t2 */
export function addcdiv_(x: Tensor, t1: Tensor, t2: Tensor, value: number): Tensor {
  if (!mustRecord(x, 'addcdiv_', t1, t2)) raw.addcdiv_(x, t1, t2, value);
  else rebase(x, 'addcdiv_', (old) => ew.add(old, ew.div(t1, t2), { alpha: value }));
  return x;
}
/** x += weight * (end - x) */
export function lerp_(x: Tensor, end: Tensor, weight: TensorOrScalar): Tensor {
  if (!mustRecord(x, 'lerp_', end, weight)) raw.lerp_(x, end, weight);
  else rebase(x, 'lerp_', (old) => ew.add(old, ew.mul(ew.sub(end, old), weight)));
  return x;
}
export function maximum_(x: Tensor, other: Tensor): Tensor {
  if (!mustRecord(x, 'maximum_', other)) raw.maximum_(x, other);
  else rebase(x, 'maximum_', (old) => ew.maximum(old, other));
  return x;
}
export function neg_(x: Tensor): Tensor {
  if (!mustRecord(x, 'neg_')) raw.neg_(x);
  else rebase(x, 'neg_', (old) => ew.neg(old));
  return x;
}
export function sqrt_(x: Tensor): Tensor {
  if (!mustRecord(x, 'sqrt_')) raw.sqrt_(x);
  else rebase(x, 'sqrt_', (old) => floatUnaryOps.sqrt(old));
  return x;
}
export function exp_(x: Tensor): Tensor {
  if (!mustRecord(x, 'exp_')) raw.exp_(x);
  else rebase(x, 'exp_', (old) => floatUnaryOps.exp(old));
  return x;
}
export function clamp_(x: Tensor, min?: number, max?: number): Tensor {
  if (!mustRecord(x, 'clamp_')) raw.clamp_(x, min, max);
  else rebase(x, 'clamp_', (old) => ew.clamp(old, min, max));
  return x;
}
export function maskedFill_(x: Tensor, mask: Tensor, value: number): Tensor {
  if (!mustRecord(x, 'maskedFill_')) raw.maskedFill_(x, mask, value);
  else rebase(x, 'maskedFill_', (old) => maskedFill(old, mask, value));
  return x;
}
/** Copy `src` (broadcast, converted to x's dtype) into x: gradient to src, zero to x's old values. */
export function copy_(x: Tensor, src: Tensor): Tensor {
  if (!mustRecord(x, 'copy_', src)) {
    raw.copy_(x, src);
    return x;
  }
  rebase(x, 'copy_', (old) => {
    const copied = raw.clone(old);
    raw.copy_(copied, src);
    return record('copy', copied, [old, src], { srcShape: src.shape, srcDtype: src.dtype });
  });
  return x;
}
export function fill_(x: Tensor, value: number): Tensor {
  overwrite(x, 'fill_', () => raw.fill_(x, value));
  return x;
}
export function zero_(x: Tensor): Tensor {
  overwrite(x, 'zero_', () => raw.zero_(x));
  return x;
}
export function uniform_(x: Tensor, from: number, to: number, generator?: Generator): Tensor {
  overwrite(x, 'uniform_', () => raw.uniform_(x, from, to, generator));
  return x;
}
export function normal_(x: Tensor, mean: number, std: number, generator?: Generator): Tensor {
  overwrite(x, 'normal_', () => raw.normal_(x, mean, std, generator));
  return x;
}
export function bernoulli_(x: Tensor, p: number, generator?: Generator): Tensor {
  overwrite(x, 'bernoulli_', () => raw.bernoulli_(x, p, generator));
  return x;
}
