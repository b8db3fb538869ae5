// Loading the wasm kernels: feature detection, instantiation (lazy: nothing happens at import time),
// and a scratch arena over the module's memory. No file IO and no Node APIs: the binaries are
// embedded (generated.ts), so this works in Node and in browsers.
import {
  KERNELS_RELAXED_SIMD_BASE64,
  KERNELS_SIMD_BASE64,
  KERNELS_THREADS_BASE64,
  KERNELS_THREADS_RELAXED_SIMD_BASE64,
} from './generated.js';

/** The exports of assembly/kernels.ts (pointers are byte offsets into `memory`). */
export interface KernelExports {
  readonly memory: WasmMemory;
  heapBase(): number;
  matmulScratchBytes(k: number, n: number): number;
  packedBBytes(k: number, n: number): number;
  packBAll(b: number, bs0: number, bs1: number, k: number, n: number, packed: number): void;
  matmulPacked(a: number, as0: number, as1: number, packed: number, c: number, m: number, k: number, n: number, tmp: number): void;
  matmul(a: number, as0: number, as1: number, b: number, bs0: number, bs1: number, c: number, m: number, k: number, n: number, scratch: number): void;
  matmulColumns(a: number, as0: number, as1: number, b: number, bs0: number, bs1: number, c: number, m: number, k: number, n: number, p0: number, p1: number, scratch: number): void;
  matmulColumnsScratchBytes(): number;
  binaryF32(op: number, a: number, b: number, out: number, n: number, cols: number, bRow: number, alpha: number): void;
  expArray(x: number, out: number, n: number): void;
  reluF32(x: number, out: number, n: number): void;
  sumRowsF32(x: number, rows: number, cols: number, out: number, acc: number): void;
  thresholdBackwardF32(g: number, x: number, threshold: number, out: number, n: number): void;
  compareScalarF32(op: number, x: number, s: number, out: number, n: number): void;
  whereF32(cond: number, a: number, aStep: number, b: number, bStep: number, out: number, n: number): void;
  copy2D(x: number, xs0: number, xs1: number, out: number, rows: number, cols: number): void;
  softmaxRows(x: number, out: number, rows: number, cols: number, log: number, scratch: number): void;
  crossEntropyRows(x: number, targets: number, rows: number, cols: number, ignoreIndex: number, grad: number, scale: number, losses: number, scratch: number): void;
}

// The slice of the WebAssembly JS API used here (tensor-core compiles without DOM or Node types).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmInstance {
  readonly exports: unknown;
}
interface WasmModule {
  readonly __brand?: 'WebAssembly.Module';
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => WasmInstance;
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: WasmInstance }>;
}

function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeBase64(s: string): Uint8Array {
  const lookup = new Uint8Array(128);
  for (let i = 0; i < B64.length; i++) lookup[B64.charCodeAt(i)] = i;
  let len = (s.length * 3) >> 2;
  if (s.endsWith('==')) len -= 2;
  else if (s.endsWith('=')) len -= 1;
  const out = new Uint8Array(len);
  for (let i = 0, o = 0; i < s.length; i += 4) {
    const n = (lookup[s.charCodeAt(i)] << 18) | (lookup[s.charCodeAt(i + 1)] << 12) | (lookup[s.charCodeAt(i + 2)] << 6) | lookup[s.charCodeAt(i + 3)];
    if (o < len) out[o++] = n >> 16;
    if (o < len) out[o++] = (n >> 8) & 255;
    if (o < len) out[o++] = n & 255;
  }
  return out;
}

/** Which build of the kernels this engine runs: relaxed SIMD (FMA), plain SIMD, or none. */
export type WasmFeatures = 'relaxed-simd' | 'simd' | 'none';

let detected: { features: WasmFeatures; bytes: Uint8Array | null } | undefined;

