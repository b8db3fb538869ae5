// Small helpers: deep copies of state, float32 rounding of PyTorch's 0-d float32 tensors.
import { Tensor, type DType } from '@torchlet/tensor-core';

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
