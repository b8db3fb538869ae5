// One autograd node around a typed-array kernel: the forward builds the result from arrays, the
// backward is explicit (autograd's defineCustomOp). The backward is not itself differentiable (no
// double backward).
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
}

type KernelFn = (call: KernelCall, ...tensors: Tensor[]) => Tensor;

// One custom op per kernel name (graph nodes are named `${name}Backward`), made on first use.
const kernelOps = new Map<string, KernelFn>();

function opFor(name: string): KernelFn {
  let fn = kernelOps.get(name);
  if (!fn) {
    fn = defineCustomOp<[KernelCall, ...Tensor[]], KernelCall>({
      name,
      // runs with grad mode off, on the caller's own tensors (the kernel closures read their arrays)
      forward(ctx, call) {
        ctx.state = call;
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
 * (null for an absent or non-differentiable one).
 */
export function kernelOp(
  name: string,
  inputs: readonly (Tensor | null)[],
  forward: () => Tensor,
  backward: KernelBackward,
): Tensor {
  const slots: number[] = [];
  const tensors: Tensor[] = [];
  inputs.forEach((t, i) => {
    if (t) {
      slots.push(i);
      tensors.push(t);
    }
  });
  return opFor(name)({ run: forward, backward, slots, count: inputs.length }, ...tensors);
}
