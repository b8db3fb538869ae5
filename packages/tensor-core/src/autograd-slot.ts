// The installed autograd layer, held apart from the op table (dispatch.ts) so that modules below the
// ops (memory/scope.ts) can ask it about graphs without importing the ops.
import type { AutogradLayer } from './autograd.js';

let layer: AutogradLayer | null = null;

/** The installed autograd layer, or null when tensors cannot require grad. */
export function autogradLayer(): AutogradLayer | null {
  return layer;
}

/** Set by dispatch.ts's installAutogradLayer (which checks it first). */
export function setAutogradLayer(next: AutogradLayer): void {
  layer = next;
}
