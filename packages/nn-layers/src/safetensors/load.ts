// Reading safetensors bytes, safely: every length, offset and shape is checked against the
// buffer before anything is allocated, and the header parser's work and memory are linear in the
// header's bytes, so a hostile file gets a SafetensorsError, never a crash, a hang or a huge
// allocation.
import { isValidUtf8, utf8Decoder } from './text.js';
import { Tensor, ValueError, type DataArray } from '@torchlet/tensor-core';
import { checkOptionKeys } from '@torchlet/tensor-core/internal';
import {
  DEFAULT_MAX_ENTRIES,
  DEFAULT_MAX_HEADER_BYTES,
  FOREIGN_DTYPES,
  SAFETENSORS_DTYPES,
  SafetensorsError,
  isLittleEndian,
  isSafetensorsDType,
  quoteName,
  type SafetensorsDType,
} from './format.js';
import { parseHeader, type RawEntry } from './header.js';

/**
 * Options of `loadSafetensors` and `parseSafetensors`: the largest header accepted.
 *
 * @pytorch none: safetensors' own limit on the header size, made an option
 * @example
 * ```ts
 * const options: LoadSafetensorsOptions = { maxHeaderBytes: 1_000_000 };
 * const tensors = loadSafetensors(saveSafetensors({ w: randn([2]) }), options);
 * ```
 */
export interface LoadSafetensorsOptions {
  /** Refuse headers longer than this many bytes (default 100 000 000, the reference implementation's cap). */
  maxHeaderBytes?: number;
  /**
   * Refuse headers with more entries than this: tensors plus `__metadata__` pairs (default 100 000).
   * Each entry costs a few hundred bytes of memory however short it is in the header.
   */
  maxEntries?: number;
}

/**
 * What `parseSafetensors` returns: the tensors by name and the header's metadata (null when none).
 *
 * @pytorch what safetensors.safe_open exposes (keys, get_tensor, metadata)
 * @example
 * ```ts
 * const contents: SafetensorsContents = parseSafetensors(saveSafetensors({ w: randn([2]) }));
 * const w = contents.tensors.w;
 * ```
 */
export interface SafetensorsContents {
  /** Tensors by name, in file (offset) order. */
  tensors: Record<string, Tensor>;
  /** The "__metadata__" string pairs, or null when absent. */
  metadata: Record<string, string> | null;
}

interface Info {
  name: string;
  st: SafetensorsDType;
  shape: number[];
  begin: number;
  end: number;
}

function fail(message: string): never {
  throw new SafetensorsError(`loadSafetensors(): ${message}`);
}

/** An option that must be a non-negative integer (or absent: then `fallback`). */
function limitOption(options: LoadSafetensorsOptions, key: keyof LoadSafetensorsOptions, fallback: number): number {
  const value: unknown = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    const got = typeof value === 'number' ? String(value) : typeof value === 'string' ? `the string '${value.slice(0, 20)}'` : typeof value;
    throw new ValueError(`loadSafetensors(): option '${key}' expected a non-negative integer, got ${got}`);
  }
  return value;
}

function parseInfo(raw: RawEntry, dataBytes: number): Info {
  const { name, dtype, shape, begin, end } = raw;
  const q = quoteName(name);
  if (!isSafetensorsDType(dtype)) {
    const supported = Object.keys(SAFETENSORS_DTYPES).join(', ');
    if (FOREIGN_DTYPES.includes(dtype)) fail(`tensor ${q} has dtype ${dtype}, which torchlet does not support (supported: ${supported})`);
    fail(`tensor ${q} has unknown dtype ${JSON.stringify(dtype.slice(0, 40))}${dtype.length > 40 ? '…' : ''} (supported: ${supported})`);
  }
  if (end < begin) fail(`tensor ${q}: data_offsets [${begin}, ${end}] end before they begin`);
  if (end > dataBytes) fail(`tensor ${q}: data_offsets [${begin}, ${end}] run past the ${dataBytes} data bytes in the file`);
  // numel * itemsize over the non-zero dims: past 2^53 it overflows (the reference's ValidationOverflow),
  // refused even when another dim is 0
  const itemBytes = SAFETENSORS_DTYPES[dtype].bytes;
  let product: number = itemBytes;
  for (const s of shape) if (s !== 0) product *= s;
  const shapeText = `[${shape.join(', ')}]`;
  if (product > Number.MAX_SAFE_INTEGER) {
    fail(`tensor ${q}: shape ${shapeText} of ${dtype} needs more than ${Number.MAX_SAFE_INTEGER} bytes: its element count overflows`);
  }
  const bytes = shape.includes(0) ? 0 : product;
  if (bytes !== end - begin) {
    fail(`tensor ${q}: shape ${shapeText} of ${dtype} needs ${bytes} bytes, but data_offsets [${begin}, ${end}] hold ${end - begin}`);
  }
  return { name, st: dtype, shape, begin, end };
}

