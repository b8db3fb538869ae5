// Fused helpers for backward rules (not part of the user-facing API; exported from ./internal).
import { getBackend } from '../backend/registry.js';
import { ShapeError, argError } from '../errors.js';
import { shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { castScalar } from '../dtype.js';
import { assertNumber, assertTensor, emptyTensor, requireFloating } from './helpers.js';

/**
 * grad where self > threshold, else 0 (PyTorch's threshold_backward, relu's backward with the saved
 * output and threshold 0; a NaN in self passes grad), one backend kernel.
 */
export function thresholdBackward(grad: Tensor, self: Tensor, threshold: number): Tensor {
  assertTensor('thresholdBackward', 'grad', grad);
  assertTensor('thresholdBackward', 'self', self);
  assertNumber('thresholdBackward', 'threshold', threshold);
  requireFloating('thresholdBackward', 'grad', grad);
  if (!shapesEqual(grad.shape, self.shape)) {
    argError('thresholdBackward', 'self', `grad's shape [${grad.shape.join(', ')}]`, `[${self.shape.join(', ')}]`, ShapeError);
  }
  const out = emptyTensor(grad.shape, grad.dtype, false, grad);
  getBackend().thresholdBackward(grad, self, castScalar(threshold, self.dtype), out);
  return out;
}
