// The autograd state of a tensor, kept in its `_ag` slot (PyTorch's AutogradMeta): created the first
// time a tensor requires grad, is produced by a recorded op, or is marked as a view.
import { keep, type Tensor } from '@torchlet/tensor-core';
import type { AccumulateGrad, Node, TensorHook } from './node.js';
import type { ViewInfo } from './view-tracking.js';

export class AutogradMeta {
  /** The node that produced the tensor (null for leaves); read it through `gradFnOf` (views refresh it). */
  fn: Node | null = null;
  /** Set on a view of another tensor's storage (see view-tracking.ts). */
  view: ViewInfo | null = null;
  /** requires_grad of a leaf. */
  requiresGrad = false;
  private gradTensor: Tensor | null = null;
  /** Accumulated gradient (leaves, and non-leaves that retainGrad); kept when a `scope()` ends. */
  get grad(): Tensor | null {
    return this.gradTensor;
  }
  set grad(g: Tensor | null) {
    this.gradTensor = g === null ? null : keep(g);
  }
  /** The AccumulateGrad node of a leaf, created on first use. */
  acc: AccumulateGrad | null = null;
  /** The hook retainGrad() put on this non-leaf's node (it follows the history: `setHistory`). */
  retainHook: TensorHook | null = null;
}

/** The tensor's autograd state, or null when it has none yet. */
export function metaOf(t: Tensor): AutogradMeta | null {
  return t._ag as AutogradMeta | null;
}

/** The tensor's autograd state, created on first use. */
export function meta(t: Tensor): AutogradMeta {
  return (t._ag as AutogradMeta | null) ?? (t._ag = new AutogradMeta()) as AutogradMeta;
}
