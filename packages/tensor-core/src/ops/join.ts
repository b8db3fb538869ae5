import type { Tensor } from '../tensor.js';
import { notImplemented } from './not-implemented.js';

export function cat(tensors: readonly Tensor[], dim = 0): Tensor { return notImplemented('cat'); }
export function stack(tensors: readonly Tensor[], dim = 0): Tensor { return notImplemented('stack'); }
export function split(x: Tensor, splitSize: number | readonly number[], dim = 0): Tensor[] { return notImplemented('split'); }
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] { return notImplemented('chunk'); }
export function unbind(x: Tensor, dim = 0): Tensor[] { return notImplemented('unbind'); }