function detect(): { features: WasmFeatures; bytes: Uint8Array | null } {
  if (detected) return detected;
  const api = wasmApi();
  detected = { features: 'none', bytes: null };
  if (api) {
    try {
      const relaxed = decodeBase64(KERNELS_RELAXED_SIMD_BASE64);
      if (api.validate(relaxed)) detected = { features: 'relaxed-simd', bytes: relaxed };
      else {
        const simd = decodeBase64(KERNELS_SIMD_BASE64);
        if (api.validate(simd)) detected = { features: 'simd', bytes: simd };
      }
    } catch {
      // no usable WebAssembly: stay on 'none'
    }
  }
  return detected;
}

/** The SIMD level the wasm backend would use here ('none': WebAssembly SIMD is unavailable). */
export function wasmFeatures(): WasmFeatures {
  return detect().features;
}

/** The kernels' memory cannot hold a call's operands (the wasm backend falls back to the reference kernels). */
export class WasmMemoryFull extends RangeError {
  constructor(bytes: number) {
    super(`wasm backend: the kernels' memory cannot grow to ${bytes} bytes`);
    this.name = 'WasmMemoryFull';
  }
}

/** How far apart the two arena regions of alternate calls start (see WasmKernels.alternate). */
const ALTERNATE_BYTES = 8 << 20;

/** The instantiated kernels plus a bump arena over their memory (reset by every kernel call). */
export class WasmKernels {
  readonly exports: KernelExports;
  readonly features: WasmFeatures;
  /** Worker threads sharing this module's memory (initWasmBackend({ threads })), or null. */
  pool: ThreadPool | null = null;
  private localKernels: WasmKernels | null = null;
  private base: number;
  private top: number;
  private viewCache: MemoryViews;

  constructor(exports: KernelExports, features: WasmFeatures) {
    this.exports = exports;
    this.features = features;
    this.base = exports.heapBase();
    this.top = this.base;
    this.viewCache = memoryViews(exports.memory.buffer);
  }

  /**
   * The kernels for a call that stays on the calling thread: with worker threads, a second instance
   * over a memory of its own, made on first use (V8 copies typed arrays into shared memory with a
   * relaxed-atomic memmove, measured 1.2 to 1.4x slower for an in-place add of 200K elements than
   * into plain memory); without, this one.
   */
  local(): WasmKernels {
    if (this.pool === null) return this;
    return (this.localKernels ??= instantiateSync());
  }

  /** Reserve `bytes` below the arena for good (control blocks); call before any kernel runs. */
  reserve(bytes: number): number {
    const ptr = this.base;
    this.base += Math.ceil(bytes / 64) * 64;
    this.top = this.base;
    this.alloc(0);
    return ptr;
  }

  /**
   * With worker threads: successive calls alternate between two arena regions ALTERNATE_BYTES
   * apart, so that a call's copies in do not write the cache lines a worker was just reading (taking
   * them back from the other core made the copies in about 1.5x slower).
   */
  alternate = false;
  private second = false;

  /** Start a kernel call: every earlier allocation is released. */
  reset(): void {
    this.second = this.alternate && !this.second;
    this.top = this.base + (this.second ? ALTERNATE_BYTES : 0);
  }

  /** The most bytes the arena may reach (the memory's own maximum applies too); tests lower it. */
  limitBytes = Infinity;

  /**
   * Reserve `bytes` (64-byte aligned), growing the memory when needed; returns the byte offset.
   * Throws WasmMemoryFull when the memory cannot grow that far (the backend then runs the reference
   * kernels for that call).
   */
  alloc(bytes: number): number {
    // a size the kernels computed in i32 wraps negative past 2 GB: no arena holds that
    if (!(bytes >= 0)) throw new WasmMemoryFull(this.top + 2 ** 31);
    const ptr = this.top;
    this.top = ptr + Math.ceil(bytes / 64) * 64; // not `& ~63`: sizes may pass 2^31
    const memory = this.exports.memory;
    const have = memory.buffer.byteLength;
    if (this.top > this.limitBytes) {
      this.top = ptr;
      throw new WasmMemoryFull(ptr + bytes);
    }
    if (this.top > have) {
      try {
        memory.grow(Math.ceil((this.top - have) / 65536));
      } catch {
        this.top = ptr;
        throw new WasmMemoryFull(ptr + bytes);
      }
    }
    return ptr;
  }

