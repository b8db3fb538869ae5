// The Optimizer base class: param groups with per-group options, zeroGrad, state dicts.
import { installAutograd, noGrad } from '@torchlet/autograd';
import { DTypeError, Tensor, TorchletError, ValueError, keep } from '@torchlet/tensor-core';
import { releaseIfLent } from '@torchlet/tensor-core/internal';
import { withDefaults } from './options.js';
import { checkStateDictObject, cloneState, describeValue } from './util.js';
import { userWarning } from './warn.js';
import type {
  BaseGroupOptions,
  Closure,
  LossLike,
  OptimizerStateDict,
  PackedParamGroup,
  Param,
  ParamGroup,
  ParamGroupInput,
  ZeroGradOptions,
} from './types.js';

function isParam(x: unknown): x is Param {
  return x instanceof Tensor;
}

function isGroupInput<O extends BaseGroupOptions>(x: Param | ParamGroupInput<O>): x is ParamGroupInput<O> {
  return !isParam(x) && typeof x === 'object' && x !== null && 'params' in x;
}

/**
 * Base class of every optimizer, as `torch.optim.Optimizer`.
 *
 * `O` is the resolved per-group options (every field set), `S` the per-parameter state.
 * Subclasses implement `step()` and `validate()`; state lives in `state`, keyed by parameter.
 * The constructor installs autograd (`installAutograd()`), and `step()` updates the parameters
 * under `noGrad`, as PyTorch's `@torch.no_grad()` step: in-place updates of leaves that require
 * grad are not recorded (outside noGrad they throw).
 *
 * @pytorch torch.optim.Optimizer
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true }); // autograd installed (installAutograd())
 * const optimizer: Optimizer<AdamGroupOptions, object> = new Adam([w]);
 * optimizer.zeroGrad();
 * optimizer.paramGroups[0].lr = 1e-4; // change the lr, as in PyTorch
 * ```
 */
export abstract class Optimizer<O extends BaseGroupOptions, S extends object> {
  /** The options used for any field a param group does not set. */
  readonly defaults: Readonly<O>;
  /** The param groups, in order; edit `lr` (or other options) here to change them, as in PyTorch. */
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state (created lazily by `step()` for most optimizers). */
  state: Map<Param, S> = new Map();
  /** The class name, used in error messages. */
  readonly name: string;

  constructor(name: string, params: Iterable<Param> | Iterable<ParamGroupInput<O>>, defaults: O) {
    installAutograd();
    this.name = name;
    this.validate(defaults);
    this.defaults = Object.freeze({ ...defaults });
    const list = [...(params as Iterable<Param | ParamGroupInput<O>>)];
    if (list.length === 0) throw new ValueError(`${name}: optimizer got an empty parameter list`);
    const groups: ParamGroupInput<O>[] = isGroupInput(list[0])
      ? (list as ParamGroupInput<O>[])
      : [{ params: list as Param[] } as unknown as ParamGroupInput<O>];
    for (const g of groups) this.addParamGroup(g);
  }

  /** Throw a ValueError naming the argument for any invalid option. */
  protected abstract validate(options: O): void;

  /** One optimization step. `closure` re-evaluates the loss and gradients; its loss is returned. */
  abstract step(closure?: Closure): LossLike | undefined;

  /**
   * Add a param group (fine-tuning: unfreeze layers later). Options the group omits, or sets to
   * `undefined`, come from `defaults`.
   */
  addParamGroup(group: ParamGroupInput<O>): void {
    if (typeof group !== 'object' || group === null || !('params' in group) || group.params == null) {
      throw new TorchletError(`${this.name}.addParamGroup(): argument 'group' expected { params, ...options }`);
    }
    const params = isParam(group.params) ? [group.params] : [...group.params];
    params.forEach((p, i) => {
      if (!isParam(p)) {
        throw new TorchletError(`${this.name}: optimizer can only optimize tensors, but params[${i}] is ${typeof p}`);
      }
    });
    params.forEach((p, i) => {
      if (!p.isFloatingPoint()) {
        throw new DTypeError(
          `${this.name}: argument 'params[${i}]' expected a floating-point tensor (float32 or float64), got dtype ${p.dtype}`,
        );
      }
      // PyTorch: "can't optimize a non-leaf Tensor" (a step would write into a graph's intermediate)
      if (!p.isLeaf && !p.retainsGrad) {
        throw new ValueError(
          `${this.name}: argument 'params[${i}]' expected a leaf tensor, got a non-leaf tensor (gradFn ${p.gradFn?.name}); ` +
            "can't optimize a non-leaf Tensor: pass x.detach().requiresGrad_(true) instead",
        );
      }
    });
    // PyTorch 1.13 warns here (a later version is to raise)
    if (new Set(params).size !== params.length) {
      userWarning(
        `${this.name}: optimizer contains a parameter group with duplicate parameters; ` +
          'in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information',
      );
    }
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    if (params.some((p) => seen.has(p))) throw new ValueError('some parameters appear in more than one parameter group');
    const resolved = { ...withDefaults(this.name, this.defaults, group), params } as ParamGroup<O>;
    this.validate(resolved);
    this.paramGroups.push(resolved);
    this.onAddGroup(resolved);
    this.keepState();
  }

