// The one place the losses touch autograd's custom-op API (defineCustomOp): a kernel that runs on
// core tensors and returns its output with closures computing the input gradients.
import { Tensor, defineCustomOp, isGradEnabled } from '@torchlet/autograd';
import { TorchletError, type Tensor as CoreTensor } from '@torchlet/tensor-core';

export interface FusedResult {
  output: CoreTensor;
  /** First-order backward on core tensors: one gradient per input (null where not needed). */
  backward(grad: CoreTensor, needsGrad: readonly boolean[]): readonly (CoreTensor | null)[];
  /**
   * The same gradients written with autograd ops, so that they are themselves differentiable.
   * Used when backward runs with createGraph (grad mode on), e.g. for gradient penalties.
   */
  differentiableBackward?(grad: Tensor, inputs: readonly Tensor[], needsGrad: readonly boolean[]): readonly (Tensor | null)[];
}

/**
 * Run `run` on the inputs' core tensors and record it with its backward (graph node
 * `${name}Backward`). With createGraph the op's `differentiableBackward` runs instead of the
 * kernel, so second derivatives are exact; an op without one refuses rather than return a
 * gradient that would silently lack its own derivative.
 */
export function fusedOp(name: string, inputs: readonly Tensor[], run: (cores: readonly CoreTensor[]) => FusedResult): Tensor {
  let result: FusedResult | null = null;
  const op = defineCustomOp<CoreTensor[], undefined>({
    name,
    forward(_ctx, ...cores) {
      result = run(cores);
      return result.output;
    },
    backward(ctx, gradOutput) {
      const r = result as FusedResult;
      if (isGradEnabled()) {
        if (r.differentiableBackward === undefined) {
          throw new TorchletError(`${name}: double backward (createGraph) is not supported by this fused op`);
        }
        return r.differentiableBackward(gradOutput, inputs, ctx.needsInputGrad);
      }
      const grads = r.backward(gradOutput.value, ctx.needsInputGrad);
      return grads.map((g) => (g === null ? null : new Tensor(g)));
    },
  });
  return op(...inputs);
}
