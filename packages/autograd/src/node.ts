// Graph nodes: what backward walks. One node per recorded op (PyTorch's grad_fn), plus one
// AccumulateGrad node per leaf that requires grad.
import { TorchletError, type DType, type GradFn, type GradHook, type Tensor } from '@torchlet/tensor-core';
import { formatShape, storageVersion } from '@torchlet/tensor-core/internal';
import { rules, type PrimitiveName, type SavedState } from './rules/index.js';
import type { GradRule, Grads } from './rules/types.js';
import { tensorsIn } from './tensors-in.js';

/**
 * A gradient hook: returns a replacement gradient, or nothing to keep it.
 *
 * @pytorch a hook passed to torch.Tensor.register_hook
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true });
 * const double: TensorHook = (g) => g.mul(2);
 * x.registerHook(double);
 * x.sum().backward(); // x.grad is 2s
 * ```
 */
export type TensorHook = GradHook;

export const FREED_MESSAGE =
  'Trying to backward through the graph a second time (or directly access saved tensors after they ' +
  'have already been freed). Saved intermediate values of the graph are freed when you call ' +
  '.backward() or grad(). Specify retainGraph: true if you need to backward through the graph a ' +
  'second time or if you need to access saved tensors after calling backward.';

/**
 * A node of the backward graph: the function that maps the gradient of the tensor it produced to its inputs' gradients.
 *
 * @pytorch torch.autograd.graph.Node (a tensor's grad_fn)
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true });
 * const node = x.mul(2).sum().gradFn as Node;
 * const inputs = node.next; // edges to the inputs' nodes, as next_functions
 * ```
 */
export abstract class Node implements GradFn {
  /** Edges to each input's node (null for inputs that need no gradient), as PyTorch's next_functions. */
  readonly next: readonly (Node | null)[];
  /** Shape and dtype of the tensor this node produced (its gradient must match them). */
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** Hooks registered on the tensor this node produced (registerHook, retainGrad), in order. */
  hooks: TensorHook[] | null = null;

  constructor(next: readonly (Node | null)[], shape: readonly number[], dtype: DType) {
    this.next = next;
    this.shape = shape;
    this.dtype = dtype;
  }

  /** A name given after recording (a loss composed of several ops shows PyTorch's one node's name). */
  nameOverride: string | null = null;

  /** PyTorch's grad_fn class name, e.g. 'MulBackward0'. */
  get name(): string {
    return this.nameOverride ?? this.opName;
  }

  /** The name of the op that recorded this node. */
  protected abstract get opName(): string;

  /** The nodes of the inputs (null where an input needs no gradient). */
  get nextFunctions(): readonly (Node | null)[] {
    return this.next;
  }

  /** Input gradients (one per edge) from the gradient of the output. */
  abstract apply(grad: Tensor): Grads;

  /** Free what was saved for backward (called after backward unless retainGraph). */
  abstract release(): void;

  /** The tensors saved for backward (none once released). */
  abstract savedTensors(): Tensor[];

  toString(): string {
    return `<${this.name}>`;
  }
}

/**
 * The node of a primitive op: its backward is the rule `rules()[op]`.
 *
 * @pytorch the grad_fn of a built-in op (e.g. MulBackward0)
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true });
 * const node = x.mul(2).gradFn;
 * const isOp = node instanceof FunctionNode; // true
 * ```
 */
export class FunctionNode<P extends PrimitiveName = PrimitiveName> extends Node {
  readonly op: P;
  saved: SavedState[P];
  /** Set after backward without retainGraph: rules that save tensors can no longer run. */
  released = false;

  constructor(op: P, next: readonly (Node | null)[], saved: SavedState[P], shape: readonly number[], dtype: DType) {
    super(next, shape, dtype);
    this.op = op;
    this.saved = saved;
  }

  protected get opName(): string {
    return rules()[this.op].name;
  }

  /** The saved tensors PyTorch would keep here, with their storage versions when saved (see record). */
  savedVersions: SavedVersions | null = null;

  apply(grad: Tensor): Grads {
    const rule = rules()[this.op] as GradRule<SavedState[P]>;
    if (this.released && rule.savesTensors) throw new TorchletError(FREED_MESSAGE);
    if (this.savedVersions !== null) checkSavedVersions(this.savedVersions, rule.name);
    return rule.backward(grad, this.saved, this.next);
  }

  savedTensors(): Tensor[] {
    const out: Tensor[] = [];
    tensorsIn(this.saved, out);
    return out;
  }

  release(): void {
    if (!rules()[this.op].savesTensors) return;
    this.released = true;
    this.saved = null as SavedState[P];
    this.savedVersions = null;
  }
}

/**
 * The node that adds a leaf's incoming gradient into `leaf.grad`.
 *
 * @pytorch torch.autograd.graph's AccumulateGrad node (a leaf's grad accumulator)
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true });
 * const node = (x.mul(2).gradFn as Node).next[0];
 * const leaf = node instanceof AccumulateGrad ? node.variable : null; // x
 * ```
 */
export class AccumulateGrad extends Node {
  readonly variable: Tensor;

  constructor(variable: Tensor) {
    super([], variable.shape, variable.dtype);
    this.variable = variable;
  }

  protected get opName(): string {
    return 'AccumulateGrad';
  }

  apply(): Grads {
    return [];
  }

  release(): void {}

  savedTensors(): Tensor[] {
    return [];
  }
}

/** Saved tensors with the storage version each had when it was saved. */
export type SavedVersions = ReadonlyArray<readonly [Tensor, number]>;

/**
 * PyTorch's check: a tensor saved for backward and modified in place since (an optimizer step, an
 * in-place op) would give a wrong gradient, so backward refuses.
 */
export function checkSavedVersions(versions: SavedVersions, fnName: string): void {
  for (const [t, saved] of versions) {
    const now = storageVersion(t);
    if (now !== saved) {
      // PyTorch's wording, so that the message is searchable; its tensor type names
      const type = `torch.${t.dtype === 'float64' ? 'Double' : t.dtype === 'int64' ? 'Long' : t.dtype === 'int32' ? 'Int' : t.dtype === 'bool' ? 'Bool' : 'Float'}Tensor`;
      throw new TorchletError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
          `[${type} ${formatShape(t.shape)}], saved by ${fnName}, is at version ${now}; expected version ${saved} ` +
          `instead. Hint: compute the loss again after the in-place change (for example after optimizer.step()), ` +
          `or apply the op out of place.`,
      );
    }
  }
}
