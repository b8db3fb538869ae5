// Module: the base class of every layer (torch.nn.Module) with explicit registration of
// parameters, buffers and submodules, PyTorch's dotted names, train/eval, dtype conversion and
// state dicts.
import { installAutograd, noGrad } from '@torchlet/autograd';
import {
  DEVICES,
  TorchletError,
  ValueError,
  isDevice,
  isFloatingDType,
  keep,
  type DType,
  type Device,
  type Tensor,
  type ToOptions,
} from '@torchlet/tensor-core';
import { isTensor, releaseIfLent, storageKey } from '@torchlet/tensor-core/internal';
import { Parameter } from './parameter.js';
import { planLoad, type IncompatibleKeys, type LoadScope, type LoadStateDictOptions, type StateDict } from './state-dict.js';

/**
 * Options of `Module.zeroGrad`: whether each parameter's `grad` becomes `null` (the default) or zeros.
 *
 * @pytorch the set_to_none argument of torch.nn.Module.zero_grad
 * @example
 * ```ts
 * const model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
 * const options: ZeroGradOptions = { setToNone: false };
 * model.zeroGrad(options);
 * ```
 */
export interface ZeroGradOptions {
  /** Set grads to null (default true, PyTorch 2.x's default, as Optimizer.zeroGrad) or zero them in place (false). */
  setToNone?: boolean;
}

/** A buffer as stored: the tensor itself, detached when it requires grad (buffers are not learned). */
/** What a value is, for errors about assigning it. */
function describeValue(value: unknown): string {
  if (isTensor(value)) return 'Tensor';
  if (value === null || value === undefined) return String(value);
  return typeof value === 'object' ? ((value as object).constructor?.name ?? 'object') : typeof value;
}

/** The proxy handler of every module (see the Module constructor). */
const fieldRegistrar: ProxyHandler<Module> = {
  defineProperty(target, key, descriptor) {
    if (typeof key === 'string' && 'value' in descriptor) target._assignField(key, descriptor.value);
    return Reflect.defineProperty(target, key, descriptor);
  },
  set(target, key, value) {
    // an accessor of the class (a getter, a setter) runs on the module itself; a data field is
    // defined or updated here
    const own = typeof key === 'string' && !isAccessor(target, key);
    if (own) target._assignField(key as string, value);
    return Reflect.set(target, key, value);
  },
};

/** Whether `key` is an accessor (getter or setter) on the object or its prototype chain. */
function isAccessor(target: object, key: string): boolean {
  for (let o: object | null = target; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d !== undefined) return d.get !== undefined || d.set !== undefined;
  }
  return false;
}

/** A buffer as the module holds it: detached, and kept when the `scope()` it was set in ends. */
function bufferOf(tensor: Tensor | null): Tensor | null {
  return keep(tensor !== null && tensor.requiresGrad ? tensor.detach() : tensor);
}

function checkName(kind: string, name: string): void {
  if (typeof name !== 'string') throw new TorchletError(`${kind} name should be a string, got ${typeof name}`);
  if (name === '') throw new TorchletError(`${kind} name can't be empty string ""`);
  if (name.includes('.')) throw new TorchletError(`${kind} name can't contain ".", got "${name}"`);
}

/**
 * Base class of every layer. Subclasses declare what they own as fields, as in PyTorch
 * (`fc1 = new Linear(4, 16)`, `scale = new Parameter(ones([3]))`: registered in definition order
 * under the field's name, typed, no casts), or register it in their constructor
 * (`registerParameter`, `registerBuffer`, `registerModule`), and define `forward(...)`.
 *
 * **The forward rule.** TypeScript has no callable objects, so a module is always run by calling
 * its `forward` method: `model.forward(x)` where PyTorch writes `model(x)`. Nothing else runs a
 * module (no hooks, no `call`), so reading `forward` tells you everything a module does.
 *
 * @pytorch torch.nn.Module
 * @example
 * ```ts
 * class TwoLayer extends Module {
 *   fc1 = new Linear(3, 4); // registered as a submodule, as PyTorch's __setattr__ does
 *   forward(x: Tensor): Tensor { return this.fc1.forward(x).relu(); }
 * }
 * ```
 */
