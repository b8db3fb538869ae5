import type { DType, DataArray } from '../dtype.js';
import type { NestedArray, Tensor } from '../tensor.js';
import { notImplemented } from './not-implemented.js';

export function item(x: Tensor): number { return notImplemented('item'); }
export function tolist(x: Tensor): NestedArray { return notImplemented('tolist'); }
export function toTypedArray(x: Tensor): DataArray { return notImplemented('toTypedArray'); }
export function to(x: Tensor, dtype: DType): Tensor { return notImplemented('to'); }
export function clone(x: Tensor): Tensor { return notImplemented('clone'); }
