import type { MaxMinResult, Tensor, VarOptions } from '../tensor.js';
import { notImplemented } from './not-implemented.js';

export function sum(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor { return notImplemented('sum'); }
export function mean(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor { return notImplemented('mean'); }
export function prod(x: Tensor, dim?: number, keepdim = false): Tensor { return notImplemented('prod'); }
export function maxAll(x: Tensor): Tensor { return notImplemented('max'); }
export function minAll(x: Tensor): Tensor { return notImplemented('min'); }
export function maxDim(x: Tensor, dim: number, keepdim = false): MaxMinResult { return notImplemented('max'); }
export function minDim(x: Tensor, dim: number, keepdim = false): MaxMinResult { return notImplemented('min'); }
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor { return notImplemented('argmax'); }
export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor { return notImplemented('argmin'); }
export function variance(x: Tensor, dim?: number | readonly number[], options?: VarOptions): Tensor { return notImplemented('var'); }
export function std(x: Tensor, dim?: number | readonly number[], options?: VarOptions): Tensor { return notImplemented('std'); }
export function logsumexp(x: Tensor, dim: number | readonly number[], keepdim = false): Tensor { return notImplemented('logsumexp'); }
export function all(x: Tensor, dim?: number, keepdim = false): Tensor { return notImplemented('all'); }
export function any(x: Tensor, dim?: number, keepdim = false): Tensor { return notImplemented('any'); }
