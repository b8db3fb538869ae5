// Containers: Sequential (chains forward), ModuleList and ModuleDict (hold modules, no forward).
import { IndexError, TorchletError, type Tensor } from '@torchlet/tensor-core';
import { Module, type TensorModule } from './module.js';

function isRecord(x: unknown): x is Record<string, Module> {
  return typeof x === 'object' && x !== null && !(x instanceof Module);
}

function wrapIndex(index: number, length: number, what: string): number {
  if (!Number.isInteger(index) || index < -length || index >= length) {
    throw new IndexError(`index ${index} is out of range for ${what} of length ${length}`);
  }
  return index < 0 ? index + length : index;
}

/**
 * Chains modules: `forward(x)` runs each child's forward on the previous output. Children are
 * named '0', '1', ... (so parameters are '0.weight', ...), or by the keys of a record.
 *
 * @pytorch torch.nn.Sequential
 * @example
 * ```ts
 * const model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
 * const y = model.forward(randn([5, 3])); // shape [5, 2]
 * ```
 */
export class Sequential extends Module {
  constructor(...modules: TensorModule[] | [Record<string, TensorModule>]) {
    super();
    const first = modules[0];
    if (modules.length === 1 && isRecord(first)) {
      for (const [name, m] of Object.entries(first)) this.registerModule(name, m);
    } else {
      (modules as TensorModule[]).forEach((m, i) => this.registerModule(String(i), m));
    }
  }

  get length(): number {
    return this._modules.size;
  }

  /** The child at `index` (negative counts from the end). */
  at(index: number): TensorModule {
    const list = [...this._modules.values()];
    return list[wrapIndex(index, list.length, 'Sequential')] as TensorModule;
  }

  /** Append a module (named by its position). */
  append(module: TensorModule): this {
    this.registerModule(String(this._modules.size), module);
    return this;
  }

  [Symbol.iterator](): Iterator<TensorModule> {
    return ([...this._modules.values()].filter((m) => m !== null) as TensorModule[])[Symbol.iterator]();
  }

  forward(input: Tensor): Tensor {
    let x = input;
    for (const m of this._modules.values()) if (m !== null) x = (m as TensorModule).forward(x);
    return x;
  }
}

/**
 * Holds modules in a list (named '0', '1', ...): registered, but no forward of its own.
 *
 * @pytorch torch.nn.ModuleList
 * @example
 * ```ts
 * const layers = new ModuleList([new Linear(3, 3), new Linear(3, 3)]);
 * let x = randn([2, 3]);
 * for (const layer of layers) x = (layer as Linear).forward(x);
 * ```
 */
export class ModuleList extends Module {
  constructor(modules: Iterable<Module> = []) {
    super();
    for (const m of modules) this.append(m);
  }

  get length(): number {
    return this._modules.size;
  }

  at(index: number): Module {
    const list = [...this._modules.values()];
    return list[wrapIndex(index, list.length, 'ModuleList')] as Module;
  }

  append(module: Module): this {
    this.registerModule(String(this._modules.size), module);
    return this;
  }

  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }

  [Symbol.iterator](): Iterator<Module> {
    return ([...this._modules.values()].filter((m) => m !== null) as Module[])[Symbol.iterator]();
  }

  forward(): never {
    throw new TorchletError('ModuleList has no forward(): call the forward of the modules it holds');
  }
}

/**
 * Holds modules by name, in insertion order: registered, but no forward of its own.
 *
 * @pytorch torch.nn.ModuleDict
 * @example
 * ```ts
 * const heads = new ModuleDict({ cls: new Linear(8, 3), box: new Linear(8, 4) });
 * const cls = heads.get('cls') as Linear;
 * ```
 */
export class ModuleDict extends Module {
  constructor(modules: Record<string, Module> | Iterable<[string, Module]> = {}) {
    super();
    this.update(modules);
  }

  get size(): number {
    return this._modules.size;
  }

  get(key: string): Module {
    const m = this._modules.get(key);
    if (!m) throw new TorchletError(`ModuleDict has no key '${key}'`);
    return m;
  }

  has(key: string): boolean {
    return this._modules.has(key);
  }

  set(key: string, module: Module): this {
    if (this._modules.has(key)) this._modules.set(key, module);
    else this.registerModule(key, module);
    return this;
  }

  delete(key: string): boolean {
    return this._modules.delete(key);
  }

  keys(): string[] {
    return [...this._modules.keys()];
  }

  values(): Module[] {
    return [...this._modules.values()].filter((m): m is Module => m !== null);
  }

  entries(): [string, Module][] {
    return [...this._modules].filter((e): e is [string, Module] => e[1] !== null);
  }

  update(modules: Record<string, Module> | Iterable<[string, Module]>): this {
    const entries = Symbol.iterator in modules ? [...(modules as Iterable<[string, Module]>)] : Object.entries(modules);
    for (const [k, m] of entries) this.set(k, m);
    return this;
  }

  forward(): never {
    throw new TorchletError('ModuleDict has no forward(): call the forward of the modules it holds');
  }
}
