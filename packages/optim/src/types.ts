// Types shared by every optimizer: what a parameter is, param groups, closures and state dicts.
import type { Tensor } from '@torchlet/tensor-core';

/**
 * What an optimizer updates: a floating-point leaf `Tensor` (usually one that requires grad, such as
 * a module's parameter). `step()` updates it in place under `noGrad` and reads its `grad`;
 * `zeroGrad()` zeroes the `grad` in place or sets it to `null`. A parameter whose `grad` is `null`
 * is skipped by `step()`, as in PyTorch.
 *
 * @pytorch torch.nn.Parameter (here any floating leaf Tensor)
 * @example
 * ```ts
 * const p: Param = randn([3], { requiresGrad: true });
 * const optimizer = new SGD([p], { lr: 0.1 });
 * ```
 */
export type Param = Tensor;

/**
 * Fields the lr schedulers read and write on a param group (PyTorch's `initial_lr`, `max_lr`, ...).
 *
 * @pytorch the keys torch.optim.lr_scheduler adds to a param group (initial_lr, max_lr, ...)
 * @example
 * ```ts
 * const optimizer = new SGD([randn([3], { requiresGrad: true })], { lr: 0.1 });
 * new StepLR(optimizer, { stepSize: 10 });
 * const fields: SchedulerGroupFields = optimizer.paramGroups[0]; // fields.initialLr === 0.1
 * ```
 */
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

/**
 * Options every optimizer has.
 *
 * @pytorch the options every torch.optim optimizer's param groups have (lr)
 * @example
 * ```ts
 * const base: BaseGroupOptions = { lr: 0.1 };
 * const optimizer = new SGD([randn([3], { requiresGrad: true })], base);
 * ```
 */
export interface BaseGroupOptions {
  lr: number;
}

/**
 * A param group: its params, its resolved options (defaults filled in) and scheduler fields.
 *
 * @pytorch an entry of torch.optim.Optimizer.param_groups
 * @example
 * ```ts
 * const optimizer = new Adam([randn([3], { requiresGrad: true })]);
 * const group: ParamGroup<AdamGroupOptions> = optimizer.paramGroups[0];
 * group.lr = 1e-4;
 * ```
 */
export type ParamGroup<O extends BaseGroupOptions> = O & SchedulerGroupFields & { params: Param[] };

/**
 * What `addParamGroup` and the constructor accept: params (or one tensor) plus any options to override.
 *
 * @pytorch a dict in the params argument of a torch.optim optimizer ({'params': ..., 'lr': ...})
 * @example
 * ```ts
 * const [body, head] = [randn([4], { requiresGrad: true }), randn([2], { requiresGrad: true })];
 * const groups: ParamGroupInput<SGDGroupOptions>[] = [{ params: [body] }, { params: head, lr: 0.01 }];
 * const optimizer = new SGD(groups, { lr: 0.1 });
 * ```
 */
export type ParamGroupInput<O extends BaseGroupOptions> = Partial<O> & SchedulerGroupFields & {
  params: Iterable<Param> | Param;
};

/**
 * A loss as a closure may return it: a number, or a tensor (anything with `item()`).
 *
 * @pytorch the loss a torch.optim closure returns (a number or a tensor)
 * @example
 * ```ts
 * const loss: LossLike = randn([1]).sum();
 * const value = typeof loss === 'number' ? loss : loss.item();
 * ```
 */
export type LossLike = number | { item(): number };

/**
 * Recomputes the loss and the gradients (zeroGrad, forward, backward) and returns the loss. `step()`
 * runs it with grad mode on, even when `step()` itself is called inside `noGrad`.
 *
 * @pytorch the closure argument of torch.optim.Optimizer.step
 * @example
 * ```ts
 * const w = randn([3], { requiresGrad: true });
 * const optimizer = new LBFGS([w]);
 * const closure: Closure = () => { optimizer.zeroGrad(); const loss = w.pow(2).sum(); loss.backward(); return loss; };
 * optimizer.step(closure);
 * ```
 */
export type Closure<L extends LossLike = LossLike> = () => L;

/**
 * A loss as an async closure may give it: a number, or a tensor on any device (anything with `itemAsync()`).
 *
 * @pytorch none (PyTorch's losses are synchronous): the loss a `LBFGS.stepAsync` closure returns on a device
 * @example
 * ```ts
 * const loss: AsyncLossLike = randn([1]).sum();
 * const value = typeof loss === 'number' ? loss : await loss.itemAsync();
 * ```
 */
export type AsyncLossLike = number | { itemAsync(): Promise<number> };

/**
 * A closure for `LBFGS.stepAsync`: as `Closure`, and it may return a promise of the loss.
 *
 * @pytorch none (the closure of torch.optim.LBFGS.step, for `stepAsync`, whose reads of a device's values are asynchronous)
 * @example
 * ```ts
 * const w = randn([3], { requiresGrad: true });
 * const optimizer = new LBFGS([w]);
 * const closure: AsyncClosure = () => { optimizer.zeroGrad(); const loss = w.pow(2).sum(); loss.backward(); return loss; };
 * await optimizer.stepAsync(closure);
 * ```
 */
export type AsyncClosure<L extends AsyncLossLike = AsyncLossLike> = () => L | Promise<L>;

/**
 * A param group as stored in a state dict: options plus the indices of its params.
 *
 * @pytorch an entry of state_dict()['param_groups'] of a torch.optim optimizer (params as indices)
 * @example
 * ```ts
 * const optimizer = new Adam([randn([3], { requiresGrad: true })]);
 * const packed: PackedParamGroup<AdamGroupOptions> = optimizer.stateDict().paramGroups[0];
 * packed.params; // [0]
 * ```
 */
export type PackedParamGroup<O extends BaseGroupOptions> = O & SchedulerGroupFields & { params: number[] };

/**
 * PyTorch's optimizer state_dict layout: per-param state keyed by the param's index (counted over
 * all groups in order), and the groups' options with their params replaced by those indices.
 * Tensors in it are copies: stepping the optimizer afterwards does not change a saved dict.
 *
 * @pytorch the dict returned by torch.optim.Optimizer.state_dict (state and param_groups)
 * @example
 * ```ts
 * const optimizer = new Adam([randn([3], { requiresGrad: true })]);
 * const saved: OptimizerStateDict<AdamGroupOptions, rules.AdamState> = optimizer.stateDict();
 * optimizer.loadStateDict(saved);
 * ```
 */
export interface OptimizerStateDict<O extends BaseGroupOptions, S> {
  state: Record<number, S>;
  paramGroups: PackedParamGroup<O>[];
}

/**
 * Options of `Optimizer.zeroGrad`: whether each `grad` becomes `null` (the default) or a zero tensor.
 *
 * @pytorch the set_to_none argument of torch.optim.Optimizer.zero_grad
 * @example
 * ```ts
 * const optimizer = new SGD([randn([3], { requiresGrad: true })], { lr: 0.1 });
 * const options: ZeroGradOptions = { setToNone: false };
 * optimizer.zeroGrad(options);
 * ```
 */
export interface ZeroGradOptions {
  /** Set each `grad` to `null` instead of zeroing it (default `true`, PyTorch 2.x's default). */
  setToNone?: boolean;
}
