// Where the time of an elementwise add over 1M floats goes, by memory model, for the bench's note:
// the wasm kernel alone (operands already in wasm memory: all of tfjs-wasm's work, whose tensors live
// there until its users dispose them) against what tensors in JavaScript memory add (torchlet's,
// garbage collected like PyTorch's): copies into and out of wasm memory, and a fresh output array.
import { compileAssembly } from './asc.js';
import { median, time, type TimingOptions } from './timing.js';

export interface MemoryModel {
  /** elements */
  n: number;
  /** f32x4 add of n floats over operands in wasm memory */
  kernelMs: number;
  /** copying n floats from a JavaScript typed array into wasm memory */
  copyInMs: number;
  /** a fresh Float32Array of n floats, written once */
  freshMs: number;
  /** the same write into a reused Float32Array */
  reusedMs: number;
}

interface AddExports {
  add(a: number, b: number, out: number, n: number): void;
}

const TIMING: TimingOptions = { samples: 15, warmup: 20, warmupMs: 500, minSampleMs: 20, maxCellMs: 5_000 };

export async function measureMemoryModel(n = 1 << 20, timing: TimingOptions = TIMING): Promise<MemoryModel | string> {
  if (n % 4 !== 0) throw new RangeError(`measureMemoryModel: n must be a multiple of 4, got ${n}`);
  const module = await compileAssembly('add.ts', ['--importMemory']);
  if (typeof module === 'string') return `memory model: ${module}`;
  const bytes = n * 4;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((4 * bytes) / 65536) + 1 });
  const ex = new WebAssembly.Instance(module, { env: { memory, abort: () => undefined } }).exports as unknown as AddExports;
  const heap = new Float32Array(memory.buffer);
  const src = new Float32Array(n);
  for (let i = 0; i < n; i++) src[i] = (i % 97) / 97;
  heap.set(src, 0);
  heap.set(src, n);
  const reused = new Float32Array(n);
  let fresh = reused;
  const kernelMs = time(() => ex.add(0, bytes, 2 * bytes, n), timing).medianMs;
  const copyInMs = time(() => heap.set(src, 3 * n), timing).medianMs;
  const freshMs = time(() => {
    fresh = new Float32Array(n);
    fresh.set(src);
  }, timing).medianMs;
  const reusedMs = time(() => reused.set(src), timing).medianMs;
  // every timed call must have done its work: out = src + src exactly (one float32 rounding), and
  // the copy into wasm memory, the fresh array and the reused one all hold src
  for (let i = 0; i < n; i++) {
    if (heap[2 * n + i] !== Math.fround(src[i] + src[i])) return `memory model: the add kernel's element ${i} is wrong`;
    if (heap[3 * n + i] !== src[i] || fresh[i] !== src[i] || reused[i] !== src[i]) return `memory model: a copy's element ${i} is wrong`;
  }
  return { n, kernelMs, copyInMs, freshMs, reusedMs };
}

/** Each part's median over the rounds (every round measures the same n). */
export function medianMemoryModel(rounds: readonly MemoryModel[]): MemoryModel {
  const of = (key: 'kernelMs' | 'copyInMs' | 'freshMs' | 'reusedMs'): number => median(rounds.map((r) => r[key]));
  return { n: rounds[0].n, kernelMs: of('kernelMs'), copyInMs: of('copyInMs'), freshMs: of('freshMs'), reusedMs: of('reusedMs') };
}

/** The note line: the kernel alone, and what each call on tensors in JavaScript memory adds to it. */
export function memoryModelNote(m: MemoryModel | string, fmtMs: (ms: number) => string): string {
  if (typeof m === 'string') return m;
  const mib = Number(((m.n * 4) / 2 ** 20).toPrecision(3));
  const label = m.n % 2 ** 20 === 0 ? `${m.n / 2 ** 20}M` : String(m.n);
  return (
    `add ${label} by memory model: the f32x4 add alone, operands already in wasm memory, takes ${fmtMs(m.kernelMs)}, which is all of ` +
    `tfjs-wasm's work (its tensors live in wasm memory until its users dispose them), and all of torchlet's in a scope() ` +
    `(its storage then lives there too). Outside scopes torchlet's tensors are garbage-collected JavaScript typed arrays, ` +
    `as PyTorch's semantics need, so each call also copies two ${mib} MiB operands in and the result out ` +
    `(${fmtMs(m.copyInMs)} per copy) and writes a fresh ${mib} MiB output (${fmtMs(m.freshMs)}, against ${fmtMs(m.reusedMs)} for a ` +
    `reused array; this part varies with when the garbage collector last ran)`
  );
}
