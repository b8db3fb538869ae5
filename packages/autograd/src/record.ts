// Recording: wrap a core result and, when an input requires grad and grad mode is on, attach a
// FunctionNode. Ops check `recording*` first so that nothing is allocated when nothing is recorded.
import * as core from '@torchlet/tensor-core';
import { storageVersion } from '@torchlet/tensor-core/internal';
import { isGradEnabled } from './grad-mode.js';
import { FunctionNode, type Node, type SavedVersions } from './node.js';
import { rules, type PrimitiveName, type SavedState } from './rules/index.js';
import { OUTPUT, type GradRule } from './rules/types.js';
import { Tensor, type TensorOrScalar } from './tensor.js';

/** A core tensor as an autograd tensor that requires no grad. */
export function wrap(value: core.Tensor): Tensor {
  return new Tensor(value, null, false);
}

/** The core operand of an autograd operand (numbers pass through). */
export function unwrap(x: TensorOrScalar): core.Tensor | number {
  return typeof x === 'number' ? x : x.value;
}

function req(x: TensorOrScalar | null | undefined): boolean {
  return x instanceof Tensor && (x._requiresGrad || x._gradFn !== null);
}

/** Whether an op with this input is recorded. */
export function recording1(a: Tensor): boolean {
  return (a._requiresGrad || a._gradFn !== null) && isGradEnabled();
}

/** Whether an op with these inputs is recorded. */
export function recording2(a: TensorOrScalar, b: TensorOrScalar): boolean {
  return (req(a) || req(b)) && isGradEnabled();
}

/** Whether an op with any of these inputs is recorded. */
export function recordingN(inputs: readonly (TensorOrScalar | null | undefined)[]): boolean {
  if (!isGradEnabled()) return false;
  for (const x of inputs) if (req(x)) return true;
  return false;
}

/** The graph edge of an input: its gradFn, its AccumulateGrad node, or null. */
export function edgeOf(x: TensorOrScalar | null | undefined): Node | null {
  if (!(x instanceof Tensor)) return null;
  if (x._gradFn !== null) return x._gradFn;
  return x._requiresGrad ? x._accumulateNode() : null;
}

/**
 * Record primitive `op` producing `out` from `inputs` (edges in order; numbers and tensors that
 * need no grad get null edges) with the rule's saved state. Callers check `recording*` first.
 * Non-floating outputs are never differentiable and are returned unrecorded.
 */
export function record<P extends PrimitiveName>(
  op: P,
  out: core.Tensor,
  inputs: readonly (TensorOrScalar | null | undefined)[],
  saved: SavedState[P],
): Tensor {
  if (out.dtype !== 'float32' && out.dtype !== 'float64') return wrap(out);
  const next = new Array<Node | null>(inputs.length);
  for (let i = 0; i < inputs.length; i++) next[i] = edgeOf(inputs[i]);
  const node = new FunctionNode(op, next, saved, out.shape, out.dtype);
  const versioned = (rules()[op] as GradRule<SavedState[P]>).versioned;
  if (versioned !== undefined) node.savedVersions = versionsOf(versioned(saved, next).map((v) => (v === OUTPUT ? out : v)));
  return new Tensor(out, node, false);
}

/** The tensors among `items` (autograd or core; others skipped) with their storage versions now. */
function versionsOf(items: readonly unknown[]): SavedVersions | null {
  const found: Array<readonly [core.Tensor, number]> = [];
  for (const v of items) {
    const t = v instanceof Tensor ? v.value : v instanceof core.Tensor ? v : null;
    if (t !== null) found.push([t, storageVersion(t)]);
  }
  return found.length === 0 ? null : found;
}
