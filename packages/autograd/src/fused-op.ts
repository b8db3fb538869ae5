// Fused ops for torchlet's packages (losses' cross entropy, nn-layers' convolution, pooling, ...):
// a forward that runs backend kernels and returns its output with closures for the input
// gradients, recorded as one graph node. Built on defineCustomOp, one custom op per node name.
import { TorchletError, type Tensor } from '@torchlet/tensor-core';
import { defineCustomOp } from './custom-op.js';
import { isGradEnabled } from './grad-mode.js';

/** The input slots of a fused op: its tensors, null for an absent one. */
export type FusedInputs = readonly (Tensor | null)[];

export interface FusedResult<I extends FusedInputs = FusedInputs> {
  output: Tensor;
  /** First-order backward (grad mode off): one gradient per input slot (null where not needed). */
  backward(grad: Tensor, needsGrad: readonly boolean[]): readonly (Tensor | null)[];
  /**
   * The same gradients written with tensor ops, so that they are themselves differentiable; used
   * when backward runs with createGraph. A fused op without it refuses double backward rather than
   * return a gradient that would silently lack its own derivative.
   */
  differentiableBackward?(grad: Tensor, inputs: I, needsGrad: readonly boolean[]): readonly (Tensor | null)[];
  /**
   * Tensors the backward reads (PyTorch's saved tensors of the op): backward throws if one of them
   * was changed in place after the forward, as PyTorch does.
   */
  saved?: readonly Tensor[];
  /**
   * Private tensors the backward reads that nobody else can change (a gradient computed with the
   * forward): kept with the graph as saved tensors are (a loss returned from `scope()` keeps them),
   * without the in-place check.
   */
  kept?: readonly Tensor[];
}

/**
 * The kernel of one call: gets the input slots (the caller's tensors, null for an absent one; it
 * runs with grad mode off) and `needsGrad[i]`, whether slot i will get a gradient, so that it may
 * compute gradients together with the output.
 */
export type FusedRun<I extends FusedInputs = FusedInputs> = (inputs: I, needsGrad: readonly boolean[]) => FusedResult<I>;

interface FusedCall {
  readonly run: FusedRun;
  readonly inputs: readonly (Tensor | null)[];
  /** the slot in `inputs` of each tensor argument of the custom op */
  readonly slots: readonly number[];
  result?: FusedResult;
}

type FusedFn = (call: FusedCall, ...tensors: Tensor[]) => Tensor;

/** One custom op per node name (graph nodes are named `${name}Backward`), made on first use. */
const fusedOps = new Map<string, FusedFn>();

/** needsInputGrad (one per tensor argument) spread over the input slots. */
function needsPerSlot(call: FusedCall, needsInputGrad: readonly boolean[]): boolean[] {
  const needs = new Array<boolean>(call.inputs.length).fill(false);
  call.slots.forEach((slot, i) => (needs[slot] = needsInputGrad[i] ?? false));
  return needs;
}

function fusedOpNamed(name: string): FusedFn {
  let fn = fusedOps.get(name);
  if (fn === undefined) {
    fn = defineCustomOp<[FusedCall, ...Tensor[]], FusedCall>({
      name,
      forward(ctx, call) {
        const result = call.run(call.inputs, needsPerSlot(call, ctx.needsInputGrad));
        call.result = result;
        ctx.state = call;
        if (result.saved !== undefined) ctx.saveForBackward(...result.saved);
        return result.output;
      },
      backward(ctx, gradOutput) {
        const call = ctx.state as FusedCall;
        const result = call.result as FusedResult;
        const needs = needsPerSlot(call, ctx.needsInputGrad);
        let grads: readonly (Tensor | null)[];
        if (isGradEnabled()) {
          if (result.differentiableBackward === undefined) {
            throw new TorchletError(`${name}: double backward (createGraph) is not supported by this fused op`);
          }
          grads = result.differentiableBackward(gradOutput, call.inputs, needs);
        } else grads = result.backward(gradOutput, needs);
        return call.slots.map((slot) => (needs[slot] ? (grads[slot] ?? null) : null));
      },
    });
    fusedOps.set(name, fn);
  }
  return fn;
}

/**
 * Run `run` on `inputs` and record it with its backward (graph node `${name}Backward`) when an input
 * requires grad and grad mode is on. Null slots are absent inputs (an optional weight or bias).
 */
export function fusedOp<const I extends FusedInputs>(name: string, inputs: I, run: FusedRun<I>): Tensor {
  const slots: number[] = [];
  const tensors: Tensor[] = [];
  inputs.forEach((t, i) => {
    if (t !== null) {
      slots.push(i);
      tensors.push(t);
    }
  });
  return fusedOpNamed(name)({ run: run as unknown as FusedRun, inputs, slots }, ...tensors);
}
