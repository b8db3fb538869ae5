// A seeded safetensors fuzz run over parseSafetensors / loadSafetensors: valid files built from random
// small tensors of every supported dtype (with metadata), each mutated (bytes flipped, set, inserted,
// removed, truncated; the header length field changed; header text edited: dtypes, shapes, offsets,
// deep nesting, huge numbers, byte order marks, duplicate keys), plus random bytes and hand-made
// hostile headers. Every input must either load into tensors that agree with the header and lie
// within the data, or throw a SafetensorsError: nothing else, within time bounds per case and overall,
// with bounded memory. Failures print the seed and case index; rerun one with
//   SAFETENSORS_FUZZ_SEED=<seed> SAFETENSORS_FUZZ_CASE=<index> npx vitest run test/safetensors-fuzz.test.ts
import { describe, expect, it } from 'vitest';
import { Tensor, type DType } from '@torchlet/tensor-core';
import { SafetensorsError, parseSafetensors, saveSafetensors } from '../src/index.js';
import { SAFETENSORS_DTYPES, type SafetensorsDType } from '../src/safetensors/format.js';
import { cpuStopwatch } from './cpu-time.js';

const SEED = Number(process.env.SAFETENSORS_FUZZ_SEED ?? 0x5afe7e45) >>> 0;
const ONLY_CASE = process.env.SAFETENSORS_FUZZ_CASE === undefined ? null : Number(process.env.SAFETENSORS_FUZZ_CASE);
/** Mutated cases (each from a freshly generated valid file): about 3 s alone on a 2-core machine. */
const CASES = Number(process.env.SAFETENSORS_FUZZ_CASES ?? 30_000);
/** The most one case may take (the slowest cases here, megabyte names or 100 000 dims, take under 30 ms). */
const CASE_MS = 2_000;
/** A time box, not a verdict: a loaded CI machine stops fuzzing here (at least MIN_CASES must have run). */
const TOTAL_MS = 25_000;
const MIN_CASES = 5_000;
const MEMORY_GROWTH_BYTES = 256 * 2 ** 20;

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

// ---- a seeded PRNG (mulberry32), one stream per case so a case reproduces on its own --------------

type Rng = () => number;
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const caseRng = (index: number): Rng => mulberry32(Math.imul(SEED ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1)); // inclusive
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

// ---- valid files ---------------------------------------------------------------------------------

const DTYPES = Object.keys(SAFETENSORS_DTYPES) as SafetensorsDType[];
const NAME_PARTS = ['w', 'bias', 'layer.0.weight', '__proto__', 'constructor', '0', '10', 'é', '名前', '😀', 'a"b', 'a\\b', 'tab\t', ''];

function randomName(r: Rng): string {
  const n = int(r, 1, 3);
  let s = '';
  for (let i = 0; i < n; i++) s += (i ? '.' : '') + pick(r, NAME_PARTS);
  return r() < 0.2 ? s + String.fromCharCode(int(r, 0x20, 0x7e)) : s;
}

function randomString(r: Rng, most: number): string {
  const n = int(r, 0, most);
  let s = '';
  for (let i = 0; i < n; i++) s += r() < 0.8 ? String.fromCharCode(int(r, 0x20, 0x7e)) : pick(r, ['\n', '"', '\\', 'é', '😀', '\u0000', '\u2028']);
  return s;
}

/** Random values of a dtype, as the tensor-core storage for it. */
function randomData(r: Rng, st: SafetensorsDType, n: number): Float32Array | Float64Array | Int32Array | Uint8Array {
  switch (st) {
    case 'F32':
      return Float32Array.from({ length: n }, () => pick(r, [0, -0, 1.5, -2, 3.4e38, 1e-45, NaN, Infinity, (r() - 0.5) * 100]));
    case 'F64':
      return Float64Array.from({ length: n }, () => pick(r, [0, -0, 1e308, 5e-324, NaN, -Infinity, (r() - 0.5) * 1e6]));
    case 'I64':
      return Float64Array.from({ length: n }, () => pick(r, [0, -1, 2 ** 53, -(2 ** 53), int(r, -1000, 1000)]));
    case 'I32':
      return Int32Array.from({ length: n }, () => pick(r, [0, -1, 2 ** 31 - 1, -(2 ** 31), int(r, -1000, 1000)]));
    case 'BOOL':
      return Uint8Array.from({ length: n }, () => (r() < 0.5 ? 1 : 0));
  }
}

