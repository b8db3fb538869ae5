// safetensors: round trips of every dtype, the reference layout, and safe loading of malformed or
// hostile files (each gets a SafetensorsError, never another exception, a hang or a big allocation),
// with a fast-check fuzzer over mutated and random files.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Tensor, arange, scalarTensor, tensor, zeros } from '@torchlet/tensor-core';
import { DEFAULT_MAX_HEADER_BYTES, SafetensorsError, loadSafetensors, parseSafetensors, saveSafetensors, saveSafetensorsAsync } from '../src/index.js';

const enc = new TextEncoder();

/** A file from a header object (or raw header text) and a data section. */
function file(header: unknown, data: Uint8Array = new Uint8Array(0), declared?: bigint): Uint8Array {
  const h = enc.encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, declared ?? BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

function expectSafeError(bytes: Uint8Array, pattern: RegExp): void {
  let caught: unknown = null;
  try {
    loadSafetensors(bytes);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(SafetensorsError);
  expect((caught as Error).message).toMatch(pattern);
}

describe('safetensors round trips', () => {
  it('keeps every dtype, shape and value, including 0-d, empty and strided tensors', () => {
    const dict: Record<string, Tensor> = {
      'a.f32': tensor([[1.5, -2], [3.25, Number.NEGATIVE_INFINITY]], { dtype: 'float32' }),
      'b.f64': tensor([Math.PI, Number.MIN_VALUE, -0], { dtype: 'float64' }),
      'c.i64': tensor([-(2 ** 53), 0, 2 ** 53], { dtype: 'int64' }),
      'd.i32': tensor([-(2 ** 31), 2 ** 31 - 1], { dtype: 'int32' }),
      'e.bool': tensor([true, false, true]),
      'f.scalar': scalarTensor(7, 'int64'),
      'g.empty': zeros([0, 3]),
      'h.strided': arange(6, undefined, undefined, { dtype: 'float32' }).reshape([2, 3]).t(),
      nan: tensor([Number.NaN], { dtype: 'float32' }),
    };
    const bytes = saveSafetensors(dict, { metadata: { format: 'pt', note: 'ünïcode' } });
    const { tensors, metadata } = parseSafetensors(bytes);
    expect({ ...metadata }).toEqual({ format: 'pt', note: 'ünïcode' });
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(dict).sort());
    for (const [k, t] of Object.entries(dict)) {
      expect(tensors[k].dtype).toBe(t.dtype);
      expect([...tensors[k].shape]).toEqual([...t.shape]);
      expect(Array.from(tensors[k].toTypedArray())).toEqual(Array.from(t.toTypedArray()));
    }
  });

  it('lays out like the reference writer: dtype alignment then name, header padded to 8 bytes', () => {
    const bytes = saveSafetensors({ z: zeros([1], { dtype: 'bool' }), b: zeros([1]), a: zeros([1]), i: zeros([1], { dtype: 'int64' }) });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(Object.keys(JSON.parse(header))).toEqual(['i', 'a', 'b', 'z']);
    expect(header.trimEnd()).toBe(header.trimEnd().trim());
    expect(bytes.length).toBe(8 + n + 8 + 4 + 4 + 1);
  });

  it('keeps integer-like and reserved-looking names as plain keys', () => {
    const dict = { '1': zeros([1]), '0': zeros([2]), __proto__x: zeros([1]) };
    const loaded = loadSafetensors(saveSafetensors(dict));
    expect(Object.keys(loaded).sort()).toEqual(['0', '1', '__proto__x']);
    const evil = file('{"__proto__":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', new Uint8Array(4));
    const loaded2 = loadSafetensors(evil);
    expect(Object.getPrototypeOf(loaded2)).toBeNull();
    expect(Object.keys(loaded2)).toEqual(['__proto__']);
  });
});

describe('saveSafetensorsAsync on the CPU', () => {
  it('resolves to the bytes saveSafetensors writes, a tensor named __proto__ included, and rejects as it throws', async () => {
    const dict = JSON.parse('{"__proto__": 1, "w": 2}') as Record<string, unknown>;
    dict.__proto__ = tensor([1, 2], { dtype: 'float32' });
    dict.w = arange(6, undefined, undefined, { dtype: 'float32' }).reshape([2, 3]).t();
    const tensors = dict as Record<string, Tensor>;
    expect(Object.keys(tensors)).toEqual(['__proto__', 'w']);
    const bytes = await saveSafetensorsAsync(tensors, { metadata: { format: 'pt' } });
    expect(Array.from(bytes)).toEqual(Array.from(saveSafetensors(tensors, { metadata: { format: 'pt' } })));
    expect(Object.keys(parseSafetensors(bytes).tensors).sort()).toEqual(['__proto__', 'w']);
    await expect(saveSafetensorsAsync([] as never)).rejects.toThrow("saveSafetensors(): argument 'tensors' expected an object of named tensors (a state dict), got an array");
    await expect(saveSafetensorsAsync({ w: 3 } as never)).rejects.toThrow("saveSafetensors(): argument 'tensors' expected a Tensor for key 'w', got number");
  });
});

describe('safetensors rejects malformed files', () => {
  const ok = { w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } };
  it.each([
    ['shorter than 8 bytes', new Uint8Array(5), /shorter than the 8-byte/],
    ['header length past the end', file(ok, new Uint8Array(8), 10_000n), /runs past the end/],
    ['huge header length', file(ok, new Uint8Array(8), 2n ** 63n), /exceeds the limit/],
    ['header over the cap', file(ok, new Uint8Array(8), BigInt(DEFAULT_MAX_HEADER_BYTES + 1)), /exceeds the limit/],
    ['invalid UTF-8', file('{"\u00ff', new Uint8Array(0)).map((b, i) => (i === 10 ? 0xff : b)), /UTF-8|JSON/],
    ['invalid JSON', file('{"w": ', new Uint8Array(0)), /not valid JSON/],
    ['not an object', file('[1, 2]', new Uint8Array(0)), /starting with '\{'|JSON object/],
    ['unknown dtype', file({ w: { dtype: 'Q7', shape: [2], data_offsets: [0, 8] } }, new Uint8Array(8)), /unknown dtype/],
    ['unsupported dtype', file({ w: { dtype: 'F16', shape: [4], data_offsets: [0, 8] } }, new Uint8Array(8)), /does not support/],
    ['bad shape', file({ w: { dtype: 'F32', shape: [-2], data_offsets: [0, 8] } }, new Uint8Array(8)), /shape/],
    ['shape and bytes disagree', file({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8)), /needs/],
    ['huge shape', file({ w: { dtype: 'F64', shape: [2 ** 40, 2 ** 40, 2 ** 40], data_offsets: [0, 8] } }, new Uint8Array(8)), /needs more than/],
    ['offsets out of range', file({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8_000_000_000] } }, new Uint8Array(8)), /run past/],
    ['offsets reversed', file({ w: { dtype: 'F32', shape: [0], data_offsets: [8, 0] } }, new Uint8Array(8)), /end before/],
    [
      'overlapping offsets',
      file({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, new Uint8Array(8)),
      /overlap/,
    ],
    ['a gap', file({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, new Uint8Array(8)), /gap/],
    ['data not covered', file(ok, new Uint8Array(12)), /cover 8 data bytes but the file has 12/],
    ['metadata not strings', file({ __metadata__: { a: 1 } }, new Uint8Array(0)), /must be a string/],
    ['entry not an object', file({ w: 5 }, new Uint8Array(0)), /must be an object/],
    ['int64 beyond 2^53', file({ w: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0x7f])), /beyond 2\^53/],
  ])('%s', (_name, bytes, pattern) => expectSafeError(bytes, pattern));

  it('honours a smaller header cap', () => {
    const bytes = saveSafetensors({ w: zeros([2]) });
    expect(() => loadSafetensors(bytes, { maxHeaderBytes: 16 })).toThrow(SafetensorsError);
  });
});

