import { afterEach, describe, expect, it } from 'vitest';
import {
  add,
  dispose,
  exp,
  keep,
  matmul,
  memoryInfo,
  rand,
  scope,
  softmax,
  tensor,
  useBackend,
  wasmFeatures,
  wasmMemoryInfo,
  zeros,
  type Tensor,
} from '@torchlet/tensor-core';
import { heapOf } from '../src/backend/wasm/heap.js';

const backends = wasmFeatures() === 'none' ? (['cpu'] as const) : (['cpu', 'wasm'] as const);

afterEach(() => useBackend('auto'));

/** Every element, as plain numbers (a copy: safe to keep after the scope). */
function values(t: Tensor): number[] {
  return Array.from(t.toTypedArray());
}

describe.each(backends)('scope() on the %s backend', (backend) => {
  it('gives the same results as without a scope (ops on tensors made inside and outside it)', () => {
    useBackend(backend);
    const a0 = rand([64, 48]);
    const b0 = rand([48, 32]);
    const expected = [add(a0, a0), exp(a0), matmul(a0, b0), softmax(a0, 1)].map(values);
    const inside = scope(() => {
      const a = a0.clone();
      const b = b0.clone();
      return [add(a, a0), exp(a), matmul(a, b), softmax(a, 1)].map(values);
    });
    expect(inside).toEqual(expected);
  });

  it('disposes what fn made and did not return: using it afterwards throws', () => {
    useBackend(backend);
    let leaked: Tensor | undefined;
    const kept = scope(() => {
      leaked = rand([2048]).mul(2);
      return rand([2048]).add(1);
    });
    expect(leaked?.isDisposed).toBe(true);
    expect(() => leaked?.sum()).toThrow(/disposed.*scope\(\).*keep\(\)/);
    expect(() => leaked?.toTypedArray()).toThrow(/disposed/);
    expect(String(leaked)).toMatch(/disposed/);
    expect(kept.isDisposed).toBe(false);
    expect(kept.sum().item()).toBeGreaterThan(2048);
    expect(memoryInfo().scopes).toBe(0);
  });

  it('keeps what fn returns inside arrays, Maps and plain objects, and what keep() marks', () => {
    useBackend(backend);
    let marked: Tensor | undefined;
    const r = scope(() => {
      marked = keep(zeros([3000]).add(5));
      return { list: [rand([2000])], map: new Map([['m', rand([2000])]]), nested: { deep: [{ t: rand([2000]) }] } };
    });
    expect([r.list[0], r.map.get('m'), r.nested.deep[0].t, marked].every((t) => t !== undefined && !t.isDisposed)).toBe(true);
    expect(values(marked as Tensor).every((v) => v === 5)).toBe(true);
  });

  it('reuses storage: a loop of scopes holds the same memory after its first step', () => {
    useBackend(backend);
    const x0 = rand([256, 256]);
    const step = (): number => scope(() => exp(x0.mul(0.5)).add(x0).sum().item());
    const first = step();
    const held = (): [number, number] => [wasmMemoryInfo().reservedBytes, memoryInfo().pooledBytes];
    const after = held();
    // the cpu backend pools typed arrays, the wasm backend lends blocks of its memory
    expect(after[backend === 'cpu' ? 1 : 0]).toBeGreaterThan(0);
    for (let i = 0; i < 50; i++) expect(step()).toBe(first);
    expect(held()).toEqual(after);
  });

  it('a reused block never shows old values where zeros are due', () => {
    useBackend(backend);
    for (let i = 0; i < 3; i++) {
      scope(() => {
        rand([4096]).add(7); // fills a block with non-zeros, freed at the end
        expect(values(zeros([4096])).every((v) => v === 0)).toBe(true);
        expect(values(matmul(rand([64, 64]), zeros([64, 64]))).every((v) => v === 0)).toBe(true);
      });
    }
  });

  it('a returned view keeps its base storage alive', () => {
    useBackend(backend);
    const view = scope(() => {
      const base = tensor(Float32Array.from({ length: 4096 }, (_, i) => i));
      return base.view(64, 64).narrow(0, 10, 2);
    });
    // later scopes allocate and free blocks of the same size
    for (let i = 0; i < 3; i++) scope(() => rand([4096]).add(1));
    expect(values(view)).toEqual(Array.from({ length: 128 }, (_, i) => 640 + i));
  });

  it('nested scopes: what the inner one returns belongs to the outer one', () => {
    useBackend(backend);
    let inner: Tensor | undefined;
    scope(() => {
      inner = scope(() => rand([2048]).add(1));
      expect(inner.isDisposed).toBe(false);
      expect(inner.min().item()).toBeGreaterThanOrEqual(1);
    });
    expect(inner?.isDisposed).toBe(true);
  });

  it('dispose() releases at once, and leaves the storage to views still in use', () => {
    useBackend(backend);
    scope(() => {
      const a = tensor(Float32Array.from({ length: 2048 }, (_, i) => i));
      const v = a.view(2, 1024);
      a.dispose();
      expect(() => a.sum()).toThrow(/disposed/);
      rand([2048]); // may take a freed block: it must not be a's, which v still views
      expect(v.sum().item()).toBe((2047 * 2048) / 2);
      dispose([v]);
      expect(v.isDisposed).toBe(true);
    });
  });

  it('an error inside fn still disposes what fn made', () => {
    useBackend(backend);
    let made: Tensor | undefined;
    expect(() =>
      scope(() => {
        made = rand([2048]).add(1);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(made?.isDisposed).toBe(true);
    expect(memoryInfo().scopes).toBe(0);
  });
});

describe('scope() arguments', () => {
  it('refuses an async fn and a non-function', () => {
    expect(() => scope(async () => 1)).toThrow(/synchronous/);
    expect(() => scope(42 as unknown as () => void)).toThrow(/'fn' must be a function, got number/);
  });

  it('disposing outside any scope only marks the tensor (the garbage collector frees it)', () => {
    const t = rand([10]);
    t.dispose();
    t.dispose();
    expect(t.isDisposed).toBe(true);
    expect(() => t.add(1)).toThrow(/disposed/);
  });
});

describe.runIf(wasmFeatures() !== 'none' && typeof SharedArrayBuffer !== 'undefined')('scope() storage on the wasm backend', () => {
  it("lives in the kernels' memory inside the scope and is copied out of it when returned from the outermost one", () => {
    useBackend('wasm');
    const a0 = rand([4096]);
    const out = scope(() => {
      const a = a0.clone();
      expect(heapOf(a.data)).toBeDefined();
      const inner = scope(() => a.add(1));
      expect(heapOf(inner.data)).toBeDefined(); // still in the outer scope's memory
      return inner;
    });
    expect(heapOf(out.data)).toBeUndefined();
    expect(values(out)).toEqual(values(a0.add(1)));
    // what is kept stays in the kernels' memory, where later scopes read it in place
    const stay = scope(() => keep(a0.clone()));
    expect(heapOf(stay.data)).toBeDefined();
    expect(values(stay)).toEqual(values(a0));
    for (let i = 0; i < 3; i++) scope(() => rand([4096]).add(1));
    expect(values(stay)).toEqual(values(a0));
    const before = wasmMemoryInfo().bytesInUse;
    scope(() => {
      for (let i = 0; i < 10; i++) rand([4096]).add(1);
    });
    expect(wasmMemoryInfo().bytesInUse).toBe(before);
  });
});