interface Source {
  bytes: Uint8Array;
  tensors: Record<string, Tensor>;
  metadata: Record<string, string> | null;
}

/** A valid file of 0 to 5 small tensors (every dtype, 0-d to 3-d, empty dims too), with metadata. */
function validFile(r: Rng): Source {
  const tensors = Object.create(null) as Record<string, Tensor>; // '__proto__' is a plain name
  const count = int(r, 0, 5);
  for (let i = 0; i < count; i++) {
    const st = pick(r, DTYPES);
    const shape = Array.from({ length: int(r, 0, 3) }, () => (r() < 0.1 ? 0 : int(r, 1, 4)));
    const n = shape.reduce((a, b) => a * b, 1);
    tensors[randomName(r)] = new Tensor(randomData(r, st, n), shape, SAFETENSORS_DTYPES[st].dtype as DType);
  }
  let metadata: Record<string, string> | null = null;
  if (r() < 0.7) {
    metadata = Object.create(null) as Record<string, string>;
    const pairs = int(r, 0, 3);
    for (let i = 0; i < pairs; i++) metadata[r() < 0.3 ? 'format' : randomString(r, 6)] = r() < 0.3 ? 'pt' : randomString(r, 12);
  }
  if (r() < 0.6 || Object.keys(tensors).includes('__metadata__')) {
    return { bytes: saveSafetensors(tensors, metadata ? { metadata } : {}), tensors, metadata };
  }
  return { bytes: handWritten(r, tensors, metadata), tensors, metadata };
}

/** The same file written differently from saveSafetensors: header order, data order, spacing. */
function handWritten(r: Rng, tensors: Record<string, Tensor>, metadata: Record<string, string> | null): Uint8Array {
  const sp = (): string => (r() < 0.3 ? pick(r, [' ', '\n', '\t', '\r\n  ']) : '');
  const names = Object.keys(tensors);
  const dataOrder = names.slice().sort(() => r() - 0.5);
  const chunks: Uint8Array[] = [];
  const offsets = new Map<string, [number, number]>();
  let at = 0;
  for (const name of dataOrder) {
    const t = tensors[name];
    const raw = t.toTypedArray();
    const st = DTYPES.find((d) => SAFETENSORS_DTYPES[d].dtype === t.dtype) as SafetensorsDType;
    const bytes = new Uint8Array(raw.length * SAFETENSORS_DTYPES[st].bytes);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < raw.length; i++) {
      const v = Number(raw[i]);
      if (st === 'F32') view.setFloat32(4 * i, v, true);
      else if (st === 'F64') view.setFloat64(8 * i, v, true);
      else if (st === 'I64') view.setBigInt64(8 * i, BigInt(v), true);
      else if (st === 'I32') view.setInt32(4 * i, v, true);
      else view.setUint8(i, v);
    }
    offsets.set(name, [at, at + bytes.length]);
    at += bytes.length;
    chunks.push(bytes);
  }
  const parts = names
    .sort(() => r() - 0.5)
    .map((name) => {
      const t = tensors[name];
      const st = DTYPES.find((d) => SAFETENSORS_DTYPES[d].dtype === t.dtype) as string;
      const fields = [
        `"dtype"${sp()}:${sp()}"${st}"`,
        `"shape":[${t.shape.join(`,${sp()}`)}]`,
        `"data_offsets":${sp()}[${offsets.get(name)!.join(',')}]`,
      ];
      if (r() < 0.2) fields.push(`"extra":${pick(r, ['null', '{"a":[1,2,{"b":"c"}]}', '-1.5e300', 'true', '"x"'])}`);
      return `${JSON.stringify(name)}${sp()}:${sp()}{${fields.sort(() => r() - 0.5).join(`,${sp()}`)}}`;
    });
  if (metadata) parts.splice(int(r, 0, parts.length), 0, `"__metadata__":${JSON.stringify(metadata)}`);
  const header = enc.encode(`{${sp()}${parts.join(`,${sp()}`)}${sp()}}${' '.repeat(int(r, 0, 9))}`);
  const out = new Uint8Array(8 + header.length + at);
  new DataView(out.buffer).setBigUint64(0, BigInt(header.length), true);
  out.set(header, 8);
  let pos = 8 + header.length;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}

