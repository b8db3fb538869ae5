// binaryCrossEntropy's gradient with respect to p as a custom op whose own backward is PyTorch's
// binary_cross_entropy_double_backward (its eps terms included), for createGraph.
import { defineCustomOp } from '@torchlet/autograd';
import type { Tensor } from '@torchlet/tensor-core';

/** PyTorch's floor for p (1 - p) in the backward: the float literal 1e-12f, so rounded to float32. */
export const GRAD_EPSILON = Math.fround(1e-12);
/** The double backward's eps (a C++ double, 1e-12). */
const EPS = 1e-12;

/** (p - z) / max(p (1 - p), 1e-12f) grad, with tensor ops. */
export function bceInputGrad(grad: Tensor, p: Tensor, z: Tensor): Tensor {
  return p.sub(z).div(p.mul(p.neg().add(1)).clamp(GRAD_EPSILON)).mul(grad);
}

/**
 * bceInputGrad recorded as one node (BinaryCrossEntropyBackwardBackward), with PyTorch's derivatives:
 *   d/dp    = (p^2 - 2 p z + z) / ((p + eps)^2 (1 - p + eps)^2) grad
 *   d/dz    = -grad / max((1 - p) p, eps)
 *   d/dgrad = (p - z) / ((p + eps) (1 - p + eps))
 */
export const bceInputGradOp = defineCustomOp<[Tensor, Tensor, Tensor], undefined>({
  name: 'BinaryCrossEntropyBackward',
  forward(ctx, grad, p, z) {
    ctx.saveForBackward(grad, p, z);
    return bceInputGrad(grad, p, z);
  },
  backward(ctx, gg) {
    const [grad, p, z] = ctx.savedTensors;
    const [needGrad, needP, needZ] = ctx.needsInputGrad;
    const oneMinus = p.neg().add(1);
    return [
      needGrad ? p.sub(z).div(p.add(EPS).mul(oneMinus.add(EPS))).mul(gg) : null,
      needP ? p.mul(p).sub(p.mul(z).mul(2)).add(z).div(p.add(EPS).pow(2).mul(oneMinus.add(EPS).pow(2))).mul(grad.mul(gg)) : null,
      needZ ? grad.mul(gg).neg().div(oneMinus.mul(p).clamp(EPS)) : null,
    ];
  },
});
