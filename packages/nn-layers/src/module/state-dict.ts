// State dicts: PyTorch's key names and load_state_dict's checks and messages, planned before
// anything is copied so a failed load leaves the module untouched.
import { Tensor, TorchletError } from '@torchlet/tensor-core';

/**
 * Named tensors by PyTorch's dotted keys ('0.weight', 'features.1.running_mean').
 *
 * @pytorch the OrderedDict returned by torch.nn.Module.state_dict
 * @example
 * ```ts
 * const model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
 * const state: StateDict = model.stateDict(); // { '0.weight': Tensor, '0.bias': Tensor, ... }
 * model.loadStateDict(state);
 * ```
 */
export type StateDict = Record<string, Tensor>;

/**
 * Options of `Module.loadStateDict`: `strict` (default true) fails on missing or unexpected keys.
 *
 * @pytorch the strict argument of torch.nn.Module.load_state_dict
 * @example
 * ```ts
 * const options: LoadStateDictOptions = { strict: false };
 * const { missingKeys } = new Linear(3, 2).loadStateDict({ weight: randn([2, 3]) }, options); // ['bias']
 * ```
 */
export interface LoadStateDictOptions {
  /** Require the keys to match exactly (default true, as in PyTorch). */
  strict?: boolean;
}

/**
 * What `loadStateDict` reports (PyTorch's `_IncompatibleKeys`).
 *
 * @pytorch the _IncompatibleKeys named tuple torch.nn.Module.load_state_dict returns
 * @example
 * ```ts
 * const keys: IncompatibleKeys = new Linear(3, 2).loadStateDict({ weight: randn([2, 3]) }, { strict: false });
 * keys.missingKeys; // ['bias']
 * ```
 */
export interface IncompatibleKeys {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/**
 * Thrown by `loadStateDict` with PyTorch's message ("Error(s) in loading state_dict for ...").
 *
 * @pytorch the RuntimeError torch.nn.Module.load_state_dict raises ("Error(s) in loading state_dict for ...")
 * @example
 * ```ts
 * try {
 *   new Linear(3, 2).loadStateDict({});
 * } catch (e) {
 *   const message = e instanceof StateDictError ? e.message : String(e); // Missing key(s) in state_dict: "weight", "bias"
 * }
 * ```
 */
export class StateDictError extends TorchletError {
  override name = 'StateDictError';
}

/** One module's view for loading: its key prefix, its own entries and its children's names. */
export interface LoadScope {
  prefix: string;
  local: ReadonlyMap<string, Tensor>;
  children: ReadonlySet<string>;
}

export interface LoadPlan extends IncompatibleKeys {
  /** [destination, source] pairs to copy. */
  copies: [Tensor, Tensor][];
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function isTensorLike(x: unknown): x is Tensor {
  return x instanceof Tensor || (typeof x === 'object' && x !== null && 'shape' in x && 'dtype' in x && 'data' in x);
}

/**
 * PyTorch's load_state_dict: for every module, each own key is copied or reported missing, and a
 * key under the module's prefix whose next segment is neither an own entry nor a child is
 * unexpected. Shape mismatches are always errors; missing and unexpected keys only when strict.
 */
export function planLoad(
  typeName: string,
  scopes: readonly LoadScope[],
  stateDict: Readonly<Record<string, Tensor>>,
  strict: boolean,
): LoadPlan {
  // PyTorch: "Expected state_dict to be dict-like, got <class 'NoneType'>." (a TypeError)
  if (typeof stateDict !== 'object' || stateDict === null || Array.isArray(stateDict) || stateDict instanceof Tensor) {
    const got = stateDict === null ? 'null' : Array.isArray(stateDict) ? 'an array' : stateDict instanceof Tensor ? 'a Tensor' : typeof stateDict;
    throw new TorchletError(`${typeName}.loadStateDict(): argument 'stateDict' expected a dict-like object of named tensors, got ${got}`);
  }
  const missingKeys: string[] = [];
  const unexpectedKeys: string[] = [];
  const errors: string[] = [];
  const copies: [Tensor, Tensor][] = [];
  const keys = Object.keys(stateDict);
  for (const { prefix, local, children } of scopes) {
    for (const [name, dst] of local) {
      const key = prefix + name;
      if (!Object.prototype.hasOwnProperty.call(stateDict, key)) {
        missingKeys.push(key);
        continue;
      }
      const src: unknown = stateDict[key];
      if (!isTensorLike(src)) {
        errors.push(`While copying the parameter named "${key}", expected a Tensor from checkpoint but received ${typeof src}`);
        continue;
      }
      if (src.shape.length !== dst.shape.length || src.shape.some((s, i) => s !== dst.shape[i])) {
        errors.push(
          `size mismatch for ${key}: copying a param with shape ${shapeText(src.shape)} from checkpoint, ` +
            `the shape in current model is ${shapeText(dst.shape)}.`,
        );
        continue;
      }
      copies.push([dst, src]);
    }
    for (const key of keys) {
      if (!key.startsWith(prefix)) continue;
      const head = key.slice(prefix.length).split('.', 1)[0];
      if (!children.has(head) && !local.has(head)) unexpectedKeys.push(key);
    }
  }
  if (strict) {
    if (unexpectedKeys.length > 0) errors.unshift(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}. `);
    if (missingKeys.length > 0) errors.unshift(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}. `);
  }
  if (errors.length > 0) throw new StateDictError(`Error(s) in loading state_dict for ${typeName}:\n\t${errors.join('\n\t')}`);
  return { missingKeys, unexpectedKeys, copies };
}
