import type { AlphaOptions, Tensor, TensorOrScalar } from '../tensor.js';
import { notImplemented } from './not-implemented.js';

export function add(a: TensorOrScalar, b: TensorOrScalar, options?: AlphaOptions): Tensor { return notImplemented('add'); }
export function sub(a: TensorOrScalar, b: TensorOrScalar, options?: AlphaOptions): Tensor { return notImplemented('sub'); }
export function mul(a: TensorOrScalar, b: TensorOrScalar): Tensor { return notImplemented('mul'); }
export function div(a: TensorOrScalar, b: TensorOrScalar): Tensor { return notImplemented('div'); }
export function pow(a: TensorOrScalar, b: TensorOrScalar): Tensor { return notImplemented('pow'); }
export function maximum(a: Tensor, b: Tensor): Tensor { return notImplemented('maximum'); }
export function minimum(a: Tensor, b: Tensor): Tensor { return notImplemented('minimum'); }
export function neg(x: Tensor): Tensor { return notImplemented('neg'); }
export function exp(x: Tensor): Tensor { return notImplemented('exp'); }
export function log(x: Tensor): Tensor { return notImplemented('log'); }
export function log1p(x: Tensor): Tensor { return notImplemented('log1p'); }
export function expm1(x: Tensor): Tensor { return notImplemented('expm1'); }
export function sqrt(x: Tensor): Tensor { return notImplemented('sqrt'); }
export function rsqrt(x: Tensor): Tensor { return notImplemented('rsqrt'); }
export function abs(x: Tensor): Tensor { return notImplemented('abs'); }
export function sign(x: Tensor): Tensor { return notImplemented('sign'); }
export function clamp(x: Tensor, min?: number, max?: number): Tensor { return notImplemented('clamp'); }
export function sigmoid(x: Tensor): Tensor { return notImplemented('sigmoid'); }
export function tanh(x: Tensor): Tensor { return notImplemented('tanh'); }
export function relu(x: Tensor): Tensor { return notImplemented('relu'); }
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor { return notImplemented('softplus'); }
/** torch.where(condition, a, b) with broadcasting. */
export function where(condition: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor { return notImplemented('where'); }