  /** Hook for optimizers that create state eagerly (Adagrad). */
  protected onAddGroup(_group: ParamGroup<O>): void {}

  /**
   * Keep the state's tensors when the `scope()` around a step ends: the next step reads them. Every
   * step, eager state and loadStateDict call this (a no-op outside scopes).
   */
  protected keepState(): void {
    keep(this.state);
  }

  /**
   * Reset the gradients of every parameter. `setToNone` defaults to `true` (PyTorch 2.x's default;
   * 1.13 defaulted to `false`): it frees the memory and makes `step()` skip parameters that get no
   * gradient from the next backward. `{ setToNone: false }` zeroes the gradients in place instead
   * (detached from any graph first, as PyTorch's zero_grad).
   */
  zeroGrad(options: ZeroGradOptions = {}): void {
    const setToNone = options.setToNone ?? true;
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        let g = p.grad;
        if (g === null) continue;
        if (setToNone) {
          p.grad = null;
          // a gradient in backend memory that a scope() lent goes back now: nothing else would free it in time
          releaseIfLent(g);
          continue;
        }
        // a grad made with createGraph: cut it from its graph before writing into it
        if (g.gradFn !== null) p.grad = g = g.detach();
        else if (g.requiresGrad) g.requiresGrad_(false);
        const grad = g;
        noGrad(() => grad.zero_());
      }
    }
  }

  /** The parameters of every group that currently have a gradient, with their group. */
  protected *paramsWithGrad(): Generator<[Param, ParamGroup<O>]> {
    for (const group of this.paramGroups) {
      for (const p of group.params) if (p.grad !== null) yield [p, group];
    }
  }

  /** A snapshot of the state and the groups' options (see `OptimizerStateDict`). */
  stateDict(): OptimizerStateDict<O, S> {
    const index = new Map<Param, number>();
    const paramGroups = this.paramGroups.map((g) => {
      const { params, ...options } = g;
      const ids = params.map((p) => {
        if (!index.has(p)) index.set(p, index.size);
        return index.get(p) as number;
      });
      return { ...cloneState(options), params: ids } as PackedParamGroup<O>;
    });
    const state: Record<number, S> = {};
    for (const [p, s] of this.state) {
      const i = index.get(p);
      if (i !== undefined) state[i] = cloneState(s);
    }
    return { state, paramGroups };
  }

  /**
   * Restore a dict from `stateDict()` (same group sizes); tensors are copied and cast to each param's
   * dtype, and options missing from the dict take the optimizer's defaults.
   */
  loadStateDict(stateDict: OptimizerStateDict<O, S>): void {
    const where = `${this.name}.loadStateDict()`;
    checkStateDictObject(where, stateDict);
    const saved = stateDict.paramGroups;
    if (!Array.isArray(saved) || saved.length !== this.paramGroups.length) {
      throw new ValueError(
        `${where}: loaded state dict has ${Array.isArray(saved) ? saved.length : 'no'} parameter groups, ` +
          `the optimizer has ${this.paramGroups.length}`,
      );
    }
    const savedState: unknown = stateDict.state;
    if (typeof savedState !== 'object' || savedState === null || Array.isArray(savedState)) {
      throw new TorchletError(`${where}: the state dict's 'state' expected an object keyed by param index, got ${describeValue(savedState)}`);
    }
    saved.forEach((g: unknown, i) => {
      const ids = typeof g === 'object' && g !== null ? (g as { params?: unknown }).params : undefined;
      if (!Array.isArray(ids)) {
        throw new TorchletError(`${where}: loaded param group ${i} expected a 'params' list of param indices, got ${describeValue(ids)}`);
      }
    });
    saved.forEach((g, i) => {
      if (g.params.length !== this.paramGroups[i].params.length) {
        throw new ValueError(
          `${this.name}.loadStateDict(): loaded param group ${i} has ${g.params.length} params, ` +
            `the optimizer's group has ${this.paramGroups[i].params.length}`,
        );
      }
    });
    const idMap = new Map<number, Param>();
    saved.forEach((g, i) => g.params.forEach((id, j) => idMap.set(id, this.paramGroups[i].params[j])));
    const state = new Map<Param, S>();
    for (const [key, value] of Object.entries(stateDict.state)) {
      const p = idMap.get(Number(key));
      if (p === undefined) {
        throw new ValueError(`${this.name}.loadStateDict(): state for param ${key}, which no group lists`);
      }
      state.set(p, cloneState(value, p.dtype, p.device));
    }
    saved.forEach((g, i) => {
      const { params: _ids, ...options } = g;
      const group = this.paramGroups[i];
      const params = group.params;
      for (const k of Object.keys(group)) delete (group as unknown as Record<string, unknown>)[k];
      // options the dict lacks (saved before the option existed) take the defaults, as PyTorch's setdefault
      Object.assign(group, withDefaults(this.name, this.defaults, cloneState(options)), { params });
    });
    this.state = state;
    this.keepState();
  }
}
