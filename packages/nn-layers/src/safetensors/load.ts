// Reading safetensors bytes, safely: every length, offset and shape is checked against the
// buffer before anything is allocated, so a hostile file gets a SafetensorsError, never a crash,
// a hang or a huge allocation.
import { utf8DecodeStrict } from './text.js';
import { Tensor, type DataArray } from '@torchlet/tensor-core';
import {
  DEFAULT_MAX_HEADER_BYTES,
  FOREIGN_DTYPES,
  SAFETENSORS_DTYPES,
  SafetensorsError,
  isLittleEndian,
  isSafetensorsDType,
  type SafetensorsDType,
} from './format.js';

export interface LoadSafetensorsOptions {
  /** Refuse headers longer than this many bytes (default 100 000 000, the reference implementation's cap). */
  maxHeaderBytes?: number;
}

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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseInfo(name: string, raw: unknown, dataBytes: number): Info {
  if (!isPlainObject(raw)) fail(`header entry '${name}' must be an object with dtype, shape and data_offsets`);
  const { dtype, shape, data_offsets: offsets } = raw;
  if (typeof dtype !== 'string') fail(`tensor '${name}': 'dtype' must be a string, got ${JSON.stringify(dtype) ?? 'nothing'}`);
  if (!isSafetensorsDType(dtype)) {
    const supported = Object.keys(SAFETENSORS_DTYPES).join(', ');
    if (FOREIGN_DTYPES.includes(dtype)) fail(`tensor '${name}' has dtype ${dtype}, which torchlet does not support (supported: ${supported})`);
    fail(`tensor '${name}' has unknown dtype ${JSON.stringify(dtype).slice(0, 40)} (supported: ${supported})`);
  }
  if (!Array.isArray(shape) || shape.some((s) => !Number.isSafeInteger(s) || (s as number) < 0)) {
    fail(`tensor '${name}': 'shape' must be a list of non-negative integers, got ${JSON.stringify(shape)?.slice(0, 80) ?? 'nothing'}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || offsets.some((o) => !Number.isSafeInteger(o) || (o as number) < 0)) {
    fail(`tensor '${name}': 'data_offsets' must be two non-negative integers [begin, end], got ${JSON.stringify(offsets)?.slice(0, 80) ?? 'nothing'}`);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) fail(`tensor '${name}': data_offsets [${begin}, ${end}] end before they begin`);
  if (end > dataBytes) fail(`tensor '${name}': data_offsets [${begin}, ${end}] run past the ${dataBytes} data bytes in the file`);
  // numel * itemsize, bailing out as soon as it exceeds the bytes the tensor claims (no overflow).
  const itemBytes = SAFETENSORS_DTYPES[dtype].bytes;
  let bytes: number = itemBytes;
  for (const s of shape as number[]) {
    bytes *= s;
    if (bytes > end - begin) break;
  }
  if ((shape as number[]).includes(0)) bytes = 0;
  if (bytes !== end - begin) {
    fail(
      `tensor '${name}': shape [${(shape as number[]).join(', ')}] of ${dtype} needs ` +
        `${bytes > end - begin ? `more than ${end - begin}` : bytes} bytes, but data_offsets [${begin}, ${end}] hold ${end - begin}`,
    );
  }
  return { name, st: dtype, shape: shape as number[], begin, end };
}

function decode(info: Info, bytes: Uint8Array, start: number): DataArray {
  const n = (info.end - info.begin) / SAFETENSORS_DTYPES[info.st].bytes;
  const at = start + info.begin;
  const little = isLittleEndian();
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
          fail(`tensor '${info.name}': int64 value ${v} at element ${i} is beyond 2^53, which torchlet's int64 storage cannot hold exactly`);
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

/** Parse safetensors bytes into tensors and metadata, validating the whole file first. */
export function parseSafetensors(bytes: Uint8Array, options: LoadSafetensorsOptions = {}): SafetensorsContents {
  if (!(bytes instanceof Uint8Array)) fail(`expected a Uint8Array, got ${typeof bytes}`);
  const maxHeader = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  if (bytes.length < 8) fail(`the file is ${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(maxHeader)) fail(`header length ${declared} exceeds the limit of ${maxHeader} bytes`);
  const headerBytes = Number(declared);
  if (8 + headerBytes > bytes.length) fail(`header length ${headerBytes} runs past the end of the ${bytes.length}-byte file`);

  let text: string;
  try {
    text = utf8DecodeStrict(bytes.subarray(8, 8 + headerBytes));
  } catch {
    fail('the header is not valid UTF-8');
  }
  if (!text.startsWith('{')) fail(`the header must be a JSON object starting with '{', got ${JSON.stringify(text.slice(0, 20))}`);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    fail(`the header is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isPlainObject(header)) fail('the header must be a JSON object');

  const dataStart = 8 + headerBytes;
  const dataBytes = bytes.length - dataStart;
  let metadata: Record<string, string> | null = null;
  const infos: Info[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (!isPlainObject(raw)) fail(`'__metadata__' must be an object of strings`);
      metadata = Object.create(null) as Record<string, string>;
      for (const [k, v] of Object.entries(raw)) {
        if (typeof v !== 'string') fail(`'__metadata__' value '${k}' must be a string, got ${typeof v}`);
        metadata[k] = v;
      }
      continue;
    }
    infos.push(parseInfo(name, raw, dataBytes));
  }
  // Tensors must tile the data section: sorted by offset, each starting where the previous ended.
  infos.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const info of infos) {
    if (info.begin !== expected) {
      fail(
        info.begin < expected
          ? `tensor '${info.name}': data_offsets [${info.begin}, ${info.end}] overlap the previous tensor (which ends at ${expected})`
          : `tensor '${info.name}': data_offsets [${info.begin}, ${info.end}] leave a gap after byte ${expected}`,
      );
    }
    expected = info.end;
  }
  if (expected !== dataBytes) fail(`the tensors cover ${expected} data bytes but the file has ${dataBytes} after the header`);

  const tensors = Object.create(null) as Record<string, Tensor>;
  for (const info of infos) {
    const t = new Tensor(decode(info, bytes, dataStart), info.shape, SAFETENSORS_DTYPES[info.st].dtype);
    Object.defineProperty(tensors, info.name, { value: t, enumerable: true, writable: true, configurable: true });
  }
  return { tensors, metadata };
}

/** The tensors of a safetensors file, by name: a state dict for `Module.loadStateDict`. */
export function loadSafetensors(bytes: Uint8Array, options: LoadSafetensorsOptions = {}): Record<string, Tensor> {
  return parseSafetensors(bytes, options).tensors;
}
