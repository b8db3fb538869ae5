// Custom ops with their own backward (tfjs customGrad, candle CustomOp, torch.autograd.Function):
// the forward runs without recording; the backward returns one gradient per tensor argument.
import { TorchletError, type Tensor } from '@torchlet/tensor-core';
import { isTensor, makeTensor, storageVersion } from '@torchlet/tensor-core/internal';
import { tensorsIn } from './tensors-in.js';
import { isGradEnabled, noGrad } from './grad-mode.js';
import { edgeOf, requiresGradOf } from './history.js';
import { meta } from './meta.js';
import { FREED_MESSAGE, Node, checkSavedVersions } from './node.js';
import type { Grads } from './rules/types.js';

/**
 * What backward may return: one gradient (or null) per tensor argument, or one tensor if there is one.
 *
 * @pytorch the return value of torch.autograd.Function.backward (a gradient or None per input)
 * @example
 * ```ts
 * const none: CustomOpGrads = null; // no gradient for the one input
 * const two: CustomOpGrads = [randn([3]), null]; // gradients of two inputs, the second needs none
 * ```
 */
export type CustomOpGrads = Tensor | null | readonly (Tensor | null | undefined)[];

/**
 * What a custom op's forward and backward share: saved tensors, which inputs need gradients, and any other state.
 *
 * @pytorch the ctx of torch.autograd.Function (save_for_backward, saved_tensors, needs_input_grad)
 * @example
 * ```ts
 * const scale = defineCustomOp<[Tensor, number], number>({
 *   name: 'Scale',
 *   forward: (ctx: CustomOpContext<number>, x, k) => { ctx.state = k; return x.mul(k); },
 *   backward: (ctx, g) => g.mul(ctx.state ?? 1),
 * });
 * ```
 */
export interface CustomOpContext<S = undefined> {
  /** Keep tensors (inputs, the output or intermediates) for backward. */
  saveForBackward(...tensors: Tensor[]): void;
  /**
   * In backward: the saved tensors. Inputs and the output are the graph's own tensors (so a
   * backward written with tensor ops is itself differentiable); intermediates of the forward are
   * constants.
   */
  readonly savedTensors: readonly Tensor[];
  /** needsInputGrad[i]: whether the i-th tensor argument needs a gradient. */
  readonly needsInputGrad: readonly boolean[];
  /** Non-tensor values forward leaves for backward (shapes, options...). */
  state: S | undefined;
}

/**
 * What `defineCustomOp` takes: a name, a forward computed with recording off, and a backward from the output's gradient.
 *
 * @pytorch a subclass of torch.autograd.Function (its forward and backward staticmethods)
 * @example
 * ```ts
 * const definition: CustomOpDefinition<[Tensor], undefined> = {
 *   name: 'Exp',
 *   forward: (ctx, x) => { const y = x.exp(); ctx.saveForBackward(y); return y; },
 *   backward: (ctx, g) => g.mul(ctx.savedTensors[0]),
 * };
 * ```
 */
export interface CustomOpDefinition<A extends readonly unknown[], S> {
  /** Names the graph node `${name}Backward`. */
  name: string;
  /** The forward computation; it runs with recording off (as torch.autograd.Function's forward). */
  forward(ctx: CustomOpContext<S>, ...args: A): Tensor;
  /** Gradients of the tensor arguments, in order, from the output's gradient. */
  backward(ctx: CustomOpContext<S>, gradOutput: Tensor): CustomOpGrads;
}

class Context<S> implements CustomOpContext<S> {
  state: S | undefined = undefined;
  needsInputGrad: readonly boolean[] = [];
  /** @internal */
  _saved: Tensor[] | null = [];

  /** @internal The saved tensors' storage versions when saved (backward refuses changed ones, as PyTorch). */
  _versions: Array<readonly [Tensor, number]> = [];

  saveForBackward(...tensors: Tensor[]): void {
    if (this._saved === null) throw new TorchletError(FREED_MESSAGE);
    this._saved.push(...tensors);
    for (const t of tensors) this._versions.push([t, storageVersion(t)]);
  }

  get savedTensors(): readonly Tensor[] {
    if (this._saved === null) throw new TorchletError(FREED_MESSAGE);
    return this._saved;
  }

  release(): void {
    this._saved = null;
    this._versions = [];
  }
}

class CustomNode<S> extends Node {
  constructor(
    private readonly customName: string,
    private readonly ctx: Context<S>,
    private readonly backwardFn: (ctx: CustomOpContext<S>, g: Tensor) => CustomOpGrads,
    next: readonly (Node | null)[],
    out: Tensor,
  ) {
    super(next, out.shape, out.dtype);
  }

  protected get opName(): string {
    return `${this.customName}Backward`;
  }

  apply(grad: Tensor): Grads {
    if (this.ctx._saved === null) throw new TorchletError(FREED_MESSAGE);
    checkSavedVersions(this.ctx._versions, this.name);
    const r = this.backwardFn(this.ctx, grad);
    const grads = r === null || isTensor(r) ? [r] : r;
    if (grads.length !== this.next.length) {
      throw new TorchletError(
        `customOp '${this.customName}': backward returned ${grads.length} gradients, expected ${this.next.length} ` +
          '(one per tensor argument, null where none)',
      );
    }
    return grads.map((g) => g ?? null);
  }

  release(): void {
    this.ctx.release();
  }

  savedTensors(): Tensor[] {
    const out: Tensor[] = [];
    if (this.ctx._saved !== null) tensorsIn([this.ctx._saved, this.ctx.state], out);
    return out;
  }
}

/**
 * Define a differentiable op from a forward and a closed-form backward. Returns a function taking
 * the same arguments; its result records the op when a tensor argument requires grad.
 *
 * @pytorch torch.autograd.Function (forward, backward, ctx.save_for_backward)
 * @example
 * ```ts
 * const square = defineCustomOp<[Tensor], undefined>({
 *   name: 'Square',
 *   forward: (ctx, x) => { ctx.saveForBackward(x); return x.mul(x); },
 *   backward: (ctx, g) => g.mul(ctx.savedTensors[0]).mul(2),
 * });
 * ```
 */
export function defineCustomOp<A extends readonly unknown[], S = undefined>(
  definition: CustomOpDefinition<A, S>,
): (...args: A) => Tensor {
  const { name, forward, backward } = definition;
  return (...args: A): Tensor => {
    const ctx = new Context<S>();
    const tensors = args.filter(isTensor);
    // known in forward, as PyTorch's ctx.needs_input_grad (a fused forward can compute its gradient then)
    const recording = isGradEnabled();
    ctx.needsInputGrad = tensors.map((t) => recording && requiresGradOf(t));
    const out = noGrad(() => forward.call(definition, ctx, ...args));
    if (!ctx.needsInputGrad.includes(true) || !out.isFloatingPoint()) return out;
    const next = tensors.map(edgeOf);
    // a forward that returns an argument itself: the result gets its own history
    const result = tensors.includes(out) ? makeTensor(out.storage ?? out.data, out.shape, out.dtype, out.strides, out.offset) : out;
    meta(result).fn = new CustomNode(name, ctx, backward.bind(definition), next, result);
    return result;
  };
}
