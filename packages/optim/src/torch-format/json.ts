// The JSON half of the torch format: JSON-safe values, tensor references, non-finite numbers.
import { Tensor, TorchletError } from '@torchlet/tensor-core';

/**
 * A JSON value (what `JSON.stringify` writes and `JSON.parse` reads back unchanged).
 *
 * @pytorch a JSON value of a PyTorch state dict (non-finite numbers as { $number }, tensors as { $tensor })
 * @example
 * ```ts
 * const value: TorchJson = { lr: 0.1, betas: [0.9, 0.999], eps: { $number: 'Infinity' } };
 * ```
 */
export type TorchJson = null | boolean | number | string | TorchJson[] | { [key: string]: TorchJson };

/**
 * A number as JSON: finite numbers as they are, `Infinity`, `-Infinity` and `NaN` as
 * `{ "$number": "Infinity" }` (JSON has no such numbers; Python's `float("Infinity")` reads them).
 */
export function encodeNumber(x: number): TorchJson {
  return Number.isFinite(x) ? x : { $number: String(x) };
}

/** The reference to a tensor stored in the safetensors file under `key`. */
export function tensorRef(key: string): TorchJson {
  return { $tensor: key };
}

function isObject(v: TorchJson | undefined): v is { [key: string]: TorchJson } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Plain data (numbers, strings, booleans, null, arrays, objects) as JSON; `where` names the field for errors. */
export function encodeData(value: unknown, where: string): TorchJson {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return encodeNumber(value);
  if (Array.isArray(value)) return value.map((v, i) => encodeData(v, `${where}[${i}]`));
  if (typeof value === 'object' && !(value instanceof Tensor)) {
    const out: { [key: string]: TorchJson } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeData(v, `${where}.${k}`);
    return out;
  }
  throw new TorchletError(`torch format: ${where} expected plain data (numbers, strings, lists), got ${value instanceof Tensor ? 'a Tensor' : typeof value}`);
}

/**
 * The inverse of `encodeData` and `tensorRef`: `{ "$number": ... }` back to a number and
 * `{ "$tensor": key }` to `tensors[key]` (missing: an error naming the key).
 */
export function decodeData(value: TorchJson, tensors: Readonly<Record<string, Tensor>>, where: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => decodeData(v, tensors, `${where}[${i}]`));
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$number') {
    const n = Number(value.$number);
    if (typeof value.$number !== 'string' || !['Infinity', '-Infinity', 'NaN'].includes(value.$number)) {
      throw new TorchletError(`torch format: ${where} expected { "$number": "Infinity" | "-Infinity" | "NaN" }, got ${JSON.stringify(value)}`);
    }
    return n;
  }
  if (keys.length === 1 && keys[0] === '$tensor') {
    const key = value.$tensor;
    const t = typeof key === 'string' ? tensors[key] : undefined;
    if (t === undefined) throw new TorchletError(`torch format: ${where} refers to tensor ${JSON.stringify(key)}, which the safetensors file lacks`);
    return t;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = decodeData(v, tensors, `${where}.${k}`);
  return out;
}
