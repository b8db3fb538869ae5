// The shape of a backward rule. Rules are written with autograd ops so that the backward itself
// is differentiable (createGraph); the engine runs them under noGrad otherwise.
import type { Node } from '../node.js';
import type { Tensor } from '@torchlet/tensor-core';

/** One gradient per input edge; null where the input needs none. */
export type Grads = readonly (Tensor | null)[];

export interface GradRule<S> {
  /** PyTorch's grad_fn class name, e.g. 'MulBackward0'. */
  readonly name: string;
  /** Whether the saved state holds tensors: then it is freed after backward unless retainGraph. */
  readonly savesTensors: boolean;
  /** Input gradients from the output gradient `g`; `next[i]` is null when input i needs no gradient. */
  backward(g: Tensor, saved: S, next: readonly (Node | null)[]): Grads;
  /**
   * The saved tensors PyTorch keeps for this node given which inputs need a gradient (`next`), with
   * OUTPUT for the node's own result: modifying one of them in place before backward makes backward
   * refuse, as PyTorch does. Rules without it check nothing (so no false alarm where PyTorch saves
   * less than torchlet).
   */
  readonly versioned?: (saved: S, next: readonly (Node | null)[]) => readonly unknown[];
}

/** In `GradRule.versioned`: the node's output (saved by the op after recording). */
export const OUTPUT: unique symbol = Symbol('output');

/** Rules for every primitive of a family, typed by that family's saved-state map. */
export type RuleTable<M> = { readonly [P in keyof M]: GradRule<M[P]> };
