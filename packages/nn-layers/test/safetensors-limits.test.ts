// safetensors loading within bounds: a header at the 100 MB cap costs bounded time and memory (a
// cap on entries refuses the 1.7-million-empty-tensor header early), deep nesting, byte order marks,
// overflowing shapes, huge names and bad options each give a short SafetensorsError / ValueError,
// never a RangeError.
import { describe, expect, it } from 'vitest';
import { ValueError, zeros } from '@torchlet/tensor-core';
import { DEFAULT_MAX_ENTRIES } from '../src/safetensors/format.js';
import { cpuStopwatch } from './cpu-time.js';
import {
  DEFAULT_MAX_HEADER_BYTES,
  SafetensorsError,
  loadSafetensors,
  parseSafetensors,
  saveSafetensors,
} from '../src/index.js';

const enc = new TextEncoder();
const EMPTY = '{"dtype":"F32","shape":[0],"data_offsets":[0,0]}';

/** A file from raw header text and a data section. */
function file(header: string, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const h = enc.encode(header);
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

/**
 * A file whose `headerBytes`-byte header is `open`, then `unit(i)` for i = 0, 1, ... joined by `sep`
 * while they fit, then `close`, padded with spaces; written straight into the bytes (no big string).
 */
function generated(headerBytes: number, open: string, unit: (i: number) => string, sep: string, close: string): Uint8Array {
  const out = new Uint8Array(8 + headerBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes), true);
  let at = 8;
  const put = (s: string): void => {
    at += enc.encodeInto(s, out.subarray(at)).written;
  };
  put(open);
  const room = 8 + headerBytes - close.length;
  for (let i = 0; ; i++) {
    const u = (i === 0 ? '' : sep) + unit(i); // ASCII: one byte a character
    if (at + u.length > room) break;
    put(u);
  }
  put(close);
  out.fill(0x20, at);
  return out;
}

