// Parameter: a leaf tensor that a Module registers as learnable (torch.nn.Parameter).
import { installAutograd } from '@torchlet/autograd';
import { Tensor, keep } from '@torchlet/tensor-core';

/**
 * A learnable tensor: a leaf with `requiresGrad` true unless told otherwise. It views the given
 * tensor's storage without copying (`new Parameter(t)` shares `t`'s storage, like `nn.Parameter(t)`)
 * and starts with no history and no gradient of its own. A Tensor subclass, so `p.grad`,
 * `p.requiresGrad` and every op work as on any tensor; op results are plain Tensors, not Parameters.
 *
 * @pytorch torch.nn.parameter.Parameter
 * @example
 * ```ts
 * const weight = new Parameter(randn([4, 3]));
 * const frozen = new Parameter(randn([4]), false); // requiresGrad false
 * ```
 */
export class Parameter extends Tensor {
  constructor(data: Tensor, requiresGrad = true) {
    super(data.storage ?? data.data, data.shape, data.dtype, data.strides, data.offset);
    keep(this); // a parameter outlives the scope() it was made in
    installAutograd();
    this.requiresGrad = requiresGrad;
  }

  /** PyTorch's repr of a parameter: `Parameter containing:` above the tensor's. */
  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