export abstract class Module {
  /** Whether the module is in training mode (`train()` / `eval()`). */
  training = true;
  /** @internal */
  protected readonly _parameters = new Map<string, Parameter | null>();
  /** @internal */
  protected readonly _buffers = new Map<string, Tensor | null>();
  /** @internal */
  protected readonly _nonPersistent = new Set<string>();
  /** @internal */
  protected readonly _modules = new Map<string, Module | null>();

  constructor() {
    // modules hold parameters that require grad: the graph must be recorded from here on
    installAutograd();
    // Subclass fields are defined on the object the base constructor returns: a proxy that
    // registers modules and parameters as fields are defined or assigned (PyTorch's __setattr__)
    return new Proxy(this, fieldRegistrar);
  }

  /** A field still holding `before` (a parameter or buffer just replaced) now holds `after`. */
  private replaceField(name: string, before: Tensor, after: Tensor): void {
    const own = Object.getOwnPropertyDescriptor(this, name);
    if (own !== undefined && 'value' in own && own.value === before) Object.defineProperty(this, name, { ...own, value: after });
  }

  /** @internal A field `name` was defined or assigned `value`: register it as PyTorch's __setattr__ does. */
  _assignField(name: string, value: unknown): void {
    if (name.startsWith('_') || name === 'training') return;
    if (value instanceof Parameter) {
      checkName('parameter', name);
      this._modules.delete(name);
      this._buffers.delete(name);
      this._parameters.set(name, value);
    } else if (value instanceof Module) {
      checkName('module', name);
      this._parameters.delete(name);
      this._buffers.delete(name);
      this._modules.set(name, value);
    } else if (this._parameters.has(name)) {
      if (value !== null) {
        throw new TorchletError(`cannot assign '${describeValue(value)}' as parameter '${name}' (Parameter or null expected)`);
      }
      this._parameters.set(name, null);
    } else if (this._modules.has(name)) {
      if (value !== null) throw new TorchletError(`cannot assign '${describeValue(value)}' as child module '${name}' (Module or null expected)`);
      this._modules.set(name, null);
    } else if (this._buffers.has(name)) {
      if (value !== null && !isTensor(value)) throw new TorchletError(`cannot assign '${describeValue(value)}' as buffer '${name}' (Tensor or null expected)`);
      this._buffers.set(name, bufferOf(value as Tensor | null));
    }
  }

  /** The module's computation. Call it directly: `module.forward(input)` (see the forward rule above). */
  abstract forward(...inputs: never[]): unknown;

  /** The class name used in messages (PyTorch's `self.__class__.__name__`). */
  get typeName(): string {
    return this.constructor.name;
  }

  // ---- registration -----------------------------------------------------------------------------
  private checkFree(kind: string, name: string, own: Map<string, unknown>): void {
    checkName(kind, name);
    const taken = [this._parameters, this._buffers, this._modules].some((m) => m !== own && m.has(name));
    if (taken) throw new TorchletError(`attribute '${name}' already exists`);
  }

  /** Register a learnable parameter under `name` (null registers an absent one, like `bias=False`). */
  registerParameter(name: string, param: Parameter | null): void {
    this.checkFree('parameter', name, this._parameters);
    if (param !== null && !(param instanceof Parameter)) {
      throw new TorchletError(`cannot assign '${typeof param}' object to parameter '${name}' (Parameter or null required)`);
    }
    this._parameters.set(name, param);
  }

  /**
   * Register a buffer: state that is not learned but belongs in the state dict (running statistics).
   * Non-persistent buffers are left out of `stateDict()`. The tensor is kept as given (a tensor that
   * requires grad is detached first: buffers are never part of the graph).
   */
  registerBuffer(name: string, tensor: Tensor | null, persistent = true): void {
    this.checkFree('buffer', name, this._buffers);
    this._buffers.set(name, bufferOf(tensor));
    if (persistent) this._nonPersistent.delete(name);
    else this._nonPersistent.add(name);
  }

  /** Register a submodule under `name`; its parameters get the prefix `name.`. */
  registerModule(name: string, module: Module | null): void {
    this.checkFree('module', name, this._modules);
    if (module !== null && !(module instanceof Module)) {
      throw new TorchletError(`${String(module)} is not a Module subclass`);
    }
    this._modules.set(name, module);
  }

