// A worker thread's side of the thread pool: instantiate the kernels over the shared memory, then
// serve jobs until told to quit (protocol.ts describes the handshake). Only Atomics and WebAssembly:
// no Node API here (wasm-worker.ts is the Node entry that calls it).
import { BLOCKS, CTL_INTS, QUIT, SEQ, claim, finish, runBlock, type BlockKernels, type WorkerData } from './protocol.js';
import { wasmApi } from './wasm-api.js';

/** Jobs come in bursts (a training step): spins looking for the next one before sleeping. */
const SPINS_BEFORE_SLEEP = 2000;
/** Woken with no job (prewake() announced one): spins for it, up to about a millisecond. */
const SPINS_AFTER_WAKE = 500000;
/** Longest sleep between looks at SEQ (ms). */
const SLEEP_MS = 1000;

/** Serve the pool's jobs on this thread; `ready` is called once the kernels are instantiated. */
export function serveJobs(data: WorkerData, ready: () => void): void {
  const api = wasmApi();
  if (!api) throw new Error('wasm worker: no WebAssembly in this thread');
  const ex = new api.Instance(data.module, { env: { memory: data.memory } }).exports as BlockKernels;
  const ctl = new Int32Array(data.memory.buffer, data.ctlPtr, CTL_INTS);
  const ctlF64 = new Float64Array(data.memory.buffer, data.ctlPtr, CTL_INTS / 2);
  const counter = new Int32Array(data.memory.buffer, data.counterPtr, 1);
  ready();
  let seen = 0;
  for (;;) {
    for (let spin = 0; spin < SPINS_BEFORE_SLEEP && Atomics.load(ctl, SEQ) === seen; spin++);
    if (Atomics.wait(ctl, SEQ, seen, SLEEP_MS) === 'ok') for (let spin = 0; spin < SPINS_AFTER_WAKE && Atomics.load(ctl, SEQ) === seen; spin++);
    const seq = Atomics.load(ctl, SEQ);
    if (seq === seen) continue;
    if (seq === QUIT) return;
    seen = seq;
    // the job may already be withdrawn (the caller finished it alone) or replaced: then not ours
    if (!claim(ctl, seq)) continue;
    let status = 0;
    try {
      const blocks = ctl[BLOCKS];
      for (;;) {
        const blk = Atomics.add(counter, 0, 1);
        if (blk >= blocks) break;
        runBlock(ex, ctl, ctlF64, blk);
      }
    } catch {
      status = 1;
    }
    finish(ctl, seq, status);
  }
}
