// Types shared by every optimizer: what a parameter is, param groups, closures and state dicts.
import type { Tensor as CoreTensor } from '@torchlet/tensor-core';

/**
 * What an optimizer updates: an @torchlet/autograd `Tensor` (or anything shaped like one).
 * `value` is updated in place; `grad` is read through `grad.value` and, by `zeroGrad()`, zeroed
 * in place or set to `null`. A parameter whose `grad` is `null` is skipped by `step()`, as in PyTorch.
 */
export interface Param {
  readonly value: CoreTensor;
  grad: { readonly value: CoreTensor } | null;
}

/** Fields the lr schedulers read and write on a param group (PyTorch's `initial_lr`, `max_lr`, ...). */
export interface SchedulerGroupFields {
  /** The lr a scheduler started from (set by the first scheduler attached, like PyTorch). */
  initialLr?: number;
  /** OneCycleLR's peak and final learning rates. */
  maxLr?: number;
  minLr?: number;
  /** OneCycleLR's momentum (or beta1) range. */
  maxMomentum?: number;
  baseMomentum?: number;
}

/** Options every optimizer has. */
export interface BaseGroupOptions {
  lr: number;
}

/** A param group: its params, its resolved options (defaults filled in) and scheduler fields. */
export type ParamGroup<O extends BaseGroupOptions> = O & SchedulerGroupFields & { params: Param[] };

/** What `addParamGroup` and the constructor accept: params plus any options to override. */
export type ParamGroupInput<O extends BaseGroupOptions> = Partial<O> & SchedulerGroupFields & {
  params: Iterable<Param>;
};

/** A loss as a closure may return it: a number, or a tensor with `item()` (autograd or core). */
export type LossLike = number | { item(): number };

/** Recomputes the loss and the gradients (zeroGrad, forward, backward) and returns the loss. */
export type Closure<L extends LossLike = LossLike> = () => L;

/** A param group as stored in a state dict: options plus the indices of its params. */
export type PackedParamGroup<O extends BaseGroupOptions> = O & SchedulerGroupFields & { params: number[] };

/**
 * PyTorch's optimizer state_dict layout: per-param state keyed by the param's index (counted over
 * all groups in order), and the groups' options with their params replaced by those indices.
 * Tensors in it are copies: stepping the optimizer afterwards does not change a saved dict.
 */
export interface OptimizerStateDict<O extends BaseGroupOptions, S> {
  state: Record<number, S>;
  paramGroups: PackedParamGroup<O>[];
}

export interface ZeroGradOptions {
  /** Set each `grad` to `null` instead of zeroing it (default `true`, PyTorch 2.x's default). */
  setToNone?: boolean;
}