// ---- mutations -----------------------------------------------------------------------------------

/** The header text and data of a file (as far as a mutated file has them). */
function split(bytes: Uint8Array): { header: string; data: Uint8Array } {
  if (bytes.length < 8) return { header: '', data: new Uint8Array(0) };
  const declared = new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true);
  const n = Number(declared > BigInt(bytes.length - 8) ? BigInt(bytes.length - 8) : declared);
  return { header: dec.decode(bytes.subarray(8, 8 + n)), data: bytes.subarray(8 + n) };
}

function join(header: string | Uint8Array, data: Uint8Array, declared?: bigint): Uint8Array {
  const h = typeof header === 'string' ? enc.encode(header) : header;
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, declared ?? BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

const HUGE_NUMBERS = [
  '9007199254740991', '9007199254740992', '9007199254740993', '18446744073709551615', '18446744073709551616',
  '1e308', '1e309', '-1e309', '1e-400', '-0', '-0.0', '0.5', '1.0', '1e2', '1E+2', '-1', '4294967296',
  '123456789012345678901234567890', '0'.repeat(5000) + '1', '1' + '0'.repeat(400), '1.' + '0'.repeat(400) + 'e1',
  '01', '1.', '.5', '+1', 'NaN', 'Infinity', '0x10', '1e', '--1',
];
const DTYPE_NAMES = ['F32', 'F64', 'I64', 'I32', 'BOOL', 'F16', 'BF16', 'U8', 'I8', 'U64', 'f32', '', 'F32 ', '\\u0046\\u0033\\u0032', 'constructor', '__proto__', 'toString', 'x'.repeat(100_000)];
const TOKENS = ['{', '}', '[', ']', ',', ':', '"', '\\', 'null', 'true', '[]', '{}', '""', '"\\u0000"', '"\\ud800"', '\uFEFF', '\u00e9', '\uD83D', '\x00', '\x1f', ' ', '\n'];

/** Nesting `depth` levels deep (sometimes unbalanced). */
function nested(r: Rng, depth: number): string {
  const kind = int(r, 0, 3);
  const close = r() < 0.85;
  if (kind === 0) return '['.repeat(depth) + (close ? ']'.repeat(depth) : '');
  if (kind === 1) return '{"a":'.repeat(depth) + '1' + (close ? '}'.repeat(depth) : '');
  if (kind === 2) return '[{"a":'.repeat(depth) + '[]' + (close ? '}]'.repeat(depth) : '');
  return '[1,'.repeat(depth) + '2' + (close ? ']'.repeat(depth) : '');
}

/** Where `"field"` values start in the header text. */
function valueStarts(header: string, field: string): number[] {
  const out: number[] = [];
  const key = `"${field}"`;
  for (let i = header.indexOf(key); i >= 0; i = header.indexOf(key, i + 1)) {
    let j = i + key.length;
    while (' \n\r\t'.includes(header[j]) && j < header.length) j++;
    if (header[j] === ':') out.push(j + 1);
  }
  return out;
}

/** The end of the JSON value at `start` (a rough scan: strings, brackets, scalars). */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length && ' \n\r\t'.includes(text[i])) i++;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (depth === 0) return i + 1;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (depth === 0) return i;
      if (--depth === 0) return i + 1;
    } else if (depth === 0 && (c === ',' || c === ' ')) return i;
  }
  return text.length;
}

function replaceValue(r: Rng, header: string, field: string, value: (old: string) => string): string {
  const starts = valueStarts(header, field);
  if (starts.length === 0) return header;
  const s = pick(r, starts);
  const e = valueEnd(header, s);
  return header.slice(0, s) + value(header.slice(s, e)) + header.slice(e);
}

type Mutation = (r: Rng, bytes: Uint8Array) => Uint8Array;