describe('safetensors fuzz (fast-check)', () => {
  const valid = saveSafetensors({
    'layer.weight': tensor([[1, 2], [3, 4]], { dtype: 'float32' }),
    'layer.bias': tensor([0.5, -0.5], { dtype: 'float64' }),
    steps: scalarTensor(3, 'int64'),
    mask: tensor([true, false]),
  });

  /** Loading either succeeds (then every tensor's bytes fit in the file) or throws a SafetensorsError. */
  function loadsSafely(bytes: Uint8Array): boolean {
    try {
      const tensors = loadSafetensors(bytes);
      let total = 0;
      for (const t of Object.values(tensors)) total += t.numel();
      return total <= bytes.length;
    } catch (e) {
      if (!(e instanceof SafetensorsError)) throw e;
      return true;
    }
  }

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), (b) => loadsSafely(b)), { numRuns: 2000 });
  });

  it('valid files with bytes flipped, inserted, removed or truncated', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), at: fc.nat(valid.length - 1), value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(valid.length), value: fc.constant(0) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(valid.length), value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(valid.length - 1), value: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        let b = Uint8Array.from(valid);
        for (const m of mutations) {
          const at = Math.min(m.at, b.length);
          if (m.kind === 'set' && at < b.length) b[at] = m.value;
          else if (m.kind === 'cut') b = b.slice(0, at);
          else if (m.kind === 'insert') b = Uint8Array.from([...b.slice(0, at), m.value, ...b.slice(at)]);
          else if (m.kind === 'delete') b = Uint8Array.from([...b.slice(0, at), ...b.slice(at + 1)]);
        }
        return loadsSafely(b);
      }),
      { numRuns: 3000 },
    );
  });

  it('hostile headers: arbitrary dtypes, shapes and offsets', () => {
    const num = fc.oneof(fc.integer({ min: -5, max: 64 }), fc.constantFrom(2 ** 31, 2 ** 53, 2 ** 64, 1e300, 0.5, -0), fc.nat());
    const entry = fc.record({
      dtype: fc.oneof(fc.constantFrom('F32', 'F64', 'I64', 'I32', 'BOOL', 'F16', 'BF16', 'U8', ''), fc.string({ maxLength: 6 })),
      shape: fc.array(num, { maxLength: 5 }),
      data_offsets: fc.oneof(fc.tuple(num, num), fc.array(num, { maxLength: 3 })),
    });
    const header = fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__metadata__', '__proto__', 'constructor')), fc.oneof(entry, fc.anything()), { maxKeys: 5 });
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 128 }), (h, data) => loadsSafely(file(h, data))),
      { numRuns: 3000 },
    );
  });
});
