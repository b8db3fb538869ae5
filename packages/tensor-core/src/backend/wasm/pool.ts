// The calling thread's side of the thread pool: it posts a job to every live worker, takes blocks
// itself, then collects the workers (protocol.ts describes the handshake).
import { packedBBytes, type WasmKernels } from './arena.js';
import { ARGS, BLOCKS, BLOCK_UNITS, CTL_INTS, DONE, F64_ARG, JOB, KIND, MAX_ARGS, MAX_SEQ, SEQ, STATUS, UNITS, post, quit, runBlock, withdraw } from './protocol.js';
import type { WasmMemory } from './wasm-api.js';

/** A started worker thread as the pool sees it. */
export interface WorkerHandle {
  /** Stop the thread (asynchronously); the pool has already told it to quit. */
  terminate(): void;
}

/** One job for `ThreadPool.run`: kernel arguments (slots ARGS..), a float64 argument, how to split it. */
export interface PoolJob {
  kind: number;
  args: readonly number[];
  f64?: number;
  /** rows (or elements) in all */
  units: number;
  /** rows (or elements) per block */
  blockUnits: number;
  /** per-thread scratch bytes, passed as argument `scratchArg` */
  scratchBytes?: number;
  scratchArg?: number;
}

/** Spins on a worker's last block before sleeping (a futex round trip costs tens of microseconds). */
const SPINS_BEFORE_SLEEP = 200000;
/** Then sleeps in slices: a worker that claimed a job and has not finished it 50 x 100 ms later is given up. */
const WAIT_SLICE_MS = 100;
const WAIT_SLICES = 50;

/**
 * Kernels split over worker threads sharing the module's memory: the calling thread and the workers
 * take blocks of rows from a shared atomic counter (work stealing: a thread the OS delays takes fewer
 * blocks). Workers look for the next job for a few microseconds, then block in Atomics.wait (longer
 * spinning was measured slower on 2 cores: it takes the core from the main thread's own work and V8's
 * helper threads). A worker that has not claimed a job when the calling thread finished the blocks
 * loses it; one that claimed it and does not answer within 5 s is given up (terminated) and every
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
  /** Jobs claimed by a worker, one count per worker and job (tests check that the split really happens). */
  claims = 0;

  constructor(
    private readonly kernels: WasmKernels,
    memory: WasmMemory,
    private readonly workers: readonly WorkerHandle[],
    ctlPtrs: readonly number[],
    counterPtr: number,
  ) {
    this.counter = new Int32Array(memory.buffer, counterPtr, 1);
    for (let w = 0; w < workers.length; w++) {
      this.ctl.push(new Int32Array(memory.buffer, ctlPtrs[w], CTL_INTS));
      this.ctlF64.push(new Float64Array(memory.buffer, ctlPtrs[w], CTL_INTS / 2));
      this.alive.push(true);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Threads that would take part in a job now (the calling thread included). */
  get threads(): number {
    return 1 + this.alive.filter(Boolean).length;
  }

  /** Worker `w` failed or exited: no more jobs for it. */
  lost(w: number): void {
    this.alive[w] = false;
  }

  /** Stop every worker (a new pool replaces this one); later jobs run on the calling thread alone. */
  dispose(): void {
    for (let w = 0; w < this.workers.length; w++) this.giveUp(w);
  }

  private giveUp(w: number): void {
    this.alive[w] = false;
    quit(this.ctl[w]);
    this.workers[w].terminate();
  }

  /** C = A B: B packed once here, then row blocks of A shared out (A rows as the kernel takes them). */
  matmul(a: number, as0: number, as1: number, b: number, bs0: number, bs1: number, c: number, m: number, k: number, n: number): void {
    const K = this.kernels;
    const packed = K.allocKernelSized(packedBBytes(k, n)); // not the kernel's i32 figure, which wraps
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
    for (let w = 0; w < this.workers.length; w++) if (this.alive[w]) Atomics.notify(this.ctl[w], SEQ);
  }

  /** Run `job` over every thread; returns when all its blocks are done. */
  run(job: PoolJob): void {
    if (job.args.length > MAX_ARGS) throw new RangeError(`ThreadPool.run: at most ${MAX_ARGS} arguments, got ${job.args.length}`);
    const K = this.kernels;
    const blocks = Math.ceil(job.units / job.blockUnits);
    const live: number[] = [];
    for (let w = 0; w < this.workers.length; w++) if (this.alive[w]) live.push(w);
    const seq = (this.seq = this.seq >= MAX_SEQ ? 1 : this.seq + 1);
    Atomics.store(this.counter, 0, 0);
    const fill = (ctl: Int32Array, f64: Float64Array): void => {
      ctl[KIND] = job.kind;
      for (let q = 0; q < job.args.length; q++) ctl[ARGS + q] = job.args[q];
      if (job.scratchBytes !== undefined && job.scratchArg !== undefined) ctl[ARGS + job.scratchArg] = K.alloc(job.scratchBytes);
      ctl[STATUS] = 0;
      ctl[BLOCK_UNITS] = job.blockUnits;
      ctl[BLOCKS] = blocks;
      ctl[UNITS] = job.units;
      f64[F64_ARG] = job.f64 ?? 0;
    };
    for (const w of live) {
      fill(this.ctl[w], this.ctlF64[w]);
      post(this.ctl[w], seq);
    }
    fill(this.own, this.ownF64);
    const ex = K.exports;
    for (;;) {
      const blk = Atomics.add(this.counter, 0, 1);
      if (blk >= blocks) break;
      runBlock(ex, this.own, this.ownF64, blk);
    }
    let failed = false;
    for (const w of live) {
      const ctl = this.ctl[w];
      // a worker that has not claimed the job yet (asleep, descheduled) loses it: no waiting for it
      if (withdraw(ctl, seq)) continue;
      this.claims++;
      // it claimed the job and is mid-block: spin for it before sleeping
      for (let spin = 0; spin < SPINS_BEFORE_SLEEP && Atomics.load(ctl, DONE) !== seq; spin++);
      for (let slice = 0; Atomics.load(ctl, DONE) !== seq && this.alive[w] && slice < WAIT_SLICES; slice++) {
        Atomics.wait(ctl, DONE, Atomics.load(ctl, DONE), WAIT_SLICE_MS);
      }
      if (Atomics.load(ctl, DONE) !== seq || ctl[STATUS] !== 0) {
        this.giveUp(w);
        failed = true;
      }
    }
    // a worker that did not answer (or failed) may have left blocks unfinished: redo them all here
    if (failed) for (let blk = 0; blk < blocks; blk++) runBlock(ex, this.own, this.ownF64, blk);
  }
}
