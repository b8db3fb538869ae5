// State dicts: PyTorch's key names and load_state_dict's checks and messages, planned before
// anything is copied so a failed load leaves the module untouched.
import { Tensor, TorchletError } from '@torchlet/tensor-core';

/** Named tensors by PyTorch's dotted keys ('0.weight', 'features.1.running_mean'). */
export type StateDict = Record<string, Tensor>;

export interface LoadStateDictOptions {
  /** Require the keys to match exactly (default true, as in PyTorch). */
  strict?: boolean;
}

/** What `loadStateDict` reports (PyTorch's `_IncompatibleKeys`). */
export interface IncompatibleKeys {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/** Thrown by `loadStateDict` with PyTorch's message ("Error(s) in loading state_dict for ..."). */
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
