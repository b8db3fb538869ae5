import type { AlphaOptions, Tensor, TensorOrScalar } from '../tensor.js';
import { notImplemented } from './not-implemented.js';

export function add_(x: Tensor, other: TensorOrScalar, options?: AlphaOptions): void { notImplemented('add_'); }
export function sub_(x: Tensor, other: TensorOrScalar, options?: AlphaOptions): void { notImplemented('sub_'); }
export function mul_(x: Tensor, other: TensorOrScalar): void { notImplemented('mul_'); }
export function div_(x: Tensor, other: TensorOrScalar): void { notImplemented('div_'); }
export function pow_(x: Tensor, exponent: TensorOrScalar): void { notImplemented('pow_'); }
export function addcmul_(x: Tensor, t1: Tensor, t2: Tensor, value: number): void { notImplemented('addcmul_'); }
export function addcdiv_(x: Tensor, t1: Tensor, t2: Tensor, value: number): void { notImplemented('addcdiv_'); }
export function lerp_(x: Tensor, end: Tensor, weight: TensorOrScalar): void { notImplemented('lerp_'); }
export function maximum_(x: Tensor, other: Tensor): void { notImplemented('maximum_'); }
export function neg_(x: Tensor): void { notImplemented('neg_'); }
export function sqrt_(x: Tensor): void { notImplemented('sqrt_'); }
export function exp_(x: Tensor): void { notImplemented('exp_'); }
export function clamp_(x: Tensor, min?: number, max?: number): void { notImplemented('clamp_'); }
export function fill_(x: Tensor, value: number): void { notImplemented('fill_'); }
export function copy_(x: Tensor, src: Tensor): void { notImplemented('copy_'); }
export function maskedFill_(x: Tensor, mask: Tensor, value: number): void { notImplemented('maskedFill_'); }
