// Comparison and logic ops: bool results that never require grad.
import * as core from '@torchlet/tensor-core';
import { unwrap, wrap } from '../record.js';
import type { Tensor, TensorOrScalar } from '../tensor.js';

export const eq = (a: Tensor, b: TensorOrScalar): Tensor => wrap(core.eq(a.value, unwrap(b)));
export const ne = (a: Tensor, b: TensorOrScalar): Tensor => wrap(core.ne(a.value, unwrap(b)));
export const lt = (a: Tensor, b: TensorOrScalar): Tensor => wrap(core.lt(a.value, unwrap(b)));
export const le = (a: Tensor, b: TensorOrScalar): Tensor => wrap(core.le(a.value, unwrap(b)));
export const gt = (a: Tensor, b: TensorOrScalar): Tensor => wrap(core.gt(a.value, unwrap(b)));
export const ge = (a: Tensor, b: TensorOrScalar): Tensor => wrap(core.ge(a.value, unwrap(b)));
export const logicalAnd = (a: Tensor, b: Tensor): Tensor => wrap(core.logicalAnd(a.value, b.value));
export const logicalOr = (a: Tensor, b: Tensor): Tensor => wrap(core.logicalOr(a.value, b.value));
export const logicalXor = (a: Tensor, b: Tensor): Tensor => wrap(core.logicalXor(a.value, b.value));
export const logicalNot = (x: Tensor): Tensor => wrap(core.logicalNot(x.value));
export const isnan = (x: Tensor): Tensor => wrap(core.isnan(x.value));
export const isinf = (x: Tensor): Tensor => wrap(core.isinf(x.value));
export const isfinite = (x: Tensor): Tensor => wrap(core.isfinite(x.value));

/** Same shape and every |a - b| <= atol + rtol * |b| (NaNs equal only with equalNan). */
export function allclose(a: Tensor, b: Tensor, options?: { rtol?: number; atol?: number; equalNan?: boolean }): boolean {
  return core.allclose(a.value, b.value, options);
}
