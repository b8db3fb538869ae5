// Opt-in memory management (PyTorch's contract stays the default: tensors are garbage collected).
// `scope(fn)` tracks every tensor fn makes; when fn returns, those it did not return and nothing kept
// are released and their storage goes back to be reused: the active backend's memory (for the wasm
// backend, memory inside its instance that its kernels read in place) or a pool of typed arrays.
// Device tensors (GPU buffers...) count the live tensors viewing each device storage, in or out of
// scopes: when the last one is disposed, the device backend takes the storage back at once
// (DeviceBackend.release); storage of tensors never disposed goes with the garbage collector.
// A released tensor throws on any use of its data; it never reads reused memory.
import { allocate, type DType, type DataArray } from '../dtype.js';
import { isTensor } from '../construct.js';
import { getBackend } from '../backend/registry.js';
import type { DeviceStorage, StorageAllocator } from '../backend/interface.js';
import { registeredDevice } from '../backend/devices.js';
import { autogradLayer } from '../autograd-slot.js';
import { TorchletError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { jsPool } from './js-pool.js';
import { markReleased, isReleased } from './released.js';

/**
 * Storage a scope handed out, with the number of live tensors that view it. It belongs to the scope
 * that allocated it (then to the scopes its tensors escape to), or, once kept tensors took it out
 * of the outermost scope, to nobody: it is freed when its last view is disposed, or by the backend's
 * FinalizationRegistry after the garbage collector took them all.
 */
interface ManagedStorage {
  readonly array: DataArray;
  readonly dtype: DType;
  refs: number;
  /** The backend memory it came from, or null for the typed-array pool. */
  readonly owner: StorageAllocator | null;
  scope: Scope | null;
}

class Scope {
  readonly tensors: Tensor[] = [];
  readonly storages = new Set<ManagedStorage>();
  constructor(readonly parent: Scope | null) {}
}

let current: Scope | null = null;

/** Every managed storage by its array (views share their base's typed array). */
const storageOf = new WeakMap<DataArray, ManagedStorage>();
/** How many managed storages exist: none, and tensors made outside scopes skip the lookup. */
let managedCount = 0;

/** Tensors kept for later, past every scope (parameters, buffers, optimizer state, `.grad`...). */
const kept = new WeakSet<Tensor>();

/** Live (not disposed) tensors per device storage: every tensor made on it, views included. */
const deviceViews = new WeakMap<DeviceStorage, number>();
/**
 * Kept device tensors made inside scopes that outlived the outermost one: what zeroGrad() gives
 * back (releaseIfLent), as the CPU's kept storage in a backend's memory.
 */
const keptPastScopes = new WeakSet<Tensor>();

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
  const storage: ManagedStorage = { array, dtype, refs: 0, owner: fromBackend === null ? null : owner, scope };
  storageOf.set(array, storage);
  managedCount++;
  scope.storages.add(storage);
  return array;
}

/** Called by every Tensor constructor: a tensor made inside a scope belongs to it. */
export function trackTensor(t: Tensor): void {
  const device = t.storage;
  if (device !== null) {
    // a view made of a disposed tensor is disposed too (released.ts) and counts for nothing
    if (!isReleased(t)) deviceViews.set(device, (deviceViews.get(device) ?? 0) + 1);
  } else if (managedCount > 0) {
    const storage = storageOf.get(t.data);
    if (storage !== undefined) storage.refs++;
  }
  current?.tensors.push(t);
}

function freeStorage(storage: ManagedStorage): void {
  storageOf.delete(storage.array);
  managedCount--;
  storage.scope?.storages.delete(storage);
  storage.scope = null;
  if (storage.owner !== null) storage.owner.free(storage.array);
  else jsPool.give(storage.array);
}

/** Release `t` now: its data can no longer be read, and its storage is reused once no view needs it. */
function release(t: Tensor): void {
  const device = t.storage;
  if (device !== null) {
    markReleased(t);
    releaseDeviceView(device);
    return;
  }
  const storage = managedCount > 0 ? storageOf.get(t.data) : undefined;
  markReleased(t);
  if (storage !== undefined && --storage.refs === 0) freeStorage(storage);
}