function decode(info: Info, bytes: Uint8Array, start: number, little: boolean): DataArray {
  const n = (info.end - info.begin) / SAFETENSORS_DTYPES[info.st].bytes;
  const at = start + info.begin;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (info.st) {
    case 'F32': {
      if (little) return new Float32Array(bytes.slice(at, at + 4 * n).buffer);
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(at + 4 * i, true);
      return out;
    }
    case 'F64': {
      if (little) return new Float64Array(bytes.slice(at, at + 8 * n).buffer);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(at + 8 * i, true);
      return out;
    }
    case 'I32': {
      if (little) return new Int32Array(bytes.slice(at, at + 4 * n).buffer);
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt32(at + 4 * i, true);
      return out;
    }
    case 'I64': {
      // int64 is stored in a Float64Array (tensor-core's int64 storage): exact up to 2^53.
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = view.getBigInt64(at + 8 * i, true);
        if (v > 9007199254740992n || v < -9007199254740992n) {
          fail(`tensor ${quoteName(info.name)}: int64 value ${v} at element ${i} is beyond 2^53, which torchlet's int64 storage cannot hold exactly`);
        }
        out[i] = Number(v);
      }
      return out;
    }
    case 'BOOL': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = bytes[at + i] !== 0 ? 1 : 0;
      return out;
    }
  }
}

/**
 * Parse safetensors bytes into tensors and metadata, validating the whole file first.
 *
 * @pytorch safetensors.safe_open (the tensors and the metadata of a file)
 * @example
 * ```ts
 * const bytes = saveSafetensors({ w: randn([2, 2]) }, { metadata: { note: 'demo' } });
 * const { tensors, metadata } = parseSafetensors(bytes); // metadata: { note: 'demo' }
 * ```
 */
export function parseSafetensors(bytes: Uint8Array, options: LoadSafetensorsOptions = {}): SafetensorsContents {
  if (!(bytes instanceof Uint8Array)) fail(`argument 'bytes' expected a Uint8Array, got ${bytes === null ? 'null' : typeof bytes}`);
  if (typeof options !== 'object' || options === null) {
    throw new ValueError(`loadSafetensors(): argument 'options' expected an object, got ${options === null ? 'null' : typeof options}`);
  }
  checkOptionKeys('loadSafetensors', options, ['maxHeaderBytes', 'maxEntries']);
  const maxHeader = limitOption(options, 'maxHeaderBytes', DEFAULT_MAX_HEADER_BYTES);
  const maxEntries = limitOption(options, 'maxEntries', DEFAULT_MAX_ENTRIES);
  if (bytes.length < 8) fail(`the file is ${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(maxHeader)) fail(`header length ${declared} exceeds the limit of ${maxHeader} bytes`);
  const headerBytes = Number(declared);
  if (8 + headerBytes > bytes.length) fail(`header length ${headerBytes} runs past the end of the ${bytes.length}-byte file`);

  const header = bytes.subarray(8, 8 + headerBytes);
  // the reference implementation refuses a byte order mark (its JSON parser sees a stray character)
  if (header[0] === 0xef && header[1] === 0xbb && header[2] === 0xbf) {
    fail("the header starts with a UTF-8 byte order mark (EF BB BF); it must start with '{'");
  }
  if (!isValidUtf8(header)) fail('the header is not valid UTF-8');
  if (header[0] !== 0x7b) {
    const start = utf8Decoder(false).decode(header.subarray(0, 80)).slice(0, 20);
    fail(`the header must be a JSON object starting with '{', got ${JSON.stringify(start)}`);
  }
  const { entries, metadata } = parseHeader(header, maxEntries);

  const dataStart = 8 + headerBytes;
  const dataBytes = bytes.length - dataStart;
  const infos = entries.map((raw) => parseInfo(raw, dataBytes));
  // Tensors must tile the data section: sorted by offset, each starting where the previous ended.
  infos.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const info of infos) {
    if (info.begin !== expected) {
      fail(
        info.begin < expected
          ? `tensor ${quoteName(info.name)}: data_offsets [${info.begin}, ${info.end}] overlap the previous tensor (which ends at ${expected})`
          : `tensor ${quoteName(info.name)}: data_offsets [${info.begin}, ${info.end}] leave a gap after byte ${expected}`,
      );
    }
    expected = info.end;
  }
  if (expected !== dataBytes) fail(`the tensors cover ${expected} data bytes but the file has ${dataBytes} after the header`);

  const tensors = Object.create(null) as Record<string, Tensor>;
  const little = isLittleEndian();
  for (const info of infos) {
    const t = new Tensor(decode(info, bytes, dataStart, little), info.shape, SAFETENSORS_DTYPES[info.st].dtype);
    Object.defineProperty(tensors, info.name, { value: t, enumerable: true, writable: true, configurable: true });
  }
  return { tensors, metadata };
}

/**
 * The tensors of a safetensors file, by name: a state dict for `Module.loadStateDict`.
 *
 * @pytorch safetensors.torch.load (the safetensors package; torch.load's role for state dicts)
 * @example
 * ```ts
 * const model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
 * const bytes = saveSafetensors(model.stateDict());
 * model.loadStateDict(loadSafetensors(bytes));
 * ```
 */
export function loadSafetensors(bytes: Uint8Array, options: LoadSafetensorsOptions = {}): Record<string, Tensor> {
  return parseSafetensors(bytes, options).tensors;
}
