// Losses PyTorch 1.13 has no double backward for (multi_margin_loss, multilabel_margin_loss, ctc_loss):
// their first gradient, taken with createGraph, carries a node whose own backward throws PyTorch's
// error, so the second derivative is refused where PyTorch refuses it, not silently computed.
import { defineCustomOp, isGradEnabled } from '@torchlet/autograd';
import { TorchletError, type Tensor } from '@torchlet/tensor-core';

type Refuse = (value: Tensor, input: Tensor) => Tensor;
type Guard = (input: Tensor) => Tensor;

const refusals = new Map<string, Refuse>();
const guards = new Map<string, Guard>();

/**
 * `value` (a gradient of `input` computed with createGraph), recorded as a node that depends on
 * `input` and whose backward throws "derivative for aten::<kernel> is not implemented", as PyTorch.
 */
export function refuseSecondDerivative(kernel: string, value: Tensor, input: Tensor): Tensor {
  let op = refusals.get(kernel);
  if (op === undefined) {
    op = defineCustomOp<[Tensor, Tensor], undefined>({
      name: kernel,
      forward: (_ctx, v) => v.clone(),
      backward: () => {
        throw new TorchletError(`derivative for aten::${kernel} is not implemented (PyTorch 1.13 has no double backward for it)`);
      },
    });
    refusals.set(kernel, op);
  }
  return op(value, input);
}

/**
 * `input`, passed through an identity node whose gradient, when taken with createGraph, is
 * `refuseSecondDerivative(kernel, ...)`: put it in front of a loss composed of differentiable ops
 * that PyTorch computes with one kernel lacking a double backward. Unrecorded inputs pass as they are.
 */
export function withoutDoubleBackward(kernel: string, input: Tensor): Tensor {
  if (!input.requiresGrad || !isGradEnabled()) return input;
  let op = guards.get(kernel);
  if (op === undefined) {
    op = defineCustomOp<[Tensor], undefined>({
      name: `${kernel}Guard`,
      forward: (ctx, x) => {
        ctx.saveForBackward(x);
        return x.clone();
      },
      backward: (ctx, g) => (isGradEnabled() ? refuseSecondDerivative(kernel, g, ctx.savedTensors[0]) : g),
    });
    guards.set(kernel, op);
  }
  return op(input);
}