  /** Typed views over the whole memory, re-made after the memory grew (a new buffer). */
  private get views(): MemoryViews {
    const buffer = this.exports.memory.buffer;
    if (this.viewCache.buffer !== buffer || this.viewCache.f32.byteLength === 0) {
      this.viewCache = memoryViews(buffer);
    }
    return this.viewCache;
  }

  get f32(): Float32Array {
    return this.views.f32;
  }

  get u8(): Uint8Array {
    return this.views.u8;
  }

  get f64(): Float64Array {
    return this.views.f64;
  }

  get i32(): Int32Array {
    return this.views.i32;
  }
}

interface MemoryViews {
  readonly buffer: ArrayBufferLike;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly i32: Int32Array;
  readonly u8: Uint8Array;
}

function memoryViews(buffer: ArrayBufferLike): MemoryViews {
  return { buffer, f32: new Float32Array(buffer), f64: new Float64Array(buffer), i32: new Int32Array(buffer), u8: new Uint8Array(buffer) };
}

let kernels: WasmKernels | undefined;

/**
 * The kernels, instantiated synchronously on first use (fine in Node and in web workers; a browser's
 * main thread may refuse a synchronous compile: call `initWasmBackend()` there first). Throws when
 * WebAssembly SIMD is unavailable.
 */
export function loadKernelsSync(): WasmKernels {
  kernels ??= instantiateSync();
  return kernels;
}

/** A new instance of the single-threaded kernels over a memory of its own (synchronous compile). */
function instantiateSync(): WasmKernels {
  const { features, bytes } = detect();
  const api = wasmApi();
  if (!api || !bytes) throw new Error('WebAssembly SIMD is not available in this JavaScript engine');
  const instance = new api.Instance(new api.Module(bytes), {});
  return new WasmKernels(instance.exports as KernelExports, features);
}

/** Asynchronous instantiation (what a browser's main thread needs); resolves to the SIMD level. */
export async function loadKernels(): Promise<WasmKernels> {
  if (kernels) return kernels;
  const { features, bytes } = detect();
  const api = wasmApi();
  if (!api || !bytes) throw new Error('WebAssembly SIMD is not available in this JavaScript engine');
  const { instance } = await api.instantiate(bytes, {});
  kernels ??= new WasmKernels(instance.exports as KernelExports, features);
  return kernels;
}

/** Kinds of job the thread pool splits into blocks (see `runBlock`). */
export const JOB = { matmul: 0, crossEntropy: 1, unary: 2, softmax: 3, matmulColumns: 4 } as const;

/**
 * Int32 slots of a job's control block: [0 job seq, 1 done seq, 2 kind, 3..14 kernel arguments,
 * 15 state, 16 status, 17 units per block, 18 blocks, 19 units]; a float64 argument at slot 24
 * (byte 96). One block per worker plus one for the calling thread's own copy.
 */
const CTL_INTS = 32;
const F64_SLOT = 12; // 96 / 8
const STATE = 15;
const POSTED = 1;
const TAKEN = 2;
const CANCELLED = 3;

/** The subset of the kernels `runBlock` calls. */
interface BlockKernels {
  matmulPacked: KernelExports['matmulPacked'];
  matmulColumns: KernelExports['matmulColumns'];
  crossEntropyRows: KernelExports['crossEntropyRows'];
  expArray: KernelExports['expArray'];
  reluF32: KernelExports['reluF32'];
  softmaxRows: KernelExports['softmaxRows'];
}

/**
 * Run block `blk` of the job described by `a` (control block slots) and `d` (its float64 slot):
 * units blk * a[17] .. + a[17] (rows, or elements for unary jobs). The same function runs on the
 * calling thread and, as source text, in the workers (so it must not use anything outside itself).
 * Every output element is computed by the same code whichever thread runs its block, so results are
 * bit-identical to one thread.
 */
