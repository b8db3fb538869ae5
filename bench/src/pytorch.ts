// The PyTorch CPU peer: Debian's python3.11 with python3-torch runs python/bench_torch.py.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TimingOptions } from './timing.js';
import type { Workload } from './workloads.js';

export const PYTHON = process.env.TORCHLET_BENCH_PYTHON ?? '/usr/bin/python3.11';

export interface TorchResult {
  version: string;
  blas: string;
  results: Record<string, number>;
}

function script(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // src/ (vitest) or dist/ (the built bench): the script sits in ../python
  return join(here, '..', 'python', 'bench_torch.py');
}

/** Run the PyTorch peer with `threads` threads; a string says why it was skipped. */
export function runTorch(workloads: readonly Workload[], threads: number, timing: TimingOptions): TorchResult | string {
  if (!existsSync(PYTHON)) return `PyTorch: skipped (${PYTHON} not found; apt-get install python3-torch libopenblas0-pthread)`;
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return `PyTorch: skipped (${PYTHON} has no torch; apt-get install python3-torch libopenblas0-pthread)`;
  const r = spawnSync(PYTHON, [script()], {
    input: JSON.stringify({ threads, workloads, timing }),
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) },
  });
  if (r.status !== 0) return `PyTorch (${threads} thread${threads > 1 ? 's' : ''}): failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`;
  const parsed = JSON.parse(r.stdout) as { torch: string; blas: string; results: Record<string, number> };
  return { version: parsed.torch, blas: parsed.blas, results: parsed.results };
}