const MUTATIONS: Record<string, Mutation> = {
  'flip bits': (r, b) => {
    const out = Uint8Array.from(b);
    for (let k = int(r, 1, 4); k > 0 && out.length; k--) out[int(r, 0, out.length - 1)] ^= 1 << int(r, 0, 7);
    return out;
  },
  'set header bytes': (r, b) => {
    const out = Uint8Array.from(b);
    const end = Math.min(out.length, 8 + split(b).header.length + 8);
    for (let k = int(r, 1, 4); k > 0 && out.length; k--) out[int(r, 0, end - 1)] = int(r, 0, 255);
    return out;
  },
  truncate: (r, b) => b.slice(0, int(r, 0, Math.max(0, b.length - 1))),
  'insert bytes': (r, b) => {
    const at = int(r, 0, b.length);
    const ins = Uint8Array.from({ length: int(r, 1, 8) }, () => int(r, 0, 255));
    return Uint8Array.from([...b.subarray(0, at), ...ins, ...b.subarray(at)]);
  },
  'delete bytes': (r, b) => {
    const at = int(r, 0, b.length);
    return Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + int(r, 1, 8))]);
  },
  'append bytes': (r, b) => Uint8Array.from([...b, ...Array.from({ length: int(r, 1, 16) }, () => int(r, 0, 255))]),
  'header length field': (r, b) => {
    const out = Uint8Array.from(b.length < 8 ? [...b, 0, 0, 0, 0, 0, 0, 0, 0].slice(0, 8) : b);
    const view = new DataView(out.buffer);
    const n = view.getBigUint64(0, true);
    const choices = [
      n + BigInt(int(r, 1, 16)), n - BigInt(int(r, 1, Math.max(1, Number(n)))), 0n, BigInt(int(r, 1, 7)), BigInt(out.length),
      BigInt(out.length - 7), 100_000_000n, 100_000_001n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n,
      BigInt(int(r, 0, 2 ** 31)),
    ];
    const v = pick(r, choices);
    view.setBigUint64(0, v < 0n ? 0n : v % 2n ** 64n, true);
    return out;
  },
  'change dtype': (r, b) => {
    const { header, data } = split(b);
    return join(replaceValue(r, header, 'dtype', () => JSON.stringify(pick(r, DTYPE_NAMES)).replace(/\\\\u/g, '\\u')), data);
  },
  'change shape': (r, b) => {
    const { header, data } = split(b);
    const shape = (): string => {
      const k = int(r, 0, 5);
      if (k === 0) return `[${Array.from({ length: int(r, 0, 4) }, () => int(r, 0, 6)).join(',')}]`;
      if (k === 1) return `[${Array.from({ length: int(r, 0, 3) }, () => pick(r, HUGE_NUMBERS)).join(',')}]`;
      if (k === 2) return `[0,${pick(r, ['9007199254740991', '4294967296', '1e15'])},${pick(r, ['9007199254740991', '65536', '1e15'])}]`;
      if (k === 3) return `[${Array(int(r, 60, 70)).fill(1).join(',')}]`;
      if (k === 4) return pick(r, ['null', '"2"', '{}', '[[2]]', '[2,]', '[,2]', '2', '[true]', '[-0]', '[2.0]']);
      return `[${Array(int(r, 1, 200_000)).fill(0).join(',')}]`;
    };
    return join(replaceValue(r, header, 'shape', shape), data);
  },
  'change offsets': (r, b) => {
    const { header, data } = split(b);
    const n = (): string => (r() < 0.6 ? String(int(r, 0, data.length + 8)) : pick(r, HUGE_NUMBERS));
    const v = (): string => pick(r, [`[${n()},${n()}]`, `[${n()}]`, `[${n()},${n()},${n()}]`, '[]', 'null', `{"0":${n()},"1":${n()}}`, `["0","8"]`]);
    return join(replaceValue(r, header, 'data_offsets', v), data);
  },
  'huge number': (r, b) => {
    const { header, data } = split(b);
    const numbers = [...header.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)];
    if (numbers.length === 0) return b;
    const m = pick(r, numbers);
    return join(header.slice(0, m.index) + pick(r, HUGE_NUMBERS) + header.slice(m.index! + m[0].length), data);
  },
  'deep nesting': (r, b) => {
    const { header, data } = split(b);
    const depth = pick(r, [int(r, 100, 140), int(r, 1, 128), int(r, 1000, 6000), 20_000]);
    const field = pick(r, ['dtype', 'shape', 'data_offsets', '__metadata__', 'extra', 'top']);
    if (field === 'top') return join(nested(r, depth), data);
    if (field === 'extra') return join(header.replace(/"dtype"/, `"extra":${nested(r, depth)},"dtype"`), data);
    return join(replaceValue(r, header, field, () => nested(r, depth)), data);
  },
  'byte order mark': (r, b) => {
    const { header, data } = split(b);
    const at = pick(r, [0, 0, 1, int(r, 0, header.length)]);
    return join(header.slice(0, at) + '\uFEFF' + header.slice(at), data);
  },
  'duplicate key': (r, b) => {
    const { header, data } = split(b);
    const k = int(r, 0, 2);
    if (k === 0) {
      // a whole tensor entry listed again, maybe with other offsets / shape
      const m = /("(?:[^"\\]|\\.)*")\s*:\s*(\{[^{}]*\})/.exec(header);
      if (!m) return b;
      const again = r() < 0.5 ? m[2] : m[2].replace(/\d+/, String(int(r, 0, 9)));
      return join(header.replace(/^\{/, `{${m[1]}:${again},`), data);
    }
    if (k === 1) {
      // a field repeated inside one entry
      const field = pick(r, ['dtype', 'shape', 'data_offsets', 'extra']);
      const value = field === 'dtype' ? '"F32"' : field === 'shape' ? '[1]' : field === 'data_offsets' ? '[0,4]' : '1';
      return join(header.replace(/"dtype"/, `"${field}":${value},"dtype"`), data);
    }
    return join(header.replace(/"__metadata__"\s*:\s*\{/, '"__metadata__":{"k":"a","k":"b",'), data);
  },
  'edit header text': (r, b) => {
    const { header, data } = split(b);
    let h = header;
    for (let k = int(r, 1, 3); k > 0; k--) {
      const at = int(r, 0, h.length);
      const cut = r() < 0.5 ? int(r, 0, 4) : 0;
      h = h.slice(0, at) + pick(r, TOKENS) + h.slice(at + cut);
    }
    return join(h, data, r() < 0.3 ? BigInt(enc.encode(header).length) : undefined);
  },
  'metadata values': (r, b) => {
    const { header, data } = split(b);
    const v = pick(r, ['1', 'null', '["a"]', '{"a":"b"}', '"\\ud800"', '"x"', `"${'y'.repeat(100_000)}"`, '{"__proto__":"p"}']);
    if (!header.includes('"__metadata__"')) return join(header.replace(/^\{/, `{"__metadata__":{"a":${v}}${header.trim() === '{}' ? '' : ','}`), data);
    return join(header.replace(/"__metadata__"\s*:\s*\{/, `"__metadata__":{"a":${v},`), data);
  },
  'random bytes': (r) => Uint8Array.from({ length: int(r, 0, 300) }, () => int(r, 0, 255)),
  'random header': (r) => {
    let h = '{';
    for (let k = int(r, 1, 40); k > 0; k--) h += r() < 0.5 ? pick(r, TOKENS) : pick(r, ['"dtype"', '"shape"', '"data_offsets"', '"F32"', '0', '4', '"w"', ...HUGE_NUMBERS.slice(0, 8)]);
    return join(h, Uint8Array.from({ length: int(r, 0, 16) }, () => int(r, 0, 255)));
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

// ---- hand-made hostile files ---------------------------------------------------------------------

const E = (dtype: string, shape: string, offsets: string): string => `{"dtype":"${dtype}","shape":${shape},"data_offsets":${offsets}}`;
const HOSTILE: [string, Uint8Array][] = [
  ['empty file', new Uint8Array(0)],
  ['7 bytes', new Uint8Array(7)],
  ['zero header length', join('', new Uint8Array(0))],
  ['header length 2^64-1', join('{}', new Uint8Array(0), 2n ** 64n - 1n)],
  ['header length 2^53+1', join('{}', new Uint8Array(0), 2n ** 53n + 1n)],
  ['header length past the file', join('{}', new Uint8Array(0), 3n)],
  ['header length at the cap, file short', join('{}', new Uint8Array(0), 100_000_000n)],
  ['BOM then {}', join('\uFEFF{}', new Uint8Array(0))],
  ['BOM inside', join('{\uFEFF}', new Uint8Array(0))],
  ['not an object', join('[]', new Uint8Array(0))],
  ['null', join('null', new Uint8Array(0))],
  ['lone surrogate escape in a name', join(`{"\\ud800":${E('F32', '[0]', '[0,0]')}}`, new Uint8Array(0))],
  ['invalid UTF-8', join(Uint8Array.from([0x7b, 0xc3, 0x28, 0x7d]), new Uint8Array(0))],
  ['overlong UTF-8', join(Uint8Array.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]), new Uint8Array(0))],
  ['dtype nested 5000 deep', join(`{"w":{"dtype":${'['.repeat(5000)}${']'.repeat(5000)},"shape":[],"data_offsets":[0,4]}}`, new Uint8Array(4))],
  ['shape nested 5000 deep', join(`{"w":{"dtype":"F32","shape":${'['.repeat(5000)}${']'.repeat(5000)},"data_offsets":[0,4]}}`, new Uint8Array(4))],
  ['offsets nested 5000 deep', join(`{"w":{"dtype":"F32","shape":[1],"data_offsets":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}`, new Uint8Array(4))],
  ['metadata nested 100000 deep', join(`{"__metadata__":${'['.repeat(100_000)}}`, new Uint8Array(0))],
  ['top level nested 100000 deep, unclosed', join(`{"a":${'['.repeat(100_000)}`, new Uint8Array(0))],
  ['overflowing shape with a zero dim', join(`{"w":${E('F32', '[0,9007199254740991,9007199254740991]', '[0,0]')}}`, new Uint8Array(0))],
  ['shape product past 2^53', join(`{"w":${E('I64', '[4294967296,4294967296]', '[0,8]')}}`, new Uint8Array(8))],
  ['shape with 1e308', join(`{"w":${E('F32', '[1e308]', '[0,4]')}}`, new Uint8Array(4))],
  ['offsets 2^64', join(`{"w":${E('F32', '[1]', '[18446744073709551612,18446744073709551616]')}}`, new Uint8Array(4))],
  ['offsets negative', join(`{"w":${E('F32', '[1]', '[-4,0]')}}`, new Uint8Array(4))],
  ['offsets fractional', join(`{"w":${E('F32', '[1]', '[0.5,4.5]')}}`, new Uint8Array(4))],
  ['offsets end before begin', join(`{"w":${E('F32', '[0]', '[4,0]')}}`, new Uint8Array(4))],
  ['overlapping tensors', join(`{"a":${E('F32', '[1]', '[0,4]')},"b":${E('F32', '[1]', '[0,4]')}}`, new Uint8Array(4))],
  ['65 dims', join(`{"w":${E('F32', `[${Array(65).fill(1).join(',')}]`, '[0,4]')}}`, new Uint8Array(4))],
  ['100 000 dims', join(`{"w":${E('F32', `[${Array(100_000).fill(1).join(',')}]`, '[0,4]')}}`, new Uint8Array(4))],
  ['duplicate dtype', join(`{"w":{"dtype":"F32","dtype":"F64","shape":[1],"data_offsets":[0,4]}}`, new Uint8Array(4))],
  ['duplicate names, last wins', join(`{"w":${E('F64', '[1]', '[0,8]')},"w":${E('F32', '[2]', '[0,8]')}}`, new Uint8Array(8))],
  ['__proto__ name', join(`{"__proto__":${E('F32', '[1]', '[0,4]')}}`, new Uint8Array(4))],
  ['__proto__ metadata key', join(`{"__metadata__":{"__proto__":"x","constructor":"y"}}`, new Uint8Array(0))],
  ['metadata array', join(`{"__metadata__":["a"]}`, new Uint8Array(0))],
  ['int64 beyond 2^53', join(`{"w":${E('I64', '[1]', '[0,8]')}}`, Uint8Array.from([1, 0, 0, 0, 0, 0, 0x20, 0]))],
  ['10 MB name', join(`{"${'n'.repeat(10_000_000)}":5}`, new Uint8Array(0))],
  ['1 MB dtype', join(`{"w":${E('x'.repeat(1_000_000), '[1]', '[0,4]')}}`, new Uint8Array(4))],
  ['a 5000-digit number', join(`{"w":${E('F32', `[${'9'.repeat(5000)}]`, '[0,4]')}}`, new Uint8Array(4))],
  ['control character in a string', join(`{"w\u0001":${E('F32', '[1]', '[0,4]')}}`, new Uint8Array(4))],
  ['bad escape', join(`{"w\\x":${E('F32', '[1]', '[0,4]')}}`, new Uint8Array(4))],
  ['unterminated string', join(`{"w`, new Uint8Array(0))],
  ['trailing text', join(`{} {}`, new Uint8Array(0))],
  ['trailing comma', join(`{"w":${E('F32', '[1]', '[0,4]')},}`, new Uint8Array(4))],
  ['NUL padding', join(`{}\u0000\u0000`, new Uint8Array(0))],
  ['100 000 entries', join(`{${Array.from({ length: 100_001 }, (_, i) => `"${i}":${E('F32', '[0]', '[0,0]')}`).join(',')}}`, new Uint8Array(0))],
  ['entries past the cap', join(`{"__metadata__":{${Array.from({ length: 100_001 }, (_, i) => `"${i}":""`).join(',')}}}`, new Uint8Array(0))],
];

// ---- the oracle ----------------------------------------------------------------------------------

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** Why a load result is not a valid reading of `bytes`, or null when it is. */
function invalidResult(bytes: Uint8Array, result: ReturnType<typeof parseSafetensors>): string | null {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const dataBytes = bytes.length - 8 - n;
  if (dataBytes < 0) return 'loaded although the header length runs past the file';
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  } catch (e) {
    return `loaded a header JSON.parse refuses (${(e as Error).message.slice(0, 80)})`;
  }
  const names = Object.keys(header).filter((k) => k !== '__metadata__');
  const loaded = Object.keys(result.tensors);
  if (loaded.length !== names.length || names.some((k) => !Object.prototype.hasOwnProperty.call(result.tensors, k))) {
    return `loaded tensors ${JSON.stringify(loaded).slice(0, 200)} but the header lists ${JSON.stringify(names).slice(0, 200)}`;
  }
  let covered = 0;
  for (const name of names) {
    const entry = header[name] as HeaderEntry;
    const t = result.tensors[name];
    if (!(t instanceof Tensor)) return `${JSON.stringify(name)} is not a Tensor`;
    const st = entry.dtype as SafetensorsDType;
    if (!Object.prototype.hasOwnProperty.call(SAFETENSORS_DTYPES, st) || SAFETENSORS_DTYPES[st].dtype !== t.dtype) {
      return `${JSON.stringify(name)}: dtype ${t.dtype} for header dtype ${JSON.stringify(entry.dtype)}`;
    }
    if (!Array.isArray(entry.shape) || JSON.stringify([...t.shape]) !== JSON.stringify(entry.shape)) {
      return `${JSON.stringify(name)}: shape [${t.shape.join(',')}] for header shape ${JSON.stringify(entry.shape)}`;
    }
    const [begin, end] = entry.data_offsets;
    if (!Number.isSafeInteger(begin) || !Number.isSafeInteger(end) || begin < 0 || end < begin || end > dataBytes) {
      return `${JSON.stringify(name)}: data_offsets ${JSON.stringify(entry.data_offsets)} are not within ${dataBytes} data bytes`;
    }
    if (t.numel() * SAFETENSORS_DTYPES[st].bytes !== end - begin || t.toTypedArray().length !== t.numel()) {
      return `${JSON.stringify(name)}: ${t.numel()} elements of ${st} for data_offsets [${begin}, ${end}]`;
    }
    covered += end - begin;
  }
  if (covered !== dataBytes) return `tensors cover ${covered} bytes of ${dataBytes}`;
  const meta = header.__metadata__;
  if (JSON.stringify(result.metadata) !== JSON.stringify(meta === undefined ? null : meta)) return 'metadata differ from the header';
  return null;
}

/** The same values, element by element (NaN equal to NaN, -0 distinct from 0). */
function sameTensors(a: Record<string, Tensor>, b: Record<string, Tensor>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    const x = a[k].toTypedArray();
    const y = b[k]?.toTypedArray();
    if (!y || x.length !== y.length || a[k].dtype !== b[k].dtype) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(Number(x[i]), Number(y[i]))) return false;
  }
  return true;
}

