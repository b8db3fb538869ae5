// Tensors held in a value: a rule's saved state, a custom op's context.
import type { Tensor } from '@torchlet/tensor-core';
import { isTensor } from '@torchlet/tensor-core/internal';

/** Tensors inside `value` (a tensor, or arrays and plain objects of them, at any depth). */
export function tensorsIn(value: unknown, into: Tensor[], seen = new Set<object>()): void {
  if (value === null || typeof value !== 'object') return;
  if (isTensor(value)) {
    into.push(value);
    return;
  }
  if (seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) for (const v of value) tensorsIn(v, into, seen);
  else if (Object.getPrototypeOf(value) === Object.prototype) for (const v of Object.values(value)) tensorsIn(v, into, seen);
}
