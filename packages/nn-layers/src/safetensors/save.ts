// Writing state dicts as safetensors bytes, laid out exactly as the reference writer does:
// tensors sorted by dtype alignment (largest first) then name, header padded with spaces to 8 bytes.
import { utf8Encode } from './text.js';
import { Tensor } from '@torchlet/tensor-core';
import { checkOptionKeys } from '@torchlet/tensor-core/internal';
import {
  SAFETENSORS_DTYPES,
  SAFETENSORS_NAME_OF,
  SafetensorsError,
  compareCodePoints,
  quoteName,
  type SafetensorsDType,
} from './format.js';

/**
 * Options of `saveSafetensors`: string metadata stored in the header.
 *
 * @pytorch the metadata argument of safetensors.torch.save
 * @example
 * ```ts
 * const options: SaveSafetensorsOptions = { metadata: { format: 'pt' } };
 * const bytes = saveSafetensors({ w: randn([2, 2]) }, options);
 * ```
 */
export interface SaveSafetensorsOptions {
  /** Free-form string pairs stored under "__metadata__" (e.g. { format: 'pt' }). */
  metadata?: Record<string, string>;
}

interface Entry {
  name: string;
  st: SafetensorsDType;
  shape: number[];
  tensor: Tensor;
  bytes: number;
}

/** What a value is, for an error message: 'null', 'an array', 'a number', the class of an object... */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const ctor = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    return typeof ctor === 'string' && ctor !== 'Object' ? `a ${ctor}` : 'an object';
  }
  return typeof value;
}

function encodeTensor(entry: Entry, out: DataView, offset: number): void {
  const values = entry.tensor.toTypedArray();
  const n = values.length;
  switch (entry.st) {
    case 'F32':
      for (let i = 0; i < n; i++) out.setFloat32(offset + 4 * i, values[i], true);
      return;
    case 'F64':
      for (let i = 0; i < n; i++) out.setFloat64(offset + 8 * i, values[i], true);
      return;
    case 'I64':
      for (let i = 0; i < n; i++) out.setBigInt64(offset + 8 * i, BigInt(values[i]), true);
      return;
    case 'I32':
      for (let i = 0; i < n; i++) out.setInt32(offset + 4 * i, values[i], true);
      return;
    case 'BOOL':
      for (let i = 0; i < n; i++) out.setUint8(offset + i, values[i] !== 0 ? 1 : 0);
      return;
  }
}

/**
 * Serialize named tensors (a state dict) to the safetensors format. Keys are written as given
 * (PyTorch's dotted names when the dict comes from `Module.stateDict()`); strided views are
 * written in row-major order.
 *
 * @pytorch safetensors.torch.save (the safetensors package; torch.save's role for state dicts)
 * @example
 * ```ts
 * const model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
 * const bytes: Uint8Array = saveSafetensors(model.stateDict(), { metadata: { epoch: '3' } });
 * ```
 */
export function saveSafetensors(tensors: Readonly<Record<string, Tensor>>, options: SaveSafetensorsOptions = {}): Uint8Array {
  if (typeof tensors !== 'object' || tensors === null || Array.isArray(tensors) || tensors instanceof Tensor) {
    throw new SafetensorsError(`saveSafetensors(): argument 'tensors' expected an object of named tensors (a state dict), got ${describe(tensors)}`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new SafetensorsError(`saveSafetensors(): argument 'options' expected an object, got ${describe(options)}`);
  }
  checkOptionKeys('saveSafetensors', options, ['metadata']);
  const { metadata } = options;
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) {
    throw new SafetensorsError(`saveSafetensors(): option 'metadata' expected an object of strings, got ${describe(metadata)}`);
  }
  const entries: Entry[] = [];
  for (const name of Object.keys(tensors)) {
    if (name === '__metadata__') throw new SafetensorsError(`saveSafetensors(): the tensor name '__metadata__' is reserved`);
    const tensor: unknown = tensors[name];
    if (!(tensor instanceof Tensor)) {
      throw new SafetensorsError(`saveSafetensors(): argument 'tensors' expected a Tensor for key ${quoteName(name)}, got ${describe(tensor)}`);
    }
    if (tensor.device !== 'cpu') {
      throw new SafetensorsError(
        `saveSafetensors(): tensor ${quoteName(name)} is on '${tensor.device}', whose memory cannot be read synchronously: use await saveSafetensorsAsync(tensors, options), which reads it back first`,
      );
    }
    const st = SAFETENSORS_NAME_OF[tensor.dtype];
    if (!st) throw new SafetensorsError(`saveSafetensors(): tensor ${quoteName(name)} has unsupported dtype ${String(tensor.dtype)}`);
    let numel = 1;
    for (const s of tensor.shape) numel *= s;
    entries.push({ name, st, shape: [...tensor.shape], tensor, bytes: numel * SAFETENSORS_DTYPES[st].bytes });
  }
  entries.sort((a, b) => SAFETENSORS_DTYPES[b.st].rank - SAFETENSORS_DTYPES[a.st].rank || compareCodePoints(a.name, b.name));

  // Built by hand, not JSON.stringify(object): integer-like names keep their place and '__proto__' is a plain key.
  const parts: string[] = [];
  if (metadata) {
    const meta: string[] = [];
    for (const key of Object.keys(metadata).sort(compareCodePoints)) {
      const value: unknown = metadata[key];
      if (typeof value !== 'string') throw new SafetensorsError(`saveSafetensors(): metadata ${quoteName(key)} must be a string, got ${describe(value)}`);
      meta.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
    }
    parts.push(`"__metadata__":{${meta.join(',')}}`);
  }
  let offset = 0;
  for (const e of entries) {
    const info = `{"dtype":"${e.st}","shape":[${e.shape.join(',')}],"data_offsets":[${offset},${offset + e.bytes}]}`;
    parts.push(`${JSON.stringify(e.name)}:${info}`);
    offset += e.bytes;
  }
  const json = utf8Encode(`{${parts.join(',')}}`);
  const headerLength = json.length + ((8 - (json.length % 8)) % 8);
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let position = 8 + headerLength;
  for (const e of entries) {
    encodeTensor(e, view, position);
    position += e.bytes;
  }
  return out;
}

/**
 * `saveSafetensors` for tensors on any device: those on a device (a GPU) are read back to the CPU
 * first, asynchronously, then the bytes are written as `saveSafetensors` writes them (same layout,
 * same checks and errors).
 *
 * @pytorch safetensors.torch.save (which copies CUDA tensors to the host before writing)
 * @example
 * ```ts
 * const model = new Linear(3, 2); // model.to('webgpu') on a GPU
 * const bytes: Uint8Array = await saveSafetensorsAsync(model.stateDict());
 * ```
 */
export async function saveSafetensorsAsync(tensors: Readonly<Record<string, Tensor>>, options: SaveSafetensorsOptions = {}): Promise<Uint8Array> {
  if (typeof tensors !== 'object' || tensors === null || Array.isArray(tensors) || tensors instanceof Tensor) return saveSafetensors(tensors, options);
  // a prototype-less object: a tensor named '__proto__' stays a plain key
  const onCpu = Object.create(null) as Record<string, Tensor>;
  await Promise.all(
    Object.keys(tensors).map(async (name) => {
      const t: unknown = tensors[name];
      onCpu[name] = (t instanceof Tensor && t.device !== 'cpu' ? await t.toAsync('cpu') : t) as Tensor;
    }),
  );
  return saveSafetensors(onCpu, options);
}
