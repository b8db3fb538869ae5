// The benchmark's workloads (float32), at full size for `pnpm bench` and at small sizes for the smoke test.

export type WorkloadKind = 'matmul' | 'ce' | 'mlp' | 'tutorial' | 'add' | 'exp' | 'lstm' | 'transformer';

export interface Workload {
  /** Row label in the table. */
  readonly name: string;
  readonly kind: WorkloadKind;
  /**
   * matmul: [m, k, n]; ce: [rows, classes]; mlp: [batch, in, hidden, out]; tutorial: [batch, in, out];
   * add/exp: [n]; lstm: [batch, steps, in, hidden, classes]; transformer: [batch, steps, dModel, heads, ff, classes].
   */
  readonly dims: readonly number[];
  /** Floating-point operations of one call, for a GFLOP/s column (matmul only). */
  readonly flops?: number;
  /**
   * torchlet runs each call inside `scope()`, with its inputs (and the model) made in a scope and
   * kept, so they live in the backend's memory; the peers run the same work as without.
   */
  readonly scoped?: boolean;
}

function mm(m: number, k: number, n: number, name: string): Workload {
  return { name, kind: 'matmul', dims: [m, k, n], flops: 2 * m * k * n };
}

export const FULL_WORKLOADS: readonly Workload[] = [
  mm(256, 256, 256, 'matmul 256^3'),
  mm(1024, 1024, 1024, 'matmul 1024^3'),
  mm(128, 784, 256, 'matmul (128x784)@(784x256)'),
  { name: 'cross entropy fwd+bwd 4096x1000', kind: 'ce', dims: [4096, 1000] },
  { name: 'cross entropy fwd+bwd 65536x10', kind: 'ce', dims: [65536, 10] },
  { name: 'MLP 784-256-10 train step, batch 128', kind: 'mlp', dims: [128, 784, 256, 10] },
  { name: "tutorial step (Linear 3x3, batch 10)", kind: 'tutorial', dims: [10, 3, 3] },
  { name: 'add 1M', kind: 'add', dims: [1 << 20] },
  { name: 'exp 1M', kind: 'exp', dims: [1 << 20] },
  { name: 'MLP 784-256-10 train step, batch 128, in scope()', kind: 'mlp', dims: [128, 784, 256, 10], scoped: true },
  { name: 'add 1M in scope()', kind: 'add', dims: [1 << 20], scoped: true },
  { name: 'exp 1M in scope()', kind: 'exp', dims: [1 << 20], scoped: true },
  { name: 'LSTM 16-64 train step, batch 32, seq 20', kind: 'lstm', dims: [32, 20, 16, 64, 10] },
  { name: 'transformer encoder train step, batch 32, seq 20, d 64', kind: 'transformer', dims: [32, 20, 64, 4, 128, 10] },
];

export const SMOKE_WORKLOADS: readonly Workload[] = [
  mm(8, 16, 4, 'matmul small'),
  { name: 'cross entropy small', kind: 'ce', dims: [6, 5] },
  { name: 'MLP small', kind: 'mlp', dims: [4, 12, 8, 3] },
  { name: 'tutorial step', kind: 'tutorial', dims: [10, 3, 3] },
  { name: 'add small', kind: 'add', dims: [100] },
  { name: 'exp small', kind: 'exp', dims: [100] },
  { name: 'MLP small in scope()', kind: 'mlp', dims: [4, 12, 8, 3], scoped: true },
  { name: 'add small in scope()', kind: 'add', dims: [100], scoped: true },
  { name: 'exp small in scope()', kind: 'exp', dims: [100], scoped: true },
  { name: 'LSTM small', kind: 'lstm', dims: [3, 4, 5, 6, 3] },
  { name: 'transformer small', kind: 'transformer', dims: [3, 4, 8, 2, 6, 3] },
];

/** Deterministic pseudo-random floats in [-1, 1) (the same inputs for every peer). */
export function randomFloats(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = (s / 4294967296) * 2 - 1;
  }
  return out;
}

export function randomClasses(n: number, classes: number, seed: number): Int32Array {
  const f = randomFloats(n, seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.min(classes - 1, Math.floor(((f[i] + 1) / 2) * classes));
  return out;
}

/** A runner prepares one workload and returns the function to time (one call = one iteration). */
export interface Runner {
  readonly name: string;
  readonly async?: false;
  prepare(w: Workload): () => void;
  /** Whether the runner has this workload written (absent: every workload); its cell shows '-' otherwise. */
  supports?(w: Workload): boolean;
  /** Release what prepare allocated outside the JS heap (tfjs tensors). */
  release?(): void;
}

/** A runner whose calls finish when their promise settles (jax-js: lazy arrays, awaited); timed by timeAsync. */
export interface AsyncRunner {
  readonly name: string;
  readonly async: true;
  prepare(w: Workload): () => Promise<void>;
  /** Whether the runner has this workload written (absent: every workload); its cell shows '-' otherwise. */
  supports?(w: Workload): boolean;
  /** Release what prepare allocated outside the JS heap (jax-js arrays and jitted functions). */
  release?(): void;
}