interface Outcome {
  ok: number;
  refused: number;
  slowestMs: number;
  failures: string[];
}

function hex(bytes: Uint8Array): string {
  const head = Array.from(bytes.subarray(0, 160), (x) => x.toString(16).padStart(2, '0')).join('');
  return bytes.length > 160 ? `${head}… (${bytes.length} bytes)` : head;
}

/** Load one input and judge the outcome; `expected` is the source when the file is unmutated. */
function check(out: Outcome, label: string, bytes: Uint8Array, expected?: Source): void {
  const elapsed = cpuStopwatch();
  let problem: string | null = null;
  try {
    const result = parseSafetensors(bytes);
    problem = invalidResult(bytes, result);
    if (!problem && expected && !sameTensors(expected.tensors, result.tensors)) problem = 'a valid file loaded with other values';
    out.ok++;
  } catch (e) {
    if (e instanceof SafetensorsError) out.refused++;
    else problem = `threw ${(e as Error)?.name ?? typeof e}: ${String((e as Error)?.message ?? e).slice(0, 200)}`;
    if (expected) problem ??= `a valid file was refused: ${(e as Error).message.slice(0, 200)}`;
  }
  const ms = elapsed();
  out.slowestMs = Math.max(out.slowestMs, ms);
  if (!problem && ms > CASE_MS) problem = `took ${ms.toFixed(0)} ms of CPU time (bound ${CASE_MS} ms)`;
  if (problem && out.failures.length < 5) out.failures.push(`seed ${SEED} ${label}: ${problem}\n  bytes: ${hex(bytes)}`);
}

