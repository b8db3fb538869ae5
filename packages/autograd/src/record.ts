// Recording: when an input requires grad and grad mode is on, attach a FunctionNode to the result
// of tensor-core's op. Ops check `recording*` first so that nothing is allocated when nothing is
// recorded.
import type { Tensor, TensorOrScalar } from '@torchlet/tensor-core';
import { isTensor, makeTensor, storageVersion } from '@torchlet/tensor-core/internal';
import { isGradEnabled } from './grad-mode.js';
import { edgeOf, requiresGradOf } from './history.js';
import { meta } from './meta.js';
import { FunctionNode, type Node, type SavedVersions } from './node.js';
import { rules, type PrimitiveName, type SavedState } from './rules/index.js';
import { OUTPUT, type GradRule } from './rules/types.js';

function req(x: TensorOrScalar | null | undefined): boolean {
  return x !== null && x !== undefined && typeof x !== 'number' && requiresGradOf(x);
}

/** Whether an op with this input is recorded. */
export function recording1(a: Tensor): boolean {
  return a._ag !== null && isGradEnabled() && requiresGradOf(a);
}

/** Whether an op with these inputs is recorded. */
export function recording2(a: TensorOrScalar, b: TensorOrScalar): boolean {
  return isGradEnabled() && (req(a) || req(b));
}

/** Whether an op with any of these inputs is recorded. */
export function recordingN(inputs: readonly (TensorOrScalar | null | undefined)[]): boolean {
  if (!isGradEnabled()) return false;
  for (const x of inputs) if (req(x)) return true;
  return false;
}

/**
 * Record primitive `op` producing `out` from `inputs` (edges in order; numbers and tensors that
 * need no grad get null edges) with the rule's saved state, and return the recorded result. Callers
 * check `recording*` first. Non-floating outputs are never differentiable and are returned unrecorded.
 */
export function record<P extends PrimitiveName>(
  op: P,
  out: Tensor,
  inputs: readonly (TensorOrScalar | null | undefined)[],
  saved: SavedState[P],
): Tensor {
  if (out.dtype !== 'float32' && out.dtype !== 'float64') return out;
  // an op may return its input itself (a no-op reshape): the result gets its own history
  const result = inputs.includes(out) ? makeTensor(out.storage ?? out.data, out.shape, out.dtype, out.strides, out.offset) : out;
  const next = new Array<Node | null>(inputs.length);
  for (let i = 0; i < inputs.length; i++) next[i] = edgeOf(inputs[i]);
  const node = new FunctionNode(op, next, saved, result.shape, result.dtype);
  const versioned = (rules()[op] as GradRule<SavedState[P]>).versioned;
  if (versioned !== undefined) node.savedVersions = versionsOf(versioned(saved, next).map((v) => (v === OUTPUT ? result : v)));
  meta(result).fn = node;
  return result;
}

/** The tensors among `items` (others skipped) with their storage versions now. */
function versionsOf(items: readonly unknown[]): SavedVersions | null {
  const found: Array<readonly [Tensor, number]> = [];
  for (const v of items) {
    if (isTensor(v)) found.push([v, storageVersion(v)]);
  }
  return found.length === 0 ? null : found;
}
