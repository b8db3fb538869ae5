import type { Tensor } from '../tensor.js';
import { notImplemented } from './not-implemented.js';

export function softmax(x: Tensor, dim: number): Tensor { return notImplemented('softmax'); }
export function logSoftmax(x: Tensor, dim: number): Tensor { return notImplemented('logSoftmax'); }
