// Custom ops with their own backward (tfjs customGrad, candle CustomOp, torch.autograd.Function):
// the forward runs on core tensors; the backward returns one gradient per tensor argument.
import type * as core from '@torchlet/tensor-core';
import { TorchletError } from '@torchlet/tensor-core';
import { storageVersion } from '@torchlet/tensor-core/internal';
import { isGradEnabled } from './grad-mode.js';
import { FREED_MESSAGE, Node, checkSavedVersions } from './node.js';
import { edgeOf, wrap } from './record.js';
import type { Grads } from './rules/types.js';
import { Tensor } from './tensor.js';

/** An argument type seen by the caller: core tensors become autograd tensors. */
export type Lift<T> = T extends core.Tensor ? Tensor : T;
export type LiftArgs<A extends readonly unknown[]> = { [K in keyof A]: Lift<A[K]> };

/** What backward may return: one gradient (or null) per tensor argument, or one tensor if there is one. */
export type CustomOpGrads = Tensor | null | readonly (Tensor | null | undefined)[];

export interface CustomOpContext<S = undefined> {
  /** Keep core tensors (inputs, the output or intermediates) for backward. */
  saveForBackward(...tensors: core.Tensor[]): void;
  /**
   * In backward: the saved tensors as autograd tensors. Inputs and the output come back as the
   * graph's own tensors (so a backward written with autograd ops is itself differentiable); other
   * saved tensors come back as constants.
   */
  readonly savedTensors: readonly Tensor[];
  /** needsInputGrad[i]: whether the i-th tensor argument needs a gradient. */
  readonly needsInputGrad: readonly boolean[];
  /** Non-tensor values forward leaves for backward (shapes, options...). */
  state: S | undefined;
}

export interface CustomOpDefinition<A extends readonly unknown[], S> {
  /** Names the graph node `${name}Backward`. */
  name: string;
  /** The forward computation on core tensors (autograd tensor arguments arrive unwrapped). */
  forward(ctx: CustomOpContext<S>, ...args: A): core.Tensor;
  /** Gradients of the tensor arguments, in order, from the output's gradient (an autograd tensor). */
  backward(ctx: CustomOpContext<S>, gradOutput: Tensor): CustomOpGrads;
}

class Context<S> implements CustomOpContext<S> {
  state: S | undefined = undefined;
  needsInputGrad: readonly boolean[] = [];
  /** @internal */
  _saved: core.Tensor[] | null = [];
  /** @internal */
  _inputs: readonly Tensor[] = [];
  /** @internal */
  _output: Tensor | null = null;
  private resolved: Tensor[] | null = null;

  /** @internal The saved tensors' storage versions when saved (backward refuses changed ones, as PyTorch). */
  _versions: Array<readonly [core.Tensor, number]> = [];

  saveForBackward(...tensors: core.Tensor[]): void {
    if (this._saved === null) throw new TorchletError(FREED_MESSAGE);
    this._saved.push(...tensors);
    for (const t of tensors) this._versions.push([t, storageVersion(t)]);
  }

  get savedTensors(): readonly Tensor[] {
    if (this._saved === null) throw new TorchletError(FREED_MESSAGE);
    return (this.resolved ??= this._saved.map((t) => {
      if (this._output !== null && t === this._output.value) return this._output;
      return this._inputs.find((x) => x.value === t) ?? wrap(t);
    }));
  }

  release(): void {
    this._saved = null;
    this.resolved = null;
    this._versions = [];
  }
}

class CustomNode<S> extends Node {
  constructor(
    private readonly opName: string,
    private readonly ctx: Context<S>,
    private readonly backwardFn: (ctx: CustomOpContext<S>, g: Tensor) => CustomOpGrads,
    next: readonly (Node | null)[],
    out: core.Tensor,
  ) {
    super(next, out.shape, out.dtype);
  }

  get name(): string {
    return `${this.opName}Backward`;
  }

  apply(grad: Tensor): Grads {
    if (this.ctx._saved === null) throw new TorchletError(FREED_MESSAGE);
    checkSavedVersions(this.ctx._versions, this.name);
    const r = this.backwardFn(this.ctx, grad);
    const grads = r === null || r instanceof Tensor ? [r] : r;
    if (grads.length !== this.next.length) {
      throw new TorchletError(
        `customOp '${this.opName}': backward returned ${grads.length} gradients, expected ${this.next.length} ` +
          '(one per tensor argument, null where none)',
      );
    }
    return grads.map((g) => g ?? null);
  }

  release(): void {
    this.ctx.release();
  }
}

/**
 * Define a differentiable op from a forward on core tensors and a closed-form backward.
 * Returns a function taking the same arguments with autograd tensors in place of core tensors.
 */
export function defineCustomOp<A extends readonly unknown[], S = undefined>(
  definition: CustomOpDefinition<A, S>,
): (...args: LiftArgs<A>) => Tensor {
  const { name, forward, backward } = definition;
  return (...args: LiftArgs<A>): Tensor => {
    const ctx = new Context<S>();
    const tensors: Tensor[] = [];
    const coreArgs = args.map((a) => {
      if (a instanceof Tensor) {
        tensors.push(a);
        return a.value;
      }
      return a;
    }) as unknown as A;
    const out = forward.call(definition, ctx, ...coreArgs);
    const record = isGradEnabled() && tensors.some((t) => t.requiresGrad) && out.isFloatingPoint();
    if (!record) return wrap(out);
    ctx.needsInputGrad = tensors.map((t) => t.requiresGrad);
    ctx._inputs = tensors;
    const next = tensors.map(edgeOf);
    const result = new Tensor(out, new CustomNode(name, ctx, backward.bind(definition), next, out));
    ctx._output = result;
    return result;
  };
}