  /** Alias of `registerModule` (PyTorch's `add_module`). */
  addModule(name: string, module: Module | null): void {
    this.registerModule(name, module);
  }

  /** A registered parameter (null when registered as absent); throws if there is none by that name. */
  getParameter(name: string): Parameter | null {
    if (!this._parameters.has(name)) throw new TorchletError(`${this.typeName} has no parameter '${name}'`);
    return this._parameters.get(name) ?? null;
  }

  /** A registered buffer (null when registered as absent); throws if there is none by that name. */
  getBuffer(name: string): Tensor | null {
    if (!this._buffers.has(name)) throw new TorchletError(`${this.typeName} has no buffer '${name}'`);
    return this._buffers.get(name) ?? null;
  }

  /** A registered submodule by its (dotted) path, e.g. `getSubmodule('features.0')`. */
  getSubmodule(target: string): Module {
    if (target === '') return this;
    let mod: Module = this;
    for (const item of target.split('.')) {
      const next = mod._modules.get(item);
      if (!next) throw new TorchletError(`${mod.typeName} has no attribute \`${item}\``);
      mod = next;
    }
    return mod;
  }

  /** Replace a parameter's tensor (used by dtype conversion; the name must exist). */
  protected setParameter(name: string, param: Parameter | null): void {
    if (!this._parameters.has(name)) throw new TorchletError(`${this.typeName} has no parameter '${name}'`);
    this._parameters.set(name, param);
  }

  /** Replace a buffer's tensor (the name must exist). */
  protected setBuffer(name: string, tensor: Tensor | null): void {
    if (!this._buffers.has(name)) throw new TorchletError(`${this.typeName} has no buffer '${name}'`);
    this._buffers.set(name, bufferOf(tensor));
  }

  // ---- traversal --------------------------------------------------------------------------------
  /** [name, module] for this module and every descendant, depth first, each module once. */
  *namedModules(prefix = '', memo: Set<Module> = new Set()): Generator<[string, Module]> {
    if (memo.has(this)) return;
    memo.add(this);
    yield [prefix, this];
    for (const [name, m] of this._modules) {
      if (m === null) continue;
      yield* m.namedModules(prefix === '' ? name : `${prefix}.${name}`, memo);
    }
  }

  *modules(): Generator<Module> {
    for (const [, m] of this.namedModules()) yield m;
  }

  /** [name, module] for the direct children. */
  *namedChildren(): Generator<[string, Module]> {
    const seen = new Set<Module>();
    for (const [name, m] of this._modules) {
      if (m === null || seen.has(m)) continue;
      seen.add(m);
      yield [name, m];
    }
  }

  *children(): Generator<Module> {
    for (const [, m] of this.namedChildren()) yield m;
  }

  private *namedMembers<T>(
    pick: (m: Module) => Map<string, T | null>,
    prefix: string,
    recurse: boolean,
  ): Generator<[string, T]> {
    const seen = new Set<T>();
    const mods: Iterable<[string, Module]> = recurse ? this.namedModules(prefix) : [[prefix, this]];
    for (const [modPrefix, m] of mods) {
      for (const [name, t] of pick(m)) {
        if (t === null || seen.has(t)) continue;
        seen.add(t);
        yield [modPrefix === '' ? name : `${modPrefix}.${name}`, t];
      }
    }
  }

  /** [dotted name, parameter] for every parameter (each tensor once), as `named_parameters()`. */
  namedParameters(prefix = '', recurse = true): Generator<[string, Parameter]> {
    return this.namedMembers((m) => m._parameters, prefix, recurse);
  }

  /** Every parameter, in registration order, submodules after their parent's own. */
  *parameters(recurse = true): Generator<Parameter> {
    for (const [, p] of this.namedParameters('', recurse)) yield p;
  }

  /** [dotted name, buffer] for every buffer (persistent or not). */
  namedBuffers(prefix = '', recurse = true): Generator<[string, Tensor]> {
    return this.namedMembers((m) => m._buffers, prefix, recurse);
  }

  *buffers(recurse = true): Generator<Tensor> {
    for (const [, b] of this.namedBuffers('', recurse)) yield b;
  }