function runBlock(ex: BlockKernels, a: Int32Array, d: Float64Array, f64Slot: number, blk: number): void {
  const u0 = blk * a[17];
  const len = Math.min(a[17], a[19] - u0);
  switch (a[2]) {
    case 0: // matmul rows: a, as0, as1, packed, c, k, n, tmp
      ex.matmulPacked(a[3] + u0 * a[4] * 4, a[4], a[5], a[6], a[7] + u0 * a[9] * 4, len, a[8], a[9], a[10]);
      break;
    case 1: // cross-entropy rows: x, targets, cols, ignoreIndex, grad (0: none), losses, scratch; scale
      ex.crossEntropyRows(a[3] + u0 * a[5] * 4, a[4] + u0 * 4, len, a[5], a[6], a[7] === 0 ? 0 : a[7] + u0 * a[5] * 4, d[f64Slot], a[8] + u0 * 8, a[9]);
      break;
    case 2: // unary elements: op (0 exp, 1 relu), x, out
      if (a[3] === 0) ex.expArray(a[4] + u0 * 4, a[5] + u0 * 4, len);
      else ex.reluF32(a[4] + u0 * 4, a[5] + u0 * 4, len);
      break;
    case 3: // softmax rows: x, out, cols, log, scratch
      ex.softmaxRows(a[3] + u0 * a[5] * 4, a[4] + u0 * a[5] * 4, len, a[5], a[6], a[7]);
      break;
    case 4: // matmul column panels (16 wide): a, as0, as1, b, bs0, bs1, c, m, k, n, scratch
      ex.matmulColumns(a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], u0, u0 + len, a[13]);
      break;
  }
}

/** One job for `ThreadPool.run`: kernel arguments (slots 3..), a float64 argument, how to split it. */
export interface PoolJob {
  kind: number;
  args: readonly number[];
  f64?: number;
  /** rows (or elements) in all */
  units: number;
  /** rows (or elements) per block */
  blockUnits: number;
  /** per-thread scratch bytes, passed as the argument at slot 3 + scratchArg */
  scratchBytes?: number;
  scratchArg?: number;
}

/**
 * Kernels split over worker threads sharing the module's memory (Node's worker_threads): the calling
 * thread and the workers take blocks of rows from a shared atomic counter (work stealing: a thread the
 * OS delays takes fewer blocks). Workers look for the next job for a few microseconds, then block in
 * Atomics.wait (longer spinning was measured slower on 2 cores: it takes the core from the main
 * thread's own work and V8's helper threads), are unref'd (they never keep the process alive) and have an 'error' handler; a worker that has not taken a job when the
 * calling thread finished the blocks loses it, waits time out, and if a worker does not answer every
 * block is recomputed on the calling thread.
 */
export class ThreadPool {
  private readonly ctl: Int32Array[] = [];
  private readonly ctlF64: Float64Array[] = [];
  private readonly alive: boolean[] = [];
  private readonly counter: Int32Array;
  private readonly own = new Int32Array(CTL_INTS);
  private readonly ownF64 = new Float64Array(CTL_INTS / 2);
  private seq = 0;

