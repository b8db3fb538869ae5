// One autograd node around a typed-array kernel: the forward runs on core tensors, the backward is
// explicit (autograd's defineCustomOp). The backward is not itself differentiable (no double backward).
import { Tensor, defineCustomOp } from '@torchlet/autograd';
import type { Tensor as CoreTensor } from '@torchlet/tensor-core';

/** Gradients of each entry of `inputs` (null for absent inputs and inputs that need none). */
export type KernelBackward = (grad: CoreTensor, needsGrad: readonly boolean[]) => readonly (CoreTensor | null)[];

interface KernelCall {
  run: () => CoreTensor;
  backward: KernelBackward;
  /** position in `inputs` of each tensor argument passed to the custom op */
  slots: readonly number[];
  count: number;
}

type KernelFn = (...args: Tensor[]) => Tensor;

// The call being made: defineCustomOp creates its context inside the call, so the per-call
// closures reach forward through this stack (synchronous, so nesting is safe).
const calls: KernelCall[] = [];
// One custom op per kernel name (graph nodes are named `${name}Backward`), made on first use.
const ops = new Map<string, KernelFn>();

function opFor(name: string): KernelFn {
  let fn = ops.get(name);
  if (!fn) {
    fn = defineCustomOp<CoreTensor[], KernelCall>({
      name,
      forward(ctx) {
        const call = calls[calls.length - 1];
        ctx.state = call;
        return call.run();
      },
      backward(ctx, gradOutput) {
        const call = ctx.state as KernelCall;
        const needs = new Array<boolean>(call.count).fill(false);
        call.slots.forEach((slot, i) => (needs[slot] = ctx.needsInputGrad[i] ?? false));
        const grads = call.backward(gradOutput.value, needs);
        return call.slots.map((slot, i) => {
          const g = grads[slot];
          return g && ctx.needsInputGrad[i] ? new Tensor(g) : null;
        });
      },
    }) as unknown as KernelFn;
    ops.set(name, fn);
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
  forward: () => CoreTensor,
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
  calls.push({ run: forward, backward, slots, count: inputs.length });
  try {
    return opFor(name)(...tensors);
  } finally {
    calls.pop();
  }
}
