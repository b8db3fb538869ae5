import { Tensor } from '@torchlet/tensor-core';

/** JSON with tensors replaced by references into a side table of named tensors. */
export type Packed = null | boolean | number | string | Packed[] | { [key: string]: Packed };

/**
 * Turn a state object (optimizer or scheduler state dict) into JSON-safe data: tensors go to
 * `tensors` under `prefix.path` and are replaced by `{ "$tensor": name }`; non-finite numbers by
 * `{ "$number": "Infinity" }`. Map keys must be strings or numbers.
 */
export function packState(value: unknown, prefix: string, tensors: Record<string, Tensor>): Packed {
  if (value instanceof Tensor) {
    tensors[prefix] = value.detach().contiguous();
    return { $tensor: prefix };
  }
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $number: String(value) };
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v, i) => packState(v, `${prefix}.${i}`, tensors));
  if (value instanceof Map) {
    const entries: Packed[] = [];
    let i = 0;
    for (const [k, v] of value) entries.push([packState(k, `${prefix}.k${i}`, tensors), packState(v, `${prefix}.v${i++}`, tensors)]);
    return { $map: entries };
  }
  if (typeof value === 'object') {
    const out: { [key: string]: Packed } = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'function' || v === undefined) continue;
      out[k] = packState(v, `${prefix}.${k}`, tensors);
    }
    return out;
  }
  throw new Error(`cannot save a value of type ${typeof value} in a checkpoint (at ${prefix})`);
}

/** The inverse of `packState`. */
export function unpackState(value: Packed, tensors: Record<string, Tensor>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => unpackState(v, tensors));
  if (typeof value.$tensor === 'string') {
    const t = tensors[value.$tensor];
    if (!t) throw new Error(`checkpoint is missing tensor '${value.$tensor}'`);
    return t;
  }
  if (typeof value.$number === 'string') return Number(value.$number);
  if (Array.isArray(value.$map)) {
    return new Map(value.$map.map((e) => {
      const [k, v] = e as Packed[];
      return [unpackState(k, tensors), unpackState(v, tensors)];
    }));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = unpackState(v, tensors);
  return out;
}
