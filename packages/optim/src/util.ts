// Small helpers: deep copies of state, float32 rounding of PyTorch's 0-d float32 tensors.
import { Tensor, TorchletError, type DType, type Device } from '@torchlet/tensor-core';

/** A deep copy of optimizer state: tensors cloned (cast to `dtype` and moved to `device` when given, but `step`), arrays and objects copied. */
export function cloneState<T>(value: T, dtype?: DType, device?: Device): T {
  return cloneValue(value, dtype, device, '') as T;
}

function cloneValue(value: unknown, dtype: DType | undefined, device: Device | undefined, key: string): unknown {
  if (value instanceof Tensor) {
    // PyTorch's load_state_dict casts floating-point state to the param's dtype and moves all state
    // but 'step' to the param's device.
    if (key === 'step') return value.clone();
    const cast = dtype !== undefined && value.isFloatingPoint() ? value.to(dtype) : value;
    const moved = device !== undefined ? cast.to(device) : cast;
    return moved === value ? value.clone() : moved;
  }
  if (Array.isArray(value)) return value.map((v) => cloneValue(v, dtype, device, ''));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneValue(v, dtype, device, k);
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
