// Opt-in memory management (PyTorch's contract stays the default: tensors are garbage collected).
// `scope(fn)` tracks every tensor fn makes; when fn returns, those it did not return and nothing kept
// are released and their storage goes back to be reused: the active backend's memory (for the wasm
// backend, memory inside its instance that its kernels read in place) or a pool of typed arrays.
// A released tensor throws on any use of its data; it never reads reused memory.
import { allocate, type DType, type DataArray } from '../dtype.js';
import { isTensor } from '../construct.js';
import { getBackend } from '../backend/registry.js';
import type { StorageAllocator } from '../backend/interface.js';
import { autogradLayer } from '../autograd-slot.js';
import { TorchletError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { jsPool } from './js-pool.js';
import { markReleased, isReleased } from './released.js';

/** Storage a scope handed out, with the number of live tensors that view it. */
interface ManagedStorage {
  readonly array: DataArray;
  readonly dtype: DType;
  refs: number;
  /** The backend memory it came from, or null for the typed-array pool. */
  readonly owner: StorageAllocator | null;
}

class Scope {
  readonly tensors: Tensor[] = [];
  readonly storages = new Map<DataArray, ManagedStorage>();
  constructor(readonly parent: Scope | null) {}
}

let current: Scope | null = null;

/** Tensors the library keeps for later (parameters, their grads, optimizer state, buffers...). */
const kept = new WeakSet<Tensor>();

/**
 * Below this many elements a scope leaves storage to the garbage collector: the bookkeeping would
 * cost more than a small typed array. TORCHLET_WASM_THRESHOLDS=0 (tests) manages every size.
 */
let managedMinimum: number | undefined;
function minimumElements(): number {
  if (managedMinimum === undefined) {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    managedMinimum = env?.TORCHLET_WASM_THRESHOLDS?.trim() === '0' ? 1 : 1024;
  }
  return managedMinimum;
}

/** Whether code runs inside `scope()` now. */
export function inScope(): boolean {
  return current !== null;
}

/**
 * Storage for `length` elements of `dtype`: inside a scope, reusable memory of the active backend
 * (or a pooled typed array), else a fresh typed array. `zeroed` false: the caller writes every
 * element before anything reads it.
 */
export function allocateData(dtype: DType, length: number, zeroed = true): DataArray {
  const scope = current;
  if (scope === null || length < minimumElements()) return allocate(dtype, length);
  const owner = getBackend().storage ?? null;
  const fromBackend = owner?.allocate(dtype, length, zeroed) ?? null;
  const array = fromBackend ?? jsPool.take(dtype, length, zeroed);
  scope.storages.set(array, { array, dtype, refs: 0, owner: fromBackend === null ? null : owner });
  return array;
}

function findStorage(array: DataArray): ManagedStorage | undefined {
  for (let s = current; s !== null; s = s.parent) {
    const found = s.storages.get(array);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Called by every Tensor constructor: a tensor made inside a scope belongs to it. */
export function trackTensor(t: Tensor): void {
  const scope = current;
  if (scope === null) return;
  scope.tensors.push(t);
  const storage = findStorage(t.data);
  if (storage !== undefined) storage.refs++;
}

function freeStorage(storage: ManagedStorage): void {
  for (let s = current; s !== null; s = s.parent) if (s.storages.delete(storage.array)) break;
  if (storage.owner !== null) storage.owner.free(storage.array);
  else jsPool.give(storage.array);
}

/** Release `t` now: its data can no longer be read, and its storage is reused once no view needs it. */
function release(t: Tensor, storage: ManagedStorage | undefined): void {
  markReleased(t);
  if (storage !== undefined && --storage.refs === 0) freeStorage(storage);
}

/** Tensors in `value`: a tensor, or arrays, Maps, Sets and plain objects holding them (any depth). */
function collectTensors(value: unknown, into: Set<Tensor>, seen = new Set<object>()): void {
  if (value === null || typeof value !== 'object') return;
  if (isTensor(value)) {
    into.add(value);
    return;
  }
  if (seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value) || value instanceof Set) for (const v of value) collectTensors(v, into, seen);
  else if (value instanceof Map) for (const v of value.values()) collectTensors(v, into, seen);
  else if (Object.getPrototypeOf(value) === Object.prototype) for (const v of Object.values(value)) collectTensors(v, into, seen);
}

/** Tensors a returned tensor still needs: the ones its recorded graph saved for backward. */
function withGraphs(tensors: Set<Tensor>): Set<Tensor> {
  const layer = autogradLayer();
  if (layer === null) return tensors;
  for (const t of [...tensors]) for (const saved of layer.savedTensors(t)) tensors.add(saved);
  return tensors;
}

function exitScope(scope: Scope, result: unknown): void {
  const escaping = new Set<Tensor>();
  collectTensors(result, escaping);
  withGraphs(escaping);
  const survivors: Tensor[] = [];
  for (const t of scope.tensors) {
    if (isReleased(t)) continue;
    if (escaping.has(t) || kept.has(t)) survivors.push(t);
    else release(t, scope.storages.get(t.data) ?? findStorage(t.data));
  }
  // storage no tensor took (an op that failed after allocating)
  for (const storage of [...scope.storages.values()]) if (storage.refs === 0) freeStorage(storage);
  current = scope.parent;
  if (current !== null) {
    // the enclosing scope owns what escaped
    current.tensors.push(...survivors);
    for (const [array, storage] of scope.storages) current.storages.set(array, storage);
    return;
  }
  // leaving the outermost scope: what escaped is garbage collected again, as any tensor; storage in
  // a backend's memory is copied out first (the garbage collector cannot see that memory)
  const copies = new Map<DataArray, DataArray>();
  for (const storage of scope.storages.values()) {
    if (storage.owner === null) continue;
    const copy = allocate(storage.dtype, storage.array.length);
    copy.set(storage.array as never);
    copies.set(storage.array, copy);
    storage.owner.free(storage.array);
  }
  if (copies.size > 0) {
    for (const t of survivors) {
      const copy = copies.get(t.data);
      if (copy !== undefined) (t as { data: DataArray }).data = copy;
    }
  }
}

/**
 * Run `fn` and release every tensor it made except those it returns (inside arrays, Maps, Sets or
 * plain objects, at any depth) and those the library keeps: parameters, their `.grad`, optimizer
 * state, module buffers, and a graph kept with `retainGraph` or needed by a returned tensor's
 * backward. Their storage is reused by later tensors, which saves allocations, and on the wasm
 * backend lets its kernels work in place in their own memory (no copies in and out).
 *
 * A released tensor throws on any later use. Typed arrays read from `t.data` inside the scope view
 * memory the scope reuses: copy them (`t.toTypedArray()`) to keep them. `fn` must be synchronous.
 * Scopes nest: what an inner scope returns belongs to the outer one.
 *
 * Like TensorFlow.js's `tf.tidy`; PyTorch needs none, since its reference counts free memory at once.
 */
export function scope<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new TorchletError(`scope(): argument 'fn' must be a function, got ${fn === null ? 'null' : typeof fn}`);
  const s = new Scope(current);
  current = s;
  let result: T | undefined;
  try {
    result = fn();
    if (result instanceof Promise) {
      throw new TorchletError('scope(): fn returned a Promise; a scope must be synchronous (tensors made after an await would escape it). Scope each synchronous step instead.');
    }
    return result;
  } finally {
    exitScope(s, result);
  }
}

/**
 * Keep `value` (a tensor, or arrays, Maps, Sets and plain objects of them) when the scopes around
 * it end; the library calls this for what it holds for later (`.grad`, optimizer state, module
 * parameters and buffers). Returns `value`. Outside any scope it does nothing.
 */
export function keep<T>(value: T): T {
  if (current === null) return value;
  if (isTensor(value)) kept.add(value);
  else {
    const tensors = new Set<Tensor>();
    collectTensors(value, tensors);
    for (const t of tensors) kept.add(t);
  }
  return value;
}

/** Release `t` now (in or out of a scope): any later use of its data throws. Idempotent. */
export function disposeTensor(t: Tensor): void {
  if (isReleased(t)) return;
  release(t, findStorage(t.data));
}

/** Release every tensor in `value` (a tensor, or arrays / Maps / Sets / plain objects of them). */
export function dispose(value: unknown): void {
  const tensors = new Set<Tensor>();
  collectTensors(value, tensors);
  for (const t of tensors) disposeTensor(t);
}

export interface MemoryInfo {
  /** Scopes open now. */
  scopes: number;
  /** Tensors the open scopes track. */
  scopedTensors: number;
  /** Bytes of typed arrays pooled for reuse. */
  pooledBytes: number;
}

/** What the scopes hold now (the wasm backend adds its memory: `wasmMemoryInfo()`). */
export function memoryInfo(): MemoryInfo {
  let scopes = 0;
  let scopedTensors = 0;
  for (let s = current; s !== null; s = s.parent) {
    scopes++;
    scopedTensors += s.tensors.length;
  }
  return { scopes, scopedTensors, pooledBytes: jsPool.bytes };
}