/** The error `f` throws (fails the test when it returns). */
function caught(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('a header at the 100 MB cap', () => {
  // Measured first in a fresh worker, before the other tests raise the process's peak memory.
  it('listing 1.7 million empty tensors is refused early, in bounded time and memory', () => {
    const bytes = generated(DEFAULT_MAX_HEADER_BYTES, '{', (i) => `"t${i}":${EMPTY}`, ',', '}');
    const peakBefore = process.resourceUsage().maxRSS; // KiB
    const elapsed = cpuStopwatch();
    const error = caught(() => loadSafetensors(bytes));
    const seconds = elapsed() / 1000; // CPU time (see cpu-time.ts)
    const peakGrowthMB = ((process.resourceUsage().maxRSS - peakBefore) * 1024) / 1e6;
    expect(error).toBeInstanceOf(SafetensorsError);
    expect(error.message).toContain(`lists more than ${DEFAULT_MAX_ENTRIES} entries`);
    // before: 17 s and 2 GB; bounds generous for slow machines (about 0.3 s and 30 MB here)
    expect(seconds).toBeLessThan(5);
    expect(peakGrowthMB).toBeLessThan(200);
  });

  it('with 100 MB of values in a field nobody reads is skipped without building them', () => {
    // JSON.parse would build 33 million empty objects (gigabytes) here
    const block = Array(1000).fill('{}').join(',');
    const bytes = generated(DEFAULT_MAX_HEADER_BYTES, '{"w":{"dtype":"F32","shape":[0],"data_offsets":[0,0],"x":[', () => block, ',', ']}}');
    const heapBefore = process.memoryUsage().heapUsed;
    const elapsed = cpuStopwatch();
    const tensors = loadSafetensors(bytes);
    const seconds = elapsed() / 1000; // CPU time (see cpu-time.ts)
    expect(Object.keys(tensors)).toEqual(['w']);
    expect(seconds).toBeLessThan(5);
    expect((process.memoryUsage().heapUsed - heapBefore) / 1e6).toBeLessThan(200);
  });
});

describe('entry cap (maxEntries)', () => {
  it('refuses a header with more entries than maxEntries, at the first entry past it', () => {
    const header = (n: number): string => `{${Array.from({ length: n }, (_, i) => `"t${i}":${EMPTY}`).join(',')}}`;
    expect(Object.keys(loadSafetensors(file(header(1000)), { maxEntries: 1000 }))).toHaveLength(1000);
    const error = caught(() => loadSafetensors(file(header(1001)), { maxEntries: 1000 }));
    expect(error).toBeInstanceOf(SafetensorsError);
    expect(error.message).toBe(
      "loadSafetensors(): the header lists more than 1000 entries (tensors and '__metadata__' pairs); pass a larger maxEntries to load it",
    );
    // refused where the cap is crossed: what follows (here broken JSON) is never read
    expect(() => loadSafetensors(file(`${header(1001).slice(0, -1)},"x": nonsense`), { maxEntries: 1000 })).toThrow('more than 1000 entries');
  });

  it('counts __metadata__ pairs too, and a repeated name once per listing', () => {
    const meta = `{"__metadata__":{${Array.from({ length: 10 }, (_, i) => `"k${i}":"v"`).join(',')}}}`;
    expect(() => loadSafetensors(file(meta), { maxEntries: 10 })).toThrow('more than 10 entries');
    expect(loadSafetensors(file(meta), { maxEntries: 11 })).toEqual({});
    const repeated = `{${Array.from({ length: 6 }, () => `"w":${EMPTY}`).join(',')}}`;
    expect(() => loadSafetensors(file(repeated), { maxEntries: 5 })).toThrow('more than 5 entries');
  });

  it('defaults to 100 000', () => {
    expect(DEFAULT_MAX_ENTRIES).toBe(100_000);
  });
});

describe('hostile headers get a short SafetensorsError, never a RangeError', () => {
  const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
  it.each([
    ['dtype', `{"w":{"dtype":${deep(5000)},"shape":[0],"data_offsets":[0,0]}}`],
    ['shape', `{"w":{"dtype":"F32","shape":${deep(5000)},"data_offsets":[0,0]}}`],
    ['data_offsets', `{"w":{"dtype":"F32","shape":[0],"data_offsets":${deep(5000)}}}`],
    ['the entry', `{"w":${deep(5000)}}`],
    ['an unknown field', `{"w":{"dtype":"F32","shape":[0],"data_offsets":[0,0],"x":${deep(5000)}}}`],
    ['__metadata__', `{"__metadata__":${deep(5000)}}`],
    ['a __metadata__ value', `{"__metadata__":{"a":${deep(5000)}}}`],
    ['objects', `{"w":{"dtype":"F32","shape":[0],"data_offsets":[0,0],"x":${'{"a":'.repeat(5000)}0${'}'.repeat(5000)}}}`],
  ])('5,000 levels of nesting in %s', (_where, header) => {
    const error = caught(() => loadSafetensors(file(header)));
    expect(error).toBeInstanceOf(SafetensorsError);
    expect(error.message).toMatch(/nests arrays and objects more than 128 deep/);
    expect(error.message.length).toBeLessThan(300);
  });

  it('nesting up to 128 levels (serde_json, the reference parser, stops at 128) loads; deeper is refused', () => {
    // the entry is level 2 inside the header object, so an unknown field may nest 126 more
    const at = (n: number): Uint8Array => file(`{"w":{"dtype":"F32","shape":[0],"data_offsets":[0,0],"x":${deep(n)}}}`);
    expect(Object.keys(loadSafetensors(at(126)))).toEqual(['w']);
    expect(() => loadSafetensors(at(127))).toThrow(SafetensorsError);
  });

  it('a value of the wrong type is quoted in at most 40 bytes', () => {
    const error = caught(() => loadSafetensors(file(`{"w":{"dtype":[${'1,'.repeat(100_000)}1],"shape":[0],"data_offsets":[0,0]}}`)));
    expect(error).toBeInstanceOf(SafetensorsError);
    expect(error.message).toMatch(/^loadSafetensors\(\): tensor 'w': 'dtype' must be a string, got \[1,1,1,.*… \(200003 bytes\)$/);
    expect(error.message.length).toBeLessThan(200);
  });

  it('a UTF-8 byte order mark before the header is refused (the reference implementation refuses it)', () => {
    const ok = saveSafetensors({ w: zeros([2]) });
    const n = Number(new DataView(ok.buffer).getBigUint64(0, true));
    const withBom = new Uint8Array(ok.length + 3);
    new DataView(withBom.buffer).setBigUint64(0, BigInt(n + 3), true);
    withBom.set([0xef, 0xbb, 0xbf], 8);
    withBom.set(ok.subarray(8), 11);
    const error = caught(() => loadSafetensors(withBom));
    expect(error).toBeInstanceOf(SafetensorsError);
    expect(error.message).toBe("loadSafetensors(): the header starts with a UTF-8 byte order mark (EF BB BF); it must start with '{'");
    // a U+FEFF inside a name is kept, not dropped
    const named = file(`{"\uFEFFw":${EMPTY}}`);
    expect(Object.keys(loadSafetensors(named))).toEqual(['\uFEFFw']);
  });

  it('a shape whose element count overflows is refused even when another dim is 0', () => {
    for (const shape of [[0, 2 ** 40, 2 ** 40], [2 ** 40, 2 ** 40, 0], [2 ** 30, 0, 2 ** 30, 2 ** 3]]) {
      const error = caught(() => loadSafetensors(file(`{"w":{"dtype":"F32","shape":[${shape.join(',')}],"data_offsets":[0,0]}}`)));
      expect(error).toBeInstanceOf(SafetensorsError);
      expect(error.message).toBe(
        `loadSafetensors(): tensor 'w': shape [${shape.join(', ')}] of F32 needs more than 9007199254740991 bytes: its element count overflows`,
      );
    }
    // a large empty shape that does not overflow still loads
    expect([...loadSafetensors(file(`{"w":{"dtype":"F32","shape":[0,${2 ** 40},1024],"data_offsets":[0,0]}}`)).w.shape]).toEqual([0, 2 ** 40, 1024]);
  });

  it('more than 64 dims and repeated fields are refused', () => {
    const dims = (n: number): string => `{"w":{"dtype":"F32","shape":[${Array(n).fill(1).join(',')}],"data_offsets":[0,4]}}`;
    expect(loadSafetensors(file(dims(64), new Uint8Array(4))).w.ndim).toBe(64);
    expect(() => loadSafetensors(file(dims(65), new Uint8Array(4)))).toThrow("tensor 'w': 'shape' has more than 64 dims");
    expect(() => loadSafetensors(file('{"w":{"dtype":"F32","shape":[0],"shape":[0],"data_offsets":[0,0]}}'))).toThrow(
      "tensor 'w': the field 'shape' appears twice",
    );
  });

  it('error messages cut huge names to 64 characters with a length note', () => {
    const name = 'x'.repeat(10_000_000);
    const error = caught(() => loadSafetensors(file(`{"${name}":{"dtype":"Q7","shape":[0],"data_offsets":[0,0]}}`)));
    expect(error).toBeInstanceOf(SafetensorsError);
    expect(error.message).toBe(
      `loadSafetensors(): tensor '${'x'.repeat(64)}…' (a name of 10000000 characters) has unknown dtype "Q7" (supported: F32, F64, I64, I32, BOOL)`,
    );
    const gap = caught(() => loadSafetensors(file(`{"${name}":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, new Uint8Array(8))));
    expect(gap.message.length).toBeLessThan(300);
  });

  it('the header must still be UTF-8 JSON: errors name the byte', () => {
    expect(() => loadSafetensors(file('{"w":{"dtype":"F32" "shape":[0]}}'))).toThrow(
      "the header is not valid JSON (expected ',' or '}' at byte 20 of the header)",
    );
    expect(() => loadSafetensors(file(`{"w":${EMPTY}} x`))).toThrow('unexpected text after the header object');
    expect(() => loadSafetensors(file('{"w\u0001":1}'))).toThrow('a control character in a string');
    expect(() => loadSafetensors(file('{"w":{"dtype":"F32","shape":[01],"data_offsets":[0,0]}}'))).toThrow(/not valid JSON/);
    const bad = file('{"ab":1}');
    bad[10] = 0xc3; // a lead byte without its continuation
    expect(() => loadSafetensors(bad)).toThrow('the header is not valid UTF-8');
  });

  it('escaped names and fields read as JSON.parse reads them', () => {
    const header = `{"a\\u00e9\\n\\"":{"d\\u0074ype":"F32","shape":[1],"data_offsets":[0,4],"extra":{"k":[1,-2.5e3,true,null,"s"]}}}`;
    expect(Object.keys(loadSafetensors(file(header, new Uint8Array(4))))).toEqual([JSON.parse('"a\\u00e9\\n\\""') as string]);
  });
});

describe('invalid options name the option', () => {
  const bytes = saveSafetensors({ w: zeros([2]) });
  it.each([
    ['maxHeaderBytes', 1.5, "option 'maxHeaderBytes' expected a non-negative integer, got 1.5"],
    ['maxHeaderBytes', -1, "option 'maxHeaderBytes' expected a non-negative integer, got -1"],
    ['maxHeaderBytes', Number.NaN, 'got NaN'],
    ['maxHeaderBytes', Number.POSITIVE_INFINITY, 'got Infinity'],
    ['maxHeaderBytes', '100', "got the string '100'"],
    ['maxEntries', 2.5, "option 'maxEntries' expected a non-negative integer, got 2.5"],
  ])('%s: %s', (key, value, message) => {
    const error = caught(() => parseSafetensors(bytes, { [key]: value } as never));
    expect(error).toBeInstanceOf(ValueError);
    expect(error.message).toContain(`loadSafetensors(): `);
    expect(error.message).toContain(message);
  });

  it('options must be an object', () => {
    expect(() => loadSafetensors(bytes, null as never)).toThrow("loadSafetensors(): argument 'options' expected an object, got null");
  });

  it('unknown options are refused, with the camelCase name when one matches', () => {
    expect(() => loadSafetensors(bytes, { max_entries: 5 } as never)).toThrow(/loadSafetensors\(\): unexpected option 'max_entries' \(did you mean 'maxEntries'/);
    expect(() => saveSafetensors({ w: zeros([2]) }, { meta: {} } as never)).toThrow(/saveSafetensors\(\): unexpected option 'meta'/);
  });
});

describe('saveSafetensors refuses what is not a tensor', () => {
  it.each([
    [{ w: 5 }, "argument 'tensors' expected a Tensor for key 'w', got number"],
    [{ w: null }, "argument 'tensors' expected a Tensor for key 'w', got null"],
    [{ w: [1, 2] }, "argument 'tensors' expected a Tensor for key 'w', got an array"],
    [{ w: { dtype: 'float32', shape: [2] } }, "argument 'tensors' expected a Tensor for key 'w', got an object"],
    [null, "argument 'tensors' expected an object of named tensors (a state dict), got null"],
    [zeros([2]), "argument 'tensors' expected an object of named tensors (a state dict), got a Tensor"],
  ])('%o', (tensors, message) => {
    const error = caught(() => saveSafetensors(tensors as never));
    expect(error).toBeInstanceOf(SafetensorsError);
    expect(error.message).toBe(`saveSafetensors(): ${message}`);
  });

  it('metadata must be an object of strings', () => {
    expect(() => saveSafetensors({ w: zeros([1]) }, { metadata: 'pt' as never })).toThrow(
      "saveSafetensors(): option 'metadata' expected an object of strings, got string",
    );
    expect(() => saveSafetensors({ w: zeros([1]) }, { metadata: { a: 1 } as never })).toThrow("saveSafetensors(): metadata 'a' must be a string, got number");
  });
});
