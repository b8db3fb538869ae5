import type { Tensor, TensorOrScalar } from '../tensor.js';
import { notImplemented } from './not-implemented.js';

export function eq(a: Tensor, b: TensorOrScalar): Tensor { return notImplemented('eq'); }
export function ne(a: Tensor, b: TensorOrScalar): Tensor { return notImplemented('ne'); }
export function lt(a: Tensor, b: TensorOrScalar): Tensor { return notImplemented('lt'); }
export function le(a: Tensor, b: TensorOrScalar): Tensor { return notImplemented('le'); }
export function gt(a: Tensor, b: TensorOrScalar): Tensor { return notImplemented('gt'); }
export function ge(a: Tensor, b: TensorOrScalar): Tensor { return notImplemented('ge'); }
export function logicalAnd(a: Tensor, b: Tensor): Tensor { return notImplemented('logicalAnd'); }
export function logicalOr(a: Tensor, b: Tensor): Tensor { return notImplemented('logicalOr'); }
export function logicalXor(a: Tensor, b: Tensor): Tensor { return notImplemented('logicalXor'); }
export function logicalNot(x: Tensor): Tensor { return notImplemented('logicalNot'); }
export function isnan(x: Tensor): Tensor { return notImplemented('isnan'); }
export function isinf(x: Tensor): Tensor { return notImplemented('isinf'); }
export function isfinite(x: Tensor): Tensor { return notImplemented('isfinite'); }
/** Same shape and every |a - b| <= atol + rtol * |b| (NaNs equal only with equalNan). */
export function allclose(a: Tensor, b: Tensor, options?: { rtol?: number; atol?: number; equalNan?: boolean }): boolean { return notImplemented('allclose'); }
