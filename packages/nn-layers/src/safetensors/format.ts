// The safetensors format (huggingface/safetensors): an 8-byte little-endian u64 header length N,
// N bytes of UTF-8 JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {str: str}}
// padded with spaces, then the raw little-endian, row-major tensor bytes.
import { TorchletError, type DType } from '@torchlet/tensor-core';

/**
 * Every problem reading or writing a safetensors file.
 *
 * @pytorch the SafetensorError the safetensors package raises
 * @example
 * ```ts
 * try {
 *   loadSafetensors(new Uint8Array([1, 2, 3]));
 * } catch (e) {
 *   const message = e instanceof SafetensorsError ? e.message : String(e); // what is wrong with the file
 * }
 * ```
 */
export class SafetensorsError extends TorchletError {
  override name = 'SafetensorsError';
}

/** The safetensors dtypes torchlet reads and writes, and the torchlet dtype of each. */
export const SAFETENSORS_DTYPES = {
  F32: { dtype: 'float32', bytes: 4, rank: 11 },
  F64: { dtype: 'float64', bytes: 8, rank: 12 },
  I64: { dtype: 'int64', bytes: 8, rank: 13 },
  I32: { dtype: 'int32', bytes: 4, rank: 9 },
  BOOL: { dtype: 'bool', bytes: 1, rank: 0 },
} as const satisfies Record<string, { dtype: DType; bytes: number; rank: number }>;

/**
 * A dtype name in a safetensors header ('F32', 'F64', 'I64', ...).
 *
 * @pytorch the dtype strings of the safetensors format
 * @example
 * ```ts
 * const dtype: SafetensorsDType = 'F32';
 * ```
 */
export type SafetensorsDType = keyof typeof SAFETENSORS_DTYPES;

/** Dtypes other writers use that torchlet has no storage for (reported as unsupported, not unknown). */
export const FOREIGN_DTYPES: readonly string[] = ['U8', 'I8', 'F8_E5M2', 'F8_E4M3', 'I16', 'U16', 'F16', 'BF16', 'U32', 'U64'];

export const SAFETENSORS_NAME_OF: Record<DType, SafetensorsDType> = {
  float32: 'F32',
  float64: 'F64',
  int64: 'I64',
  int32: 'I32',
  bool: 'BOOL',
};

/**
 * The reference implementation's cap on the header (100 MB): larger headers are refused before parsing.
 *
 * @pytorch safetensors' limit on the header size (100 MB)
 * @example
 * ```ts
 * const tensors = loadSafetensors(saveSafetensors({ w: randn([2]) }), { maxHeaderBytes: DEFAULT_MAX_HEADER_BYTES });
 * ```
 */
export const DEFAULT_MAX_HEADER_BYTES = 100_000_000;

/**
 * The default cap on header entries (tensors plus `__metadata__` pairs). Each entry becomes objects
 * of a few hundred bytes however few header bytes it takes, so without a cap a header at the byte
 * cap could list 1.7 million empty tensors and cost gigabytes.
 */
export const DEFAULT_MAX_ENTRIES = 100_000;

/** The most dims a tensor in a file may have (more would let a short header make huge shape arrays). */
export const MAX_DIMS = 64;

/** The deepest JSON nesting a header may have (serde_json's recursion limit, which the reference hits). */
export const MAX_DEPTH = 128;

/** A name for an error message: quoted, and cut to its first 64 characters with a length note. */
export function quoteName(name: string): string {
  const limit = 64;
  if (name.length <= limit) return `'${name}'`;
  const high = name.charCodeAt(limit - 1);
  const cut = high >= 0xd800 && high <= 0xdbff ? limit - 1 : limit; // keep surrogate pairs whole
  return `'${name.slice(0, cut)}…' (a name of ${name.length} characters)`;
}

export function isSafetensorsDType(name: string): name is SafetensorsDType {
  return Object.prototype.hasOwnProperty.call(SAFETENSORS_DTYPES, name);
}

/** Compare strings by Unicode code point (the byte order of their UTF-8 encodings, as Rust sorts). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done ? (cb.done ? 0 : -1) : 1;
    const d = (ca.value.codePointAt(0) ?? 0) - (cb.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

/** Whether this machine stores numbers little-endian (then typed arrays can copy bytes directly). */
export function isLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}
