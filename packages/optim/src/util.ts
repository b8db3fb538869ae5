// Small helpers: deep copies of state, float32 rounding of PyTorch's 0-d float32 tensors.
import { Tensor, TorchletError, type DType } from '@torchlet/tensor-core';

/** A deep copy of optimizer state: tensors cloned (cast to `dtype` when given), arrays and objects copied. */
export function cloneState<T>(value: T, dtype?: DType): T {
  return cloneValue(value, dtype, '') as T;
}

function cloneValue(value: unknown, dtype: DType | undefined, key: string): unknown {
  if (value instanceof Tensor) {
    // PyTorch's load_state_dict casts floating-point state to the param's dtype.
    const cast = dtype !== undefined && value.isFloatingPoint() && key !== 'step' ? value.to(dtype) : value;
    return cast === value ? value.clone() : cast;
  }
  if (Array.isArray(value)) return value.map((v) => cloneValue(v, dtype, ''));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneValue(v, dtype, k);
    return out;
  }
  return value;
}

/** Round to the nearest float32 when `dtype` is float32 (the value a 0-d float32 tensor would hold). */
export function roundTo(dtype: DType): (x: number) => number {
  return dtype === 'float32' ? Math.fround : (x: number) => x;
}

/** The loss a closure returned, as a JS number (PyTorch's `float(closure())`). */
export function lossValue(loss: number | { item(): number }): number {
  return typeof loss === 'number' ? loss : loss.item();
}

/** What a value is, for an error message: 'null', 'an array', 'a Tensor', 'a number'... */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Tensor) return 'a Tensor';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}`;
}

/** Throw (as PyTorch's TypeError) unless `stateDict` is a plain object: `where` names the method. */
export function checkStateDictObject(where: string, stateDict: unknown): asserts stateDict is Record<string, unknown> {
  if (typeof stateDict !== 'object' || stateDict === null || Array.isArray(stateDict) || stateDict instanceof Tensor) {
    throw new TorchletError(`${where}: argument 'stateDict' expected a state dict object (from stateDict()), got ${describeValue(stateDict)}`);
  }
}