  // ---- modes and helpers ------------------------------------------------------------------------
  /** Set training mode on this module and every descendant; returns this. */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new ValueError(`train(): argument 'mode' expected a boolean, got ${typeof mode}`);
    this.training = mode;
    for (const m of this.children()) m.train(mode);
    return this;
  }

  /** Evaluation mode (`train(false)`): Dropout passes through, BatchNorm uses running statistics. */
  eval(): this {
    return this.train(false);
  }

  /** Reset every parameter's gradient: set to null (the default, PyTorch 2.x's) or zeroed in place with `{ setToNone: false }`. */
  zeroGrad(options: ZeroGradOptions = {}): void {
    for (const p of this.parameters()) {
      const g = p.grad;
      if (g === null) continue;
      if (options.setToNone ?? true) {
        p.grad = null;
        // a gradient in backend memory that a scope() lent goes back now: nothing else would free it in time
        releaseIfLent(g);
        continue;
      }
      // as PyTorch: a gradient with history (createGraph) is detached first, then zeroed in place
      const leaf = g.gradFn === null ? g.requiresGrad_(false) : g.detach();
      if (leaf !== g) p.grad = leaf;
      noGrad(() => leaf.zero_());
    }
  }

  /** Set `requiresGrad` on every parameter (freeze with `false`); returns this. */
  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad = requiresGrad;
    return this;
  }

  /** Call `fn` on every submodule (children first, recursively) and then on this one; returns this. */
  apply(fn: (module: Module) => void): this {
    for (const m of this.children()) m.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Move parameters and buffers to `device` and/or convert the floating-point ones to `dtype`
   * (`model.to('float64')`, `model.to('webgpu')`, `model.to({ device, dtype })`; integer buffers such
   * as `num_batches_tracked` keep their dtype). Moved or converted parameters are new Parameter
   * objects (their grads moved too): build optimizers after, as PyTorch advises. Moving off a device
   * other than the CPU reads it back: `await model.toAsync('cpu')`.
   */
  to(target: DType | Device | ToOptions): this {
    const { dtype, device } = this.toTarget(target);
    if (dtype === undefined && device === undefined) return this;
    // converted without recording, as PyTorch's _apply under no_grad
    noGrad(() =>
      this.convert((t) => {
        // integer tensors (num_batches_tracked) move but keep their dtype
        const base = t.detach();
        const cast = dtype !== undefined && isFloatingDType(t.dtype) ? base.to(dtype) : base;
        return device === undefined ? cast : cast.to(device);
      }),
    );
    return this;
  }

  /** `to()` that can also read parameters back from a device (GPU): `await model.toAsync('cpu')`. */
  async toAsync(target: DType | Device | ToOptions): Promise<this> {
    const { dtype, device } = this.toTarget(target);
    const moved = new Map<Tensor, Tensor>();
    for (const m of this.modules()) {
      for (const t of [...m._parameters.values(), ...m._buffers.values()]) {
        if (t === null) continue;
        moved.set(t, await t.detach().toAsync(device ?? t.device));
        if (t.grad !== null) moved.set(t.grad, await t.grad.toAsync(device ?? t.device));
      }
    }
    noGrad(() => this.convert((t) => moved.get(t) ?? t));
    return dtype === undefined ? this : this.to(dtype);
  }

  private toTarget(target: DType | Device | ToOptions): { dtype: DType | undefined; device: Device | undefined } {
    const { dtype, device } = typeof target === 'string' ? (isDevice(target) ? { device: target, dtype: undefined } : { dtype: target, device: undefined }) : target;
    if (device !== undefined && !isDevice(device)) {
      throw new ValueError(`to(): argument 'device' expected a device (${DEVICES.map((d) => `'${d}'`).join(', ')}), got '${String(device)}'`);
    }
    if (dtype !== undefined && !isFloatingDType(dtype)) {
      throw new ValueError(`to(): nn.Module.to only accepts floating point dtypes, but got desired dtype=${dtype}`);
    }
    return { dtype, device };
  }

  /** Replace every parameter and buffer by `apply(t)` where that gives another tensor (new Parameter objects, grads moved too). */
  private convert(apply: (t: Tensor) => Tensor): void {
    for (const m of this.modules()) {
      for (const [name, p] of m._parameters) {
        if (p === null) continue;
        const data = apply(p);
        if (data === p || (data.dtype === p.dtype && data.device === p.device && storageKey(data) === storageKey(p))) continue;
        const converted = new Parameter(data, p.requiresGrad);
        if (p.grad !== null) converted.grad = apply(p.grad);
        m._parameters.set(name, converted);
        m.replaceField(name, p, converted);
      }
      for (const [name, b] of m._buffers) {
        if (b === null) continue;
        const moved = apply(b);
        if (moved.dtype !== b.dtype || moved.device !== b.device || storageKey(moved) !== storageKey(b)) {
          m._buffers.set(name, moved);
          m.replaceField(name, b, moved);
        }
      }
    }
  }

  /** `to('float64')` */
  double(): this {
    return this.to('float64');
  }

  /** `to('float32')` */
  float(): this {
    return this.to('float32');
  }

  // ---- state dicts ------------------------------------------------------------------------------
  /**
   * Parameters and persistent buffers by PyTorch's dotted keys, in PyTorch's order: a module's own
   * parameters, then its buffers, then each child's entries. The tensors are detached (plain tensors
   * that do not require grad, as PyTorch's `keep_vars=False`) and share storage with the module.
   */
  stateDict(prefix = ''): StateDict {
    const out: StateDict = {};
    this.saveToStateDict(out, prefix);
    return out;
  }

  private saveToStateDict(out: StateDict, prefix: string): void {
    for (const [name, p] of this._parameters) if (p !== null) out[prefix + name] = p.detach();
    for (const [name, b] of this._buffers) {
      if (b !== null && !this._nonPersistent.has(name)) out[prefix + name] = b.detach();
    }
    for (const [name, m] of this._modules) if (m !== null) m.saveToStateDict(out, `${prefix}${name}.`);
  }

  /**
   * Copy values from `stateDict` into this module's parameters and buffers (in place, converting
   * dtypes, without recording gradients). Shape mismatches always throw; with `strict` (the
   * default) missing and unexpected keys throw too, with PyTorch's message. Nothing is copied
   * when it throws. Returns the missing and unexpected keys.
   */
  loadStateDict(stateDict: Readonly<Record<string, Tensor>>, options: LoadStateDictOptions = {}): IncompatibleKeys {
    if (typeof options !== 'object' || options === null) {
      throw new TorchletError(`${this.typeName}.loadStateDict(): argument 'options' expected an object, got ${options === null ? 'null' : typeof options}`);
    }
    const scopes: LoadScope[] = [];
    for (const [modPrefix, m] of this.namedModules()) {
      const local = new Map<string, Tensor>();
      for (const [name, p] of m._parameters) if (p !== null) local.set(name, p);
      for (const [name, b] of m._buffers) if (b !== null && !m._nonPersistent.has(name)) local.set(name, b);
      scopes.push({ prefix: modPrefix === '' ? '' : `${modPrefix}.`, local, children: new Set(m._modules.keys()) });
    }
    const plan = planLoad(this.typeName, scopes, stateDict, options.strict ?? true);
    noGrad(() => {
      for (const [dst, src] of plan.copies) dst.copy_(src);
    });
    return { missingKeys: plan.missingKeys, unexpectedKeys: plan.unexpectedKeys };
  }

  /** A short description: the class and its children, like PyTorch's repr. */
  toString(): string {
    const extra = this.extraRepr();
    const lines: string[] = [];
    for (const [name, m] of this._modules) {
      const text = m === null ? 'None' : m.toString();
      lines.push(`  (${name}): ${text.split('\n').join('\n  ')}`);
    }
    if (lines.length === 0) return `${this.typeName}(${extra})`;
    return `${this.typeName}(${extra ? `\n  ${extra}` : ''}\n${lines.join('\n')}\n)`;
  }

  /** Extra text shown inside `toString()` (a layer's sizes and options). */
  extraRepr(): string {
    return '';
  }

  /** What Node's `console.log` and `util.inspect` print: the repr, as PyTorch prints a module. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/**
 * A module whose forward takes and returns one tensor: what Sequential chains.
 *
 * @pytorch a torch.nn.Module whose forward maps one tensor to one tensor (what torch.nn.Sequential chains)
 * @example
 * ```ts
 * const layers: TensorModule[] = [new Linear(3, 4), new ReLU()];
 * const model = new Sequential(...layers);
 * ```
 */
export interface TensorModule extends Module {
  forward(input: Tensor): Tensor;
}

