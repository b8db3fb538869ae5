// One autograd node around tensor-core's nn ops (which run the current backend's kernels): the
// forward computes the result, the backward is explicit (autograd's defineCustomOp). The backward is
// not itself differentiable (no double backward).
import { defineCustomOp } from '@torchlet/autograd';
import type { Tensor } from '@torchlet/tensor-core';

/** Gradients of each entry of `inputs` (null for absent inputs and inputs that need none). */
export type KernelBackward = (grad: Tensor, needsGrad: readonly boolean[]) => readonly (Tensor | null)[];

/** One call's closures, passed to the custom op as its first (non-tensor) argument. */
interface KernelCall {
  run: () => Tensor;
  backward: KernelBackward;
  /** position in `inputs` of each tensor argument passed to the custom op */
  slots: readonly number[];
  count: number;
  /** tensors the backward reads: saved so that backward refuses them after an in-place change */
  saved: readonly Tensor[];
}

type KernelFn = (call: KernelCall, ...tensors: Tensor[]) => Tensor;

// One custom op per kernel name (graph nodes are named `${name}Backward`), made on first use.
const kernelOps = new Map<string, KernelFn>();

function opFor(name: string): KernelFn {
  let fn = kernelOps.get(name);
  if (!fn) {
    fn = defineCustomOp<[KernelCall, ...Tensor[]], KernelCall>({
      name,
      // runs with grad mode off, on the caller's own tensors (the closures read them again in backward)
      forward(ctx, call) {
        ctx.state = call;
        ctx.saveForBackward(...call.saved);
        return call.run();
      },
      backward(ctx, gradOutput) {
        const call = ctx.state as KernelCall;
        const needs = new Array<boolean>(call.count).fill(false);
        call.slots.forEach((slot, i) => (needs[slot] = ctx.needsInputGrad[i] ?? false));
        const grads = call.backward(gradOutput, needs);
        return call.slots.map((slot, i) => {
          const g = grads[slot];
          return g && ctx.needsInputGrad[i] ? g : null;
        });
      },
    });
    kernelOps.set(name, fn);
  }
  return fn;
}

/**
 * Run `forward` and record one graph node (`${name}Backward`) whose backward is `backward`.
 * `inputs` lists the differentiable arguments in the order `backward` returns their gradients
 * (null for an absent or non-differentiable one). `saved` lists the tensors `backward` reads (PyTorch's
 * saved tensors for the op): backward throws if one of them was changed in place after the forward,
 * as PyTorch does.
 */
export function kernelOp(
  name: string,
  inputs: readonly (Tensor | null)[],
  forward: () => Tensor,
  backward: KernelBackward,
  saved: readonly Tensor[] = [],
): Tensor {
  const slots: number[] = [];
  const tensors: Tensor[] = [];
  inputs.forEach((t, i) => {
    if (t) {
      slots.push(i);
      tensors.push(t);
    }
  });
  return opFor(name)({ run: forward, backward, slots, count: inputs.length, saved }, ...tensors);
}
