// Resolving options against defaults: the one place where omitted and `undefined` options get their default.
import { optionSuggestion } from '@torchlet/tensor-core/internal';
import { invalid } from './errors.js';

/**
 * `{ ...defaults, ...options }`, except that an option whose value is `undefined` keeps its default,
 * exactly as an omitted one does (JavaScript callers, and TypeScript objects with optional fields,
 * pass `undefined` for "not set"; a plain spread would let it overwrite the default).
 *
 * Every optimizer's constructor and param-group merge and every scheduler's constructor resolve their
 * options here. `null` is a value, not "not set" (LBFGS's `lineSearchFn: null`); validation rejects it
 * where it is not allowed. `options` itself may be `undefined` or `null` (no options); anything else
 * that is not a plain object (a number passed positionally as in Python, an array) is a ValueError
 * naming `owner`. A required option without a default stays absent and must be checked by the caller.
 */
export function withDefaults<D extends object, O extends object>(
  owner: string,
  defaults: D,
  options: O | null | undefined,
): D & O {
  if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) {
    invalid(owner, 'options', 'an options object ({ name: value, ... })', options);
  }
  const out = { ...defaults } as Record<string, unknown>;
  if (options !== undefined && options !== null) {
    for (const [key, value] of Object.entries(options)) {
      if (value !== undefined) out[key] = value;
    }
  }
  return out as D & O;
}

/**
 * Throw a ValueError naming `owner` when `options` has a key outside `known` (Python's TypeError
 * "got an unexpected keyword argument"): a misspelt option (`lamda`, `step_sizes`) would otherwise be
 * ignored silently. Only an options object is checked; `withDefaults` rejects anything else.
 */
export function checkKnownOptions(owner: string, options: unknown, known: readonly string[]): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return;
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) invalid(owner, 'options', `only ${known.join(', ')}`, `unknown option '${key}'${optionSuggestion(key, known)}`);
  }
}

/**
 * An optimizer's constructor options: unknown keys refused (as PyTorch's TypeError on an unexpected
 * keyword argument; `weight_decay` is told to be `weightDecay`), then the defaults filled in.
 * `extra`: options without a default (SGD's required lr, LBFGS's derived maxEval).
 */
export function optimizerOptions<D extends object, O extends object>(
  owner: string,
  defaults: D,
  options: O | null | undefined,
  extra: readonly string[] = [],
): D & O {
  checkKnownOptions(owner, options, [...Object.keys(defaults), ...extra]);
  return withDefaults(owner, defaults, options);
}
