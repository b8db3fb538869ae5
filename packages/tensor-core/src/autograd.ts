// What Tensor needs from an autograd layer, as types only: tensor-core records no graph and knows no
// gradient math. @torchlet/autograd implements `AutogradLayer` and installs it (src/dispatch.ts);
// Tensor's autograd members (requiresGrad, grad, gradFn, backward, ...) delegate to it.
import type { OpTable } from './ops/table.js';
import type { Tensor } from './tensor.js';

/**
 * A node of the recorded graph as users see it (`t.gradFn`, PyTorch's grad_fn).
 *
 * @pytorch torch.Tensor.grad_fn (a torch.autograd.graph.Node)
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true }); // once autograd is installed (installAutograd())
 * const fn: GradFn | null = x.mul(2).gradFn;
 * const name = fn?.name; // 'MulBackward0'
 * ```
 */
export interface GradFn {
  /** PyTorch's class name of the node, e.g. 'MulBackward0'. */
  readonly name: string;
  /** The nodes of the inputs (null where an input needs no gradient). */
  readonly nextFunctions: readonly (GradFn | null)[];
}

/**
 * Options of `Tensor.backward`: keep the graph, or record the backward pass for double backward.
 *
 * @pytorch the retain_graph and create_graph arguments of torch.Tensor.backward
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true }); // once autograd is installed (installAutograd())
 * const options: BackwardOptions = { retainGraph: true };
 * x.mul(x).sum().backward(undefined, options);
 * ```
 */
export interface BackwardOptions {
  /** Keep saved tensors so that backward can run through the graph again (default: createGraph). */
  retainGraph?: boolean;
  /** Record the backward pass itself so that gradients can be differentiated (double backward). */
  createGraph?: boolean;
}

/**
 * What `registerHook` returns.
 *
 * @pytorch torch.utils.hooks.RemovableHandle
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true }); // once autograd is installed (installAutograd())
 * const handle: RemovableHandle = x.registerHook((g) => g.mul(2));
 * handle.remove();
 * ```
 */
export interface RemovableHandle {
  remove(): void;
}

/**
 * A gradient hook: returns a replacement gradient, or nothing to keep it.
 *
 * @pytorch a hook passed to torch.Tensor.register_hook
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true }); // once autograd is installed (installAutograd())
 * const clip: GradHook = (g) => g.clamp(-1, 1);
 * x.registerHook(clip);
 * ```
 */
export type GradHook = (grad: Tensor) => Tensor | void;

/** The autograd layer: a recording op table and the tensor members that need the graph. */
export interface AutogradLayer {
  /** Every differentiable op, recording the graph when an input requires grad. */
  readonly ops: OpTable;
  requiresGrad(t: Tensor): boolean;
  setRequiresGrad(t: Tensor, flag: boolean): void;
  gradFn(t: Tensor): GradFn | null;
  grad(t: Tensor): Tensor | null;
  setGrad(t: Tensor, grad: Tensor | null): void;
  retainsGrad(t: Tensor): boolean;
  retainGrad(t: Tensor): void;
  registerHook(t: Tensor, hook: GradHook): RemovableHandle;
  backward(t: Tensor, gradient: Tensor | undefined, options: BackwardOptions | undefined): void;
  detach_(t: Tensor): void;
  /** The tensors `t`'s recorded graph saved for its backward (none for a leaf or a freed graph). */
  savedTensors(t: Tensor): Iterable<Tensor>;
  /** Show `t`'s grad_fn (if any) under PyTorch's name for a composed op (`IndexBackward0`). */
  nameGradFn(t: Tensor, name: string): void;
}
