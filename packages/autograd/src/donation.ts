// Gradient donation: a backward rule that computed a fresh gradient hands its storage over, so that
// the leaf it reaches keeps it as .grad without a copy (PyTorch's AccumulateGrad steals a gradient
// nobody else references).
import type { Tensor } from '@torchlet/tensor-core';
import { isGradEnabled } from './grad-mode.js';

/**
 * Storages of donated gradients, keyed by the storage so that views of a donated result (a
 * transpose's backward, a reshape) stay donated; each storage is taken at most once.
 */
const donated = new WeakSet<object>();

/**
 * Mark a freshly computed gradient's storage as owned by nobody else, so that the first leaf it
 * reaches keeps it (or a contiguous view of it) as its `grad` instead of a copy. The producer must
 * not keep, reuse or hand out the storage again. Only a plain backward donates: with grad mode on
 * (createGraph) the gradient may be saved by the graph being built, and outside a backward (a
 * helper called in user code under noGrad) the result may be anyone's. Returns `t`.
 */
export function donateGradient(t: Tensor): Tensor {
  if (backwardDepth > 0 && !isGradEnabled()) donated.add(t.storage ?? t.data);
  return t;
}

/** Backward passes running now (a hook may start another). */
let backwardDepth = 0;

/** Run one backward pass: donations count only inside. */
export function duringBackward<T>(fn: () => T): T {
  backwardDepth++;
  try {
    return fn();
  } finally {
    backwardDepth--;
  }
}

/** True, once, when `t`'s storage was donated: the caller now owns it. */
export function takeDonated(t: Tensor): boolean {
  return donated.delete(t.storage ?? t.data);
}

/** Someone else may now hold `t` (a hook's argument, a grad() result): a leaf must copy it. */
export function undonate(t: Tensor): void {
  donated.delete(t.storage ?? t.data);
}
