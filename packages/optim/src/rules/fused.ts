// When a rule may take tensor-core's fused update kernel (one pass over memory) instead of composing
// in-place ops: the two give the same bits, but only the composed ops record the graph (or throw on a
// leaf that requires grad, PyTorch's in-place rule) and accept mixed dtypes or broadcast gradients.
import { isGradEnabled } from '@torchlet/autograd';
import type { Tensor } from '@torchlet/tensor-core';
import { autogradLayer, shapesEqual } from '@torchlet/tensor-core/internal';

/**
 * True when nothing can be recorded (grad mode off, as in `step()`, or autograd not installed) and
 * grad and every state tensor (null / undefined: none) have param's floating dtype and shape.
 */
export function fusable(param: Tensor, grad: Tensor, ...state: ReadonlyArray<Tensor | null | undefined>): boolean {
  if (isGradEnabled() && autogradLayer() !== null) return false;
  if (param.dtype !== 'float32' && param.dtype !== 'float64') return false;
  for (const t of [grad, ...state]) {
    if (t === null || t === undefined) continue;
    if (t.dtype !== param.dtype || !shapesEqual(t.shape, param.shape)) return false;
  }
  return true;
}
