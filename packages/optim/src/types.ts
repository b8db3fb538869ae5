// Types shared by every optimizer: what a parameter is, param groups, closures and state dicts.
import type { Tensor } from '@torchlet/tensor-core';

/**
 * What an optimizer updates: a floating-point leaf `Tensor` (usually one that requires grad, such as
 * a module's parameter). `step()` updates it in place under `noGrad` and reads its `grad`;
 * `zeroGrad()` zeroes the `grad` in place or sets it to `null`. A parameter whose `grad` is `null`
 * is skipped by `step()`, as in PyTorch.
 */
export type Param = Tensor;

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
  /** SWALR's target learning rate. */
  swaLr?: number;
}

/** Options every optimizer has. */
export interface BaseGroupOptions {
  lr: number;
}

/** A param group: its params, its resolved options (defaults filled in) and scheduler fields. */
export type ParamGroup<O extends BaseGroupOptions> = O & SchedulerGroupFields & { params: Param[] };

/** What `addParamGroup` and the constructor accept: params (or one tensor) plus any options to override. */
export type ParamGroupInput<O extends BaseGroupOptions> = Partial<O> & SchedulerGroupFields & {
  params: Iterable<Param> | Param;
};

/** A loss as a closure may return it: a number, or a tensor (anything with `item()`). */
export type LossLike = number | { item(): number };

/**
 * Recomputes the loss and the gradients (zeroGrad, forward, backward) and returns the loss. `step()`
 * runs it with grad mode on, even when `step()` itself is called inside `noGrad`.
 */
export type Closure<L extends LossLike = LossLike> = () => L;

/** A loss as an async closure may give it: a number, or a tensor on any device (anything with `itemAsync()`). */
export type AsyncLossLike = number | { itemAsync(): Promise<number> };

/** A closure for `LBFGS.stepAsync`: as `Closure`, and it may return a promise of the loss. */
export type AsyncClosure<L extends AsyncLossLike = AsyncLossLike> = () => L | Promise<L>;

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
