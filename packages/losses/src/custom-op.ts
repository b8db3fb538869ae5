// The one place the losses touch autograd's custom-op API (defineCustomOp): a kernel on plain arrays
// whose forward returns its output with closures computing the input gradients.
import { defineCustomOp, isGradEnabled } from '@torchlet/autograd';
import { TorchletError, type Tensor } from '@torchlet/tensor-core';

export interface FusedResult {
  output: Tensor;
  /** First-order backward (grad mode off): one gradient per input (null where not needed). */
  backward(grad: Tensor, needsGrad: readonly boolean[]): readonly (Tensor | null)[];
  /**
   * The same gradients written with tensor ops, so that they are themselves differentiable.
   * Used when backward runs with createGraph (grad mode on), e.g. for gradient penalties.
   */
  differentiableBackward?(grad: Tensor, inputs: readonly Tensor[], needsGrad: readonly boolean[]): readonly (Tensor | null)[];
}

/**
 * The kernel of one call: gets the inputs themselves (the caller's tensors; it runs under noGrad, as
 * defineCustomOp's forward does) and `needsGrad[i]`, whether inputs[i] will get a gradient (it
 * requires grad and grad mode was on at the call), so it may compute gradients with the output.
 */
export type FusedRun = (inputs: readonly Tensor[], needsGrad: readonly boolean[]) => FusedResult;

type FusedFn = (run: FusedRun, needsGrad: readonly boolean[], ...inputs: Tensor[]) => Tensor;

interface FusedState {
  result: FusedResult;
  inputs: readonly Tensor[];
}

/** One custom op per node name (graph nodes are named `${name}Backward`), made on first use. */
const fusedOps = new Map<string, FusedFn>();

function fusedOpNamed(name: string): FusedFn {
  let fn = fusedOps.get(name);
  if (fn === undefined) {
    fn = defineCustomOp<[FusedRun, readonly boolean[], ...Tensor[]], FusedState>({
      name,
      forward(ctx, run, needsGrad, ...inputs) {
        const result = run(inputs, needsGrad);
        ctx.state = { result, inputs };
        return result.output;
      },
      backward(ctx, gradOutput) {
        const { result, inputs } = ctx.state as FusedState;
        if (isGradEnabled()) {
          if (result.differentiableBackward === undefined) {
            throw new TorchletError(`${name}: double backward (createGraph) is not supported by this fused op`);
          }
          return result.differentiableBackward(gradOutput, inputs, ctx.needsInputGrad);
        }
        return result.backward(gradOutput, ctx.needsInputGrad);
      },
    });
    fusedOps.set(name, fn);
  }
  return fn;
}

/**
 * Run `run` on `inputs` and record it with its backward (graph node `${name}Backward`) when an
 * input requires grad and grad mode is on. The first-order backward runs the kernel's closures;
 * with createGraph the op's `differentiableBackward` runs instead, so second derivatives are exact;
 * an op without one refuses rather than return a gradient that would silently lack its own derivative.
 */
export function fusedOp(name: string, inputs: readonly Tensor[], run: FusedRun): Tensor {
  // decided here: the forward runs under noGrad, where isGradEnabled() is false
  const recording = isGradEnabled();
  const needsGrad = inputs.map((t) => recording && t.requiresGrad);
  return fusedOpNamed(name)(run, needsGrad, ...inputs);
}
