// `pnpm bench --kernels`: where torchlet's time goes. Wraps the active tensor-core backend so that
// every kernel call is timed, runs each workload's step repeatedly, and prints the time per step by
// kernel and operand shapes (a transposed 2-D operand is marked T), plus the time outside kernels
// (autograd, losses, optimizer and tensor bookkeeping).
import { getBackend, setBackend, type Backend, type StridedView } from '@torchlet/tensor-core';
import type { Runner, Workload } from './workloads.js';

interface Entry {
  ms: number;
  calls: number;
}

function describeArg(a: unknown): string | null {
  if (typeof a === 'string') return a;
  if (a === null || typeof a !== 'object' || !('shape' in a) || !('strides' in a)) return null;
  const v = a as StridedView;
  const transposed = v.shape.length === 2 && v.strides[1] !== 1 && v.strides[0] === 1;
  return v.shape.join('x') + (transposed ? 'T' : '');
}

/** The backend with every method timed into `table` (keyed by method and operand shapes). */
function timedBackend(inner: Backend, table: Map<string, Entry>): Backend {
  const timed: Record<string, unknown> = { ...inner, name: inner.name };
  for (const [method, fn] of Object.entries(inner)) {
    if (typeof fn !== 'function') continue;
    timed[method] = (...args: unknown[]): unknown => {
      const t0 = performance.now();
      const result: unknown = (fn as (...a: unknown[]) => unknown).apply(inner, args);
      const ms = performance.now() - t0;
      const key = `${method}(${args.map(describeArg).filter((s) => s !== null).join(', ')})`;
      const e = table.get(key) ?? { ms: 0, calls: 0 };
      e.ms += ms;
      e.calls++;
      table.set(key, e);
      return result;
    };
  }
  return timed as unknown as Backend;
}

/** Print the per-kernel breakdown of `runner` on each workload (steps: timed repetitions after warm-up). */
export function printKernelBreakdown(runner: Runner, workloads: readonly Workload[], steps = 200): void {
  for (const w of workloads) {
    const fn = runner.prepare(w);
    for (let i = 0; i < Math.max(5, steps / 4); i++) fn(); // warm-up (JIT tiers, arena growth)
    const inner = getBackend();
    const table = new Map<string, Entry>();
    setBackend(timedBackend(inner, table));
    let total = 0;
    try {
      const t0 = performance.now();
      for (let i = 0; i < steps; i++) fn();
      total = performance.now() - t0;
    } finally {
      setBackend(inner);
      runner.release?.();
    }
    const rows = [...table].sort((a, b) => b[1].ms - a[1].ms);
    const inKernels = rows.reduce((s, [, e]) => s + e.ms, 0);
    console.log(`\n${runner.name}, ${w.name}: ${fmtUs(total / steps)} per step, ${fmtUs(inKernels / steps)} in backend kernels (${((100 * inKernels) / total).toFixed(0)}%)`);
    for (const [key, e] of rows) console.log(`  ${fmtUs(e.ms / steps).padStart(10)}  ${String(e.calls / steps).padStart(4)}x  ${key}`);
    console.log(`  ${fmtUs((total - inKernels) / steps).padStart(10)}        outside the kernels`);
  }
}

function fmtUs(ms: number): string {
  return `${(ms * 1000).toFixed(1)} us`;
}
