// The thread pool's protocol, shared by the calling thread (pool.ts) and the workers
// (worker-loop.ts): the layout of a worker's control block in the shared memory, the handshake
// that hands a job to a worker, and runBlock, which both sides run on their blocks of a job.
import type { KernelExports, WasmMemory, WasmModule } from './wasm-api.js';

/** What a worker is started with (Node: its workerData). */
export interface WorkerData {
  readonly module: WasmModule;
  readonly memory: WasmMemory;
  /** byte offset of this worker's control block (CTL_INTS int32 slots) */
  readonly ctlPtr: number;
  /** byte offset of the int32 block counter shared by every thread of a job */
  readonly counterPtr: number;
}

/** Kinds of job the thread pool splits into blocks (see `runBlock`). */
export const JOB = { matmul: 0, crossEntropy: 1, unary: 2, softmax: 3, matmulColumns: 4, binary: 5 } as const;

/** Int32 slots of a control block (one per worker; the calling thread fills a plain copy for itself). */
export const CTL_INTS = 32;
/** Number of the job last posted to this worker (1 .. MAX_SEQ), or QUIT. The worker waits on it. */
export const SEQ = 0;
/** Number of the last job the worker finished: it echoes the number it claimed. The caller waits on it. */
export const DONE = 1;
/** The job's kind (JOB). */
export const KIND = 2;
/** First of the job's int32 kernel arguments (slots ARGS .. ARGS + MAX_ARGS - 1). */
export const ARGS = 3;
export const MAX_ARGS = 12;
/** Who holds the job: its number while it is offered, minus its number once the worker took it, 0 once withdrawn. */
export const CLAIM = 15;
/** 0, or 1 when a block threw in the worker. */
export const STATUS = 16;
/** Units (rows, or elements) per block. */
export const BLOCK_UNITS = 17;
/** Blocks in the job. */
export const BLOCKS = 18;
/** Units in the job. */
export const UNITS = 19;
/** Float64 slot of the job's float64 argument (bytes 96..103, past every int32 slot above). */
export const F64_ARG = 12;
/** SEQ value that stops the worker. */
export const QUIT = -1;
/** Job numbers wrap after this (positive, so that minus a number never equals a number). */
export const MAX_SEQ = 2 ** 30;

/*
 * Handing a job over. The caller fills the control block, then posts the job's number in CLAIM and
 * SEQ. A worker that sees a new SEQ claims the job by swapping CLAIM from that number to minus it,
 * runs blocks, and stores the number in DONE. The caller, after its own blocks, withdraws the job by
 * swapping CLAIM from the number to 0: if that succeeds the worker never started it (nothing to
 * wait for), else it waits until DONE holds the number. A worker that read an older SEQ cannot claim
 * a newer job (CLAIM holds another number), so it can never run one job while reporting another.
 */

/** Caller: offer job `seq` (its control block already filled) and wake the worker. */
export function post(ctl: Int32Array, seq: number): void {
  Atomics.store(ctl, CLAIM, seq);
  Atomics.store(ctl, SEQ, seq);
  Atomics.notify(ctl, SEQ);
}

/** Worker: take job `seq` if it is still the one offered; false when withdrawn or replaced. */
export function claim(ctl: Int32Array, seq: number): boolean {
  return Atomics.compareExchange(ctl, CLAIM, seq, -seq) === seq;
}

/** Worker: report job `seq` finished (`status` 0) or failed (1). */
export function finish(ctl: Int32Array, seq: number, status: number): void {
  ctl[STATUS] = status;
  Atomics.store(ctl, DONE, seq);
  Atomics.notify(ctl, DONE);
}

/** Caller: take job `seq` back; true when the worker had not claimed it (and now never will). */
export function withdraw(ctl: Int32Array, seq: number): boolean {
  return Atomics.compareExchange(ctl, CLAIM, seq, 0) === seq;
}

/** Caller: stop the worker (it leaves its loop at its next look at SEQ). */
export function quit(ctl: Int32Array): void {
  Atomics.store(ctl, CLAIM, 0);
  Atomics.store(ctl, SEQ, QUIT);
  Atomics.notify(ctl, SEQ);
}

/** The subset of the kernels `runBlock` calls. */
export type BlockKernels = Pick<KernelExports, 'matmulPacked' | 'matmulColumns' | 'crossEntropyRows' | 'expArray' | 'reluF32' | 'softmaxRows' | 'binaryF32'>;

/**
 * Run block `blk` of the job described by `a` (control block slots) and `d` (its float64 slots):
 * units blk * a[BLOCK_UNITS] .. + a[BLOCK_UNITS] (rows, or elements for unary jobs). Every output
 * element is computed by the same code whichever thread runs its block, so results are bit-identical
 * to one thread.
 */
export function runBlock(ex: BlockKernels, a: Int32Array, d: Float64Array, blk: number): void {
  const u0 = blk * a[BLOCK_UNITS];
  const len = Math.min(a[BLOCK_UNITS], a[UNITS] - u0);
  const p = ARGS;
  switch (a[KIND]) {
    case JOB.matmul: // rows of A: a, as0, as1, packed, c, k, n, tmp
      ex.matmulPacked(a[p] + u0 * a[p + 1] * 4, a[p + 1], a[p + 2], a[p + 3], a[p + 4] + u0 * a[p + 6] * 4, len, a[p + 5], a[p + 6], a[p + 7]);
      break;
    case JOB.crossEntropy: // rows: x, targets, cols, ignoreIndex, grad (0: none), losses, scratch; scale
      ex.crossEntropyRows(a[p] + u0 * a[p + 2] * 4, a[p + 1] + u0 * 4, len, a[p + 2], a[p + 3], a[p + 4] === 0 ? 0 : a[p + 4] + u0 * a[p + 2] * 4, d[F64_ARG], a[p + 5] + u0 * 8, a[p + 6]);
      break;
    case JOB.unary: // elements: op (0 exp, 1 relu), x, out
      if (a[p] === 0) ex.expArray(a[p + 1] + u0 * 4, a[p + 2] + u0 * 4, len);
      else ex.reluF32(a[p + 1] + u0 * 4, a[p + 2] + u0 * 4, len);
      break;
    case JOB.softmax: // rows: x, out, cols, log, scratch
      ex.softmaxRows(a[p] + u0 * a[p + 2] * 4, a[p + 1] + u0 * a[p + 2] * 4, len, a[p + 2], a[p + 3], a[p + 4]);
      break;
    case JOB.binary: // op, a, b, out, cols (0: units are elements; else rows of cols, b one row); alpha
      if (a[p + 4] === 0) ex.binaryF32(a[p], a[p + 1] + u0 * 4, a[p + 2] + u0 * 4, a[p + 3] + u0 * 4, len, len, 0, d[F64_ARG]);
      else ex.binaryF32(a[p], a[p + 1] + u0 * a[p + 4] * 4, a[p + 2], a[p + 3] + u0 * a[p + 4] * 4, len * a[p + 4], a[p + 4], 1, d[F64_ARG]);
      break;
    case JOB.matmulColumns: // 16-wide column panels of C: a, as0, as1, b, bs0, bs1, c, m, k, n, scratch
      ex.matmulColumns(a[p], a[p + 1], a[p + 2], a[p + 3], a[p + 4], a[p + 5], a[p + 6], a[p + 7], a[p + 8], a[p + 9], u0, u0 + len, a[p + 10]);
      break;
  }
}
