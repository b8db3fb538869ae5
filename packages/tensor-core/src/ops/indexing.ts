import type { Tensor, TensorOrScalar } from '../tensor.js';
import { notImplemented } from './not-implemented.js';

export function gather(x: Tensor, dim: number, index: Tensor): Tensor { return notImplemented('gather'); }
export function scatter(x: Tensor, dim: number, index: Tensor, src: TensorOrScalar): Tensor { return notImplemented('scatter'); }
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor { return notImplemented('scatterAdd'); }
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor { return notImplemented('indexSelect'); }
export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor { return notImplemented('maskedFill'); }
/** torch.nn.functional.one_hot: int64 result with a trailing dim of numClasses (-1 infers max + 1). */
export function oneHot(x: Tensor, numClasses = -1): Tensor { return notImplemented('oneHot'); }