const memory = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

describe('safetensors fuzz (seeded)', () => {
  it(`hand-made hostile headers give a SafetensorsError or a valid load (seed ${SEED})`, () => {
    const out: Outcome = { ok: 0, refused: 0, slowestMs: 0, failures: [] };
    for (const [name, bytes] of HOSTILE) check(out, `hostile '${name}'`, bytes);
    expect(out.failures, out.failures.join('\n')).toEqual([]);
    expect(out.refused).toBeGreaterThan(HOSTILE.length / 2);
  });

  it(`mutated valid files of every dtype give a SafetensorsError or a valid load, in bounded time and memory (seed ${SEED})`, () => {
    const out: Outcome = { ok: 0, refused: 0, slowestMs: 0, failures: [] };
    const byMutation = new Map<string, number>();
    const before = memory();
    const t0 = performance.now();
    const first = ONLY_CASE ?? 0;
    const last = ONLY_CASE ?? CASES - 1;
    let ran = 0;
    for (let i = first; i <= last && out.failures.length < 5; i++, ran++) {
      const r = caseRng(i);
      const source = validFile(r);
      if (i % 16 === 0) check(out, `case ${i} (unmutated)`, source.bytes, source);
      let bytes = source.bytes;
      const names: string[] = [];
      for (let k = r() < 0.8 ? 1 : int(r, 2, 3); k > 0; k--) {
        const name = pick(r, MUTATION_NAMES);
        names.push(name);
        try {
          bytes = MUTATIONS[name](r, bytes);
        } catch (e) {
          throw new Error(`seed ${SEED} case ${i}: the mutation '${name}' itself failed: ${String(e)}`);
        }
      }
      byMutation.set(names[0], (byMutation.get(names[0]) ?? 0) + 1);
      check(out, `case ${i} (${names.join(' + ')})`, bytes);
      if (performance.now() - t0 > TOTAL_MS) break;
    }
    const growth = memory() - before;
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(
      `safetensors fuzz: seed ${SEED}, ${ran} cases in ${seconds} s: ${out.ok} loaded, ${out.refused} refused; ` +
        `slowest ${out.slowestMs.toFixed(1)} ms, memory ${growth >= 0 ? '+' : ''}${(growth / 2 ** 20).toFixed(1)} MB`,
    );
    const rerun = `(rerun one case: SAFETENSORS_FUZZ_SEED=${SEED} SAFETENSORS_FUZZ_CASE=<case> npx vitest run test/safetensors-fuzz.test.ts)`;
    expect(out.failures, `${out.failures.join('\n')}\n${rerun}`).toEqual([]);
    expect(growth, `memory grew by ${(growth / 2 ** 20).toFixed(1)} MB`).toBeLessThan(MEMORY_GROWTH_BYTES);
    if (ONLY_CASE === null) {
      // enough cases ran, every mutation ran, and both outcomes occurred often
      expect(ran).toBeGreaterThanOrEqual(Math.min(MIN_CASES, CASES));
      expect(byMutation.size).toBe(MUTATION_NAMES.length);
      expect(out.ok).toBeGreaterThan(ran / 50);
      expect(out.refused).toBeGreaterThan(ran / 2);
    }
  });
});
