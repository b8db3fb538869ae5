import type { Tensor } from '../tensor.js';
import { notImplemented } from './not-implemented.js';

/** torch.matmul: 1-D dot/matrix-vector, 2-D, and batched with broadcast batch dims. */
export function matmul(a: Tensor, b: Tensor): Tensor { return notImplemented('matmul'); }
export function mm(a: Tensor, b: Tensor): Tensor { return notImplemented('mm'); }
export function bmm(a: Tensor, b: Tensor): Tensor { return notImplemented('bmm'); }