  constructor(
    private readonly kernels: WasmKernels,
    memory: WasmMemory,
    private readonly workers: ReadonlyArray<{ unref(): void; on(event: 'error', fn: (e: unknown) => void): unknown }>,
    ctlPtrs: readonly number[],
    counterPtr: number,
  ) {
    this.counter = new Int32Array(memory.buffer, counterPtr, 1);
    for (let w = 0; w < workers.length; w++) {
      this.ctl.push(new Int32Array(memory.buffer, ctlPtrs[w], CTL_INTS));
      this.ctlF64.push(new Float64Array(memory.buffer, ctlPtrs[w], CTL_INTS / 2));
      this.alive.push(true);
      workers[w].on('error', () => {
        this.alive[w] = false;
      });
      workers[w].unref();
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Threads that would take part in a job now (the calling thread included). */
  get threads(): number {
    return 1 + this.alive.filter(Boolean).length;
  }

  /** C = A B: B packed once here, then row blocks of A shared out (A rows as the kernel takes them). */
  matmul(a: number, as0: number, as1: number, b: number, bs0: number, bs1: number, c: number, m: number, k: number, n: number): void {
    const K = this.kernels;
    const packed = K.alloc(K.exports.packedBBytes(k, n));
    K.exports.packBAll(b, bs0, bs1, k, n, packed);
    // about 8 blocks per thread (a thread that starts late still gets its share), each an even
    // number of rows (the kernel's 2-row tile)
    const blockUnits = Math.max(2, Math.ceil(m / (8 * this.threads) / 2) * 2);
    this.run({ kind: JOB.matmul, args: [a, as0, as1, packed, c, k, n, 0], units: m, blockUnits, scratchBytes: 128, scratchArg: 7 });
  }

  /**
   * C = A B split by 16-wide column panels of C: each thread packs only the panels of B it takes (no
   * packing pass on the calling thread before the others start) and reads all of A.
   */
  matmulColumns(a: number, as0: number, as1: number, b: number, bs0: number, bs1: number, c: number, m: number, k: number, n: number): void {
    this.run({
      kind: JOB.matmulColumns,
      args: [a, as0, as1, b, bs0, bs1, c, m, k, n, 0],
      units: Math.ceil(n / 16),
      blockUnits: 1,
      scratchBytes: this.kernels.exports.matmulColumnsScratchBytes(),
      scratchArg: 10,
    });
  }

  /**
   * Wake the sleeping workers ahead of a job (call it before the copies that precede the job): a
   * woken worker with no job yet spins for it briefly, so it is running when the blocks are posted
   * instead of paying the wake-up latency then.
   */
  prewake(): void {
    for (let w = 0; w < this.workers.length; w++) if (this.alive[w]) Atomics.notify(this.ctl[w], 0);
  }

  /** Run `job` over every thread; returns when all its blocks are done. */
  run(job: PoolJob): void {
    const K = this.kernels;
    const blocks = Math.ceil(job.units / job.blockUnits);
    const live: number[] = [];
    for (let w = 0; w < this.workers.length; w++) if (this.alive[w]) live.push(w);
    const seq = ++this.seq;
    Atomics.store(this.counter, 0, 0);
    const fill = (ctl: Int32Array, f64: Float64Array): void => {
      ctl[2] = job.kind;
      for (let q = 0; q < job.args.length; q++) ctl[3 + q] = job.args[q];
      if (job.scratchBytes !== undefined && job.scratchArg !== undefined) ctl[3 + job.scratchArg] = K.alloc(job.scratchBytes);
      ctl[16] = 0;
      ctl[17] = job.blockUnits;
      ctl[18] = blocks;
      ctl[19] = job.units;
      f64[F64_SLOT] = job.f64 ?? 0;
    };
    for (const w of live) {
      const ctl = this.ctl[w];
      fill(ctl, this.ctlF64[w]);
      Atomics.store(ctl, STATE, POSTED);
      Atomics.store(ctl, 0, seq);
      Atomics.notify(ctl, 0);
    }
    fill(this.own, this.ownF64);
    const ex = K.exports;
    for (;;) {
      const blk = Atomics.add(this.counter, 0, 1);
      if (blk >= blocks) break;
      runBlock(ex, this.own, this.ownF64, F64_SLOT, blk);
    }
    let failed = false;
    for (const w of live) {
      const ctl = this.ctl[w];
      // a worker that has not taken the job yet (asleep, descheduled) loses it: no waiting for it
      if (Atomics.compareExchange(ctl, STATE, POSTED, CANCELLED) === POSTED) continue;
      // the worker is mid-block: spin for it before sleeping (a futex round trip costs tens of microseconds)
      for (let spin = 0; spin < 200000 && Atomics.load(ctl, 1) !== seq; spin++);
      for (let tries = 0; Atomics.load(ctl, 1) !== seq && this.alive[w] && tries < 50; tries++) {
        Atomics.wait(ctl, 1, Atomics.load(ctl, 1), 100);
      }
      if (Atomics.load(ctl, 1) !== seq || ctl[16] !== 0) {
        this.alive[w] = false;
        failed = true;
      }
    }
    // a worker that did not answer (or failed) may have left blocks unfinished: redo them all here
    if (failed) for (let blk = 0; blk < blocks; blk++) runBlock(ex, this.own, this.ownF64, F64_SLOT, blk);
  }
}

/** The worker's code (CommonJS, run with `eval`): instantiate the module on the shared memory, serve jobs. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, ctlPtr, counterPtr } = workerData;
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
const ctl = new Int32Array(memory.buffer, ctlPtr, ${CTL_INTS});
const ctlF64 = new Float64Array(memory.buffer, ctlPtr, ${CTL_INTS / 2});
const counter = new Int32Array(memory.buffer, counterPtr, 1);
const runBlock = ${runBlock.toString()};
let seen = 0;
for (;;) {
  // jobs come in bursts (a training step): look for the next one briefly before sleeping
  for (let spin = 0; spin < 2000 && Atomics.load(ctl, 0) === seen; spin++);
  // woken with no job: prewake() announced one, so spin for it (up to about a millisecond)
  if (Atomics.wait(ctl, 0, seen, 1000) === 'ok') for (let spin = 0; spin < 500000 && Atomics.load(ctl, 0) === seen; spin++);
  const cur = Atomics.load(ctl, 0);
  if (cur === seen) continue;
  if (cur < 0) break;
  seen = cur;
  // take the job unless the caller already finished it alone (then it cancelled it: nothing to do)
  if (Atomics.compareExchange(ctl, ${STATE}, ${POSTED}, ${TAKEN}) !== ${POSTED}) continue;
  try {
    const blocks = ctl[18];
    for (;;) {
      const blk = Atomics.add(counter, 0, 1);
      if (blk >= blocks) break;
      runBlock(ex, ctl, ctlF64, ${F64_SLOT}, blk);
    }
    ctl[16] = 0;
  } catch (e) {
    ctl[16] = 1;
  }
  Atomics.store(ctl, 1, seen);
  Atomics.notify(ctl, 1);
}
`;

interface WorkerThreadsModule {
  Worker: new (
    source: string,
    options: { eval: true; workerData: unknown },
  ) => { unref(): void; on(event: 'error', fn: (e: unknown) => void): unknown };
}

/**
 * Instantiate the shared-memory build of the kernels with `threads - 1` worker threads (Node only:
 * uses node:worker_threads, imported on this call). Replaces single-threaded kernels loaded before.
 */
export async function loadThreadedKernels(threads: number): Promise<WasmKernels> {
  const api = wasmApi();
  if (!api || detect().features === 'none') throw new Error('WebAssembly SIMD is not available in this JavaScript engine');
  // the relaxed-SIMD (FMA) build where the engine validates it, as for one thread
  const relaxed = detect().features === 'relaxed-simd';
  const bytes = decodeBase64(relaxed ? KERNELS_THREADS_RELAXED_SIMD_BASE64 : KERNELS_THREADS_BASE64);
  if (!api.validate(bytes) || typeof SharedArrayBuffer === 'undefined') {
    throw new Error('WebAssembly threads (shared memory) are not available in this JavaScript engine');
  }
  const specifier = 'node:worker_threads';
  const wt = (await import(/* @vite-ignore */ specifier)) as WorkerThreadsModule;
  const memory = new api.Memory({ initial: 1, maximum: 16384, shared: true });
  const module = new api.Module(bytes);
  const instance = new api.Instance(module, { env: { memory } });
  const k = new WasmKernels(instance.exports as KernelExports, relaxed ? 'relaxed-simd' : 'simd');
  const count = Math.max(0, Math.floor(threads) - 1);
  const counterPtr = k.reserve(64);
  const ctlPtrs: number[] = [];
  for (let w = 0; w < count; w++) ctlPtrs.push(k.reserve(CTL_INTS * 4));
  const workers = ctlPtrs.map((ctlPtr) => new wt.Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, ctlPtr, counterPtr } }));
  k.pool = count > 0 ? new ThreadPool(k, memory, workers, ctlPtrs, counterPtr) : null;
  k.alternate = count > 0;
  kernels = k;
  return k;
}

/** True once the kernels are instantiated. */
export function kernelsLoaded(): boolean {
  return kernels !== undefined;
}
