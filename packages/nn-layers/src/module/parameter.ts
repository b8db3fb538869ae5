// Parameter: an autograd leaf tensor that a Module registers as learnable (torch.nn.Parameter).
import { Tensor } from '@torchlet/autograd';
import type { Tensor as CoreTensor } from '@torchlet/tensor-core';

/**
 * A learnable tensor: an autograd leaf with `requiresGrad` true unless told otherwise. It wraps the
 * given data without copying (`new Parameter(t)` shares `t`'s storage, like `nn.Parameter(t)`).
 */
export class Parameter extends Tensor {
  constructor(data: CoreTensor | Tensor, requiresGrad = true) {
    super(data instanceof Tensor ? data.value : data, null, requiresGrad);
  }
}

/** Whether `x` is an autograd Tensor (as opposed to a tensor-core tensor). */
export function isAutogradTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

/** The tensor-core tensor behind an autograd or core tensor. */
export function coreOf(x: CoreTensor | Tensor): CoreTensor {
  return x instanceof Tensor ? x.value : x;
}
