// A tensor's place in the graph: the node that produced it (regenerated for a view after an in-place
// write to its storage), its graph edge, and the AccumulateGrad node of a leaf.
import * as core from '@torchlet/tensor-core';
import type { Tensor } from '@torchlet/tensor-core';
import { coreOps as raw, makeTensor, storageVersion } from '@torchlet/tensor-core/internal';
import { meta, metaOf } from './meta.js';
import { AccumulateGrad, FunctionNode, type Node } from './node.js';
import type { ViewInfo } from './view-tracking.js';

/** The node that produced `t` (null for leaves); a view's is regenerated after an in-place write to its storage. */
export function gradFnOf(t: Tensor): Node | null {
  const m = metaOf(t);
  if (m === null) return null;
  if (m.view !== null) refreshView(t, m.view);
  return m.fn;
}

/** Whether ops on `t` are recorded: a leaf that requires grad, or the result of a recorded op. */
export function requiresGradOf(t: Tensor): boolean {
  const m = metaOf(t);
  return m !== null && (m.requiresGrad || gradFnOf(t) !== null);
}

/**
 * Replace `t`'s history (an in-place op, a view regenerated after a write to its storage): a
 * retainGrad hook moves to the new node, as in PyTorch.
 */
export function setHistory(t: Tensor, fn: Node | null): void {
  const m = meta(t);
  const hook = m.retainHook;
  const hooks = m.fn?.hooks;
  if (hook !== null && hooks) {
    const i = hooks.indexOf(hook);
    if (i >= 0) hooks.splice(i, 1);
  }
  m.fn = fn;
  if (hook !== null && fn !== null) (fn.hooks ??= []).push(hook);
}

/** The AccumulateGrad node of leaf `t`, created on first use. */
export function accumulateNode(t: Tensor): AccumulateGrad {
  const m = meta(t);
  return (m.acc ??= new AccumulateGrad(t));
}

/** The graph edge of an input: its gradFn, its AccumulateGrad node, or null. */
export function edgeOf(x: Tensor | number | null | undefined): Node | null {
  if (x === null || x === undefined || typeof x === 'number') return null;
  const fn = gradFnOf(x);
  if (fn !== null) return fn;
  return metaOf(x)?.requiresGrad === true ? accumulateNode(x) : null;
}

/** Regenerate a view's gradFn after an in-place write to its storage. */
function refreshView(t: Tensor, info: ViewInfo): void {
  const now = storageVersion(t);
  if (now === info.version) return;
  info.version = now;
  if (info.noGrad) return;
  const e = edgeOf(info.base);
  setHistory(t, e === null ? null : asStridedNode(t, info.base, e));
}

/** AsStridedBackward0: the gradient of a view, scattered into its base's shape. */
export function asStridedNode(view: Tensor, base: Tensor, baseEdge: Node): FunctionNode<'asStrided'> {
  const index = positionsInBase(view, base);
  return new FunctionNode('asStrided', [baseEdge], { index, baseShape: base.shape }, view.shape, view.dtype);
}

/**
 * For each element of `view` (row-major), the row-major index of the element of `base` at the same
 * storage position (a 1-D int64 tensor): write each base element's index at its storage position,
 * then read those positions through the view's strides.
 */
export function positionsInBase(view: Tensor, base: Tensor): Tensor {
  return positionsOnCpu(view, base).to(view.device);
}

/** `positionsInBase` on the CPU, whatever the views' device (computed from the strides alone). */
export function positionsOnCpu(view: Tensor, base: Tensor): Tensor {
  const labels = new Float64Array(base.storage?.length ?? base.data.length);
  const indices = raw.reshape(core.arange(base.numel(), undefined, undefined, { dtype: 'float64' }), base.shape);
  raw.copy_(makeTensor(labels, base.shape, 'float64', base.strides, base.offset), indices);
  const positions = raw.to(makeTensor(labels, view.shape, 'float64', view.strides, view.offset), 'int64');
  return raw.flatten(positions, 0, -1);
}

/**
 * Show `t`'s grad_fn under PyTorch's name for the op that made it (`NllLossBackward0`), where
 * torchlet records that op as several nodes (or one custom node) whose last one would show another
 * name. Only the display name changes. Returns `t`.
 */
export function nameGradFn<T extends Tensor>(t: T, name: string): T {
  const fn = gradFnOf(t);
  if (fn !== null) fn.nameOverride = name;
  return t;
}