/** One view of `storage` less: the last one gives it back to its device backend. */
function releaseDeviceView(storage: DeviceStorage): void {
  const views = (deviceViews.get(storage) ?? 1) - 1;
  if (views > 0) {
    deviceViews.set(storage, views);
    return;
  }
  deviceViews.delete(storage);
  registeredDevice(storage.device)?.release?.(storage);
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
    else release(t);
  }
  // storage no tensor took (an op that failed after allocating)
  for (const storage of [...scope.storages]) if (storage.refs === 0) freeStorage(storage);
  current = scope.parent;
  if (current !== null) {
    // the enclosing scope owns what escaped
    current.tensors.push(...survivors);
    for (const storage of scope.storages) {
      storage.scope = current;
      current.storages.add(storage);
    }
    return;
  }
  // Leaving the outermost scope: what escaped is garbage collected again, as any tensor. Backend
  // storage that kept tensors use stays in that memory (the kernels read it in place; zeroGrad()
  // and dispose() give it back, a FinalizationRegistry after the garbage collector). Storage only
  // returned is copied out: nothing would give it back in time, and the garbage collector cannot see
  // backend memory to weigh it.
  const staying = new Set<DataArray>();
  for (const t of survivors) {
    if (!kept.has(t)) continue;
    if (t.storage !== null) keptPastScopes.add(t);
    else staying.add(t.data);
  }
  const copies = new Map<DataArray, DataArray>();
  for (const storage of scope.storages) {
    storage.scope = null;
    if (storage.owner !== null && staying.has(storage.array)) continue;
    // pooled arrays and copied-out storage are the garbage collector's again
    storageOf.delete(storage.array);
    managedCount--;
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
 * plain objects, at any depth) and those kept: parameters, their `.grad`, optimizer state, module
 * buffers, what `keep()` marks, and a graph kept with `retainGraph` or needed by a returned tensor's
 * backward. Their storage is reused by later tensors, which saves allocations, and on the wasm
 * backend lets its kernels work in place in their own memory (no copies in and out).
 *
 * What the outermost scope returns, and gradients, are copied out of backend memory into plain typed
 * arrays; parameters, buffers, optimizer state and what you `keep()` stay in it (make a model and
 * its inputs inside a scope and the kernels read them in place every step).
 *
 * On a device ('webgpu'), a released tensor's storage goes back to the device backend at once when
 * no other live tensor views it (a GPU buffer returns to its pool, for the next same-size tensor),
 * so a training step run inside `scope()` leaves device memory as it found it; nothing is copied out
 * (device tensors stay on the device). Without scopes or `dispose()`, device memory is given back
 * only when the garbage collector finalises the tensors, which on a GPU can be long after.
 *
 * A released tensor throws on any later use. Typed arrays read from `t.data` inside the scope view
 * memory the scope reuses: copy them (`t.toTypedArray()`) to keep them. `fn` must be synchronous.
 * Scopes nest: what an inner scope returns belongs to the outer one.
 *
 * Like TensorFlow.js's `tf.tidy`; PyTorch needs none, since its reference counts free memory at once.
 *
 * @pytorch none: JavaScript has no reference counting; PyTorch frees a tensor when its last reference goes
 * @example
 * ```ts
 * const loss = scope(() => {
 *   const h = randn([64, 64]).matmul(randn([64, 64])); // freed when the scope ends
 *   return h.sum(); // returned: kept
 * });
 * ```
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
 * Keep `value` (a tensor, or arrays, Maps, Sets and plain objects of them) past the end of every
 * scope around it; the library keeps parameters, their `.grad`, module buffers, optimizer state and
 * retained graphs this way. Storage a scope lent from a backend's memory stays there (the wasm
 * kernels read it in place) until `dispose()` or the garbage collector. Returns `value`; outside
 * any scope it does nothing.
 *
 * @pytorch none (see scope): a tensor that outlives its scope
 * @example
 * ```ts
 * let best = zeros([1]);
 * scope(() => { best = keep(randn([1])); });
 * ```
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

/**
 * Dispose `t` (in or out of a scope): any later use of its data throws; storage a scope lent it, and
 * device storage (in or out of scopes), is reused once no live view of it is left. Idempotent.
 */
export function disposeTensor(t: Tensor): void {
  if (!isReleased(t)) release(t);
}

/**
 * Dispose every tensor in `value` (a tensor, or arrays / Maps / Sets / plain objects of them). A
 * device tensor's memory (a GPU buffer) goes back to its backend at once unless a live view shares it.
 *
 * @pytorch none: PyTorch's del of the last reference
 * @example
 * ```ts
 * const x = randn([1024, 1024]);
 * dispose(x); // its storage goes back now; x must not be used again
 * ```
 */
export function dispose(value: unknown): void {
  const tensors = new Set<Tensor>();
  collectTensors(value, tensors);
  for (const t of tensors) disposeTensor(t);
}

/**
 * Dispose `t` when its storage is backend memory a scope lent (a `.grad` that zeroGrad() clears:
 * what nothing else would give back in time), or when it is a device tensor a scope made and kept
 * past the outermost scope (its device storage goes back once no live view shares it); any other
 * tensor is left alone.
 */
export function releaseIfLent(t: Tensor): void {
  if (isReleased(t)) return;
  if (t.storage !== null) {
    // device memory: a kept tensor a scope made, past the outermost scope (as lent CPU storage)
    if (keptPastScopes.has(t)) release(t);
    return;
  }
  if (managedCount === 0) return;
  const storage = storageOf.get(t.data);
  if (storage !== undefined && storage.owner !== null && storage.scope === null) release(t);
}

/**
 * What `memoryInfo` reports: the open scopes, the tensors they track and the storages they lent.
 *
 * @pytorch the counters of torch.cuda.memory_stats
 * @example
 * ```ts
 * const info: MemoryInfo = memoryInfo();
 * const open = info.scopes; // 0 outside any scope
 * ```
 */
export interface MemoryInfo {
  /** Scopes open now. */
  scopes: number;
  /** Tensors the open scopes track. */
  scopedTensors: number;
  /** Storages lent by scopes and not given back yet (kept ones included). */
  managedStorages: number;
  /** Bytes of typed arrays pooled for reuse. */
  pooledBytes: number;
}

/**
 * What the scopes hold now (the wasm backend adds its memory: `wasmMemoryInfo()`).
 *
 * @pytorch torch.cuda.memory_allocated and friends (here scopes and storages)
 * @example
 * ```ts
 * const before = memoryInfo().scopedTensors;
 * scope(() => randn([8]).sum());
 * ```
 */
export function memoryInfo(): MemoryInfo {
  let scopes = 0;
  let scopedTensors = 0;
  for (let s = current; s !== null; s = s.parent) {
    scopes++;
    scopedTensors += s.tensors.length;
  }
  return { scopes, scopedTensors, managedStorages: managedCount, pooledBytes: jsPool.bytes };
}
