// `pnpm bench`: every runner on every workload in one process (PyTorch in a child process), then
// a table of medians and of ratios. Options: --quick (fewer samples), --only=<substring>,
// --no-torch, --no-tfjs, --no-threads, --no-fma, --relaxed-simd. Unless --no-fma, torchlet's wasm
// runners also run in a child process with V8's relaxed SIMD turned on (a flag on Node 20, the default
// from Node 22): their columns, suffixed +fma, use the fused multiply-add build of the kernels.
// --relaxed-simd turns the flag on in this process instead (every torchlet wasm column +fma).
// --kernels prints, instead of the tables, where torchlet's time goes per kernel (wasm runner, and
// with the worker thread unless --no-threads), e.g. `pnpm bench --kernels --only=MLP`.
import { availableBackends, initWasmBackend, useBackend, wasmFeatures } from '@torchlet/tensor-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { printKernelBreakdown } from './kernels.js';
import { measurePeakGflops } from './peak.js';
import { runTorch, type TorchResult } from './pytorch.js';
import { TFJS_NODE_NOTE, tfjsRunner, useTfBackend } from './tfjs.js';
import { time, type TimingOptions } from './timing.js';
import { torchletRunner } from './torchlet.js';
import { FULL_WORKLOADS, type Runner, type Workload } from './workloads.js';

interface Column {
  name: string;
  js: boolean;
  torchlet: boolean;
  ms: Map<string, number>;
}

function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms < 0.1) return `${(ms * 1000).toFixed(1)} us`;
  if (ms < 10) return `${ms.toFixed(3)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** The fastest of the columns `pred` picks on workload `w`: [ms, column name] ([Infinity, '-'] when none has it). */
function fastest(columns: readonly Column[], w: Workload, pred: (c: Column) => boolean): [number, string] {
  let ms = Infinity;
  let name = '-';
  for (const c of columns) {
    const v = c.ms.get(w.name);
    if (pred(c) && v !== undefined && v < ms) [ms, name] = [v, c.name];
  }
  return [ms, name];
}

/** other / torchlet as 'N.NNx' (> 1: torchlet is faster), '-' when either is missing. */
function ratio(other: number, torchlet: number): string {
  return Number.isFinite(other) && Number.isFinite(torchlet) ? `${(other / torchlet).toFixed(2)}x` : '-';
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padEnd(n) : s.padStart(n);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => pad(c, widths[i], i === 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // --fma-child=FILE: the child run that measures torchlet's wasm runners with relaxed SIMD
  const childFile = args.find((a) => a.startsWith('--fma-child='))?.slice(12);
  // before anything instantiates the kernels: their build is chosen once, by WebAssembly.validate
  const relaxed = args.includes('--relaxed-simd') || childFile !== undefined;
  if (relaxed) setFlagsFromString('--experimental-wasm-relaxed-simd');
  const suffix = relaxed ? '+fma' : '';
  const quick = args.includes('--quick');
  const only = args.find((a) => a.startsWith('--only='))?.slice(7);
  const timing: TimingOptions = quick
    ? { samples: 5, warmup: 2, warmupMs: 300, minSampleMs: 20, maxCellMs: 3_000 }
    : { samples: 15, warmup: 5, warmupMs: 1_000, minSampleMs: 50, maxCellMs: 15_000 };
  const workloads: readonly Workload[] = FULL_WORKLOADS.filter((w) => only === undefined || w.name.includes(only));
  const started = new Date();
  console.log(`torchlet bench: ${started.toISOString()}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`timing: median of up to ${timing.samples} samples after >= ${timing.warmup} warm-up calls and >= ${timing.warmupMs} ms of warm-up (JIT tier-up); a sample repeats a call for >= ${timing.minSampleMs} ms; each cell capped near ${timing.maxCellMs / 1000} s`);

  if (args.includes('--kernels')) {
    useBackend('wasm');
    printKernelBreakdown(torchletRunner('torchlet-wasm', () => void useBackend('wasm')), workloads);
    if (!args.includes('--no-threads')) {
      await initWasmBackend({ threads: 2 });
      printKernelBreakdown(torchletRunner('torchlet-wasm-2t'), workloads);
    }
    return;
  }

  // the machine limit, measured before the workloads and again after them (the higher counts: a
  // neighbour's load on this VM only ever lowers it)
  const firstPeak = await measurePeakGflops(relaxed);
  const columns: Column[] = [];
  const measure = async (runner: Runner, js: boolean, torchlet: boolean, setup?: () => Promise<void>): Promise<void> => {
    const col: Column = { name: runner.name, js, torchlet, ms: new Map() };
    columns.push(col);
    for (const w of workloads) {
      if (setup) await setup();
      try {
        const fn = runner.prepare(w);
        const t = time(fn, timing);
        col.ms.set(w.name, t.medianMs);
        process.stderr.write(`  ${runner.name.padEnd(16)} ${w.name.padEnd(40)} ${fmtMs(t.medianMs)} (${t.samples} x ${t.itersPerSample})\n`);
      } catch (e) {
        process.stderr.write(`  ${runner.name} ${w.name}: failed: ${(e as Error).message}\n`);
      } finally {
        runner.release?.();
      }
    }
  };

  // torchlet: every backend this build has (the automatic choice first), the pure-TS reference last
  const auto = useBackend('auto');
  console.log(`torchlet backends: ${availableBackends().join(', ')}; automatic choice: ${auto}; WebAssembly kernels: ${wasmFeatures()}`);
  for (const name of availableBackends()) {
    if (childFile !== undefined && name !== 'wasm') continue;
    await measure(torchletRunner(`torchlet-${name}${name === 'wasm' ? suffix : ''}`, () => void useBackend(name)), false, true);
  }
  // the wasm backend with a worker thread for large matmuls (opt-in: initWasmBackend({ threads }))
  if (availableBackends().includes('wasm') && !args.includes('--no-threads')) {
    try {
      await initWasmBackend({ threads: 2 });
      await measure(torchletRunner(`torchlet-wasm-2t${suffix}`), false, true);
    } catch (e) {
      console.log(`torchlet-wasm-2t: skipped (${(e as Error).message})`);
    }
  }
  useBackend('auto');
  if (childFile !== undefined) {
    const peak = higherPeak(firstPeak, await measurePeakGflops(true));
    writeFileSync(childFile, JSON.stringify({ peak, columns: columns.map((c) => ({ ...c, ms: [...c.ms] })) }));
    return;
  }

  const notes: string[] = [TFJS_NODE_NOTE];
  let fmaPeak: number | string | undefined;
  if (!relaxed && !args.includes('--no-fma') && availableBackends().includes('wasm')) {
    const fma = fmaRun(args);
    if (typeof fma === 'string') notes.push(fma);
    else {
      columns.push(...fma.columns);
      fmaPeak = fma.peak;
    }
  }
  if (!args.includes('--no-tfjs')) {
    await measure(tfjsRunner('cpu'), true, false, () => useTfBackend('cpu'));
    await measure(tfjsRunner('wasm'), true, false, () => useTfBackend('wasm'));
  }
  if (!args.includes('--no-torch')) {
    for (const threads of [1, 2]) {
      const r: TorchResult | string = runTorch(workloads, threads, timing);
      if (typeof r === 'string') {
        notes.push(r);
        break;
      }
      if (threads === 1) notes.push(`PyTorch ${r.version} (${r.blas}) via ${process.env.TORCHLET_BENCH_PYTHON ?? '/usr/bin/python3.11'}`);
      columns.push({ name: `pytorch-${threads}t`, js: false, torchlet: false, ms: new Map(Object.entries(r.results)) });
    }
  }

  console.log('');
  console.log('Medians (lower is better); matmul rows also give GFLOP/s');
  const header = ['workload', ...columns.map((c) => c.name)];
  const rows = workloads.map((w) => [
    w.name,
    ...columns.map((c) => {
      const ms = c.ms.get(w.name);
      const gf = w.flops !== undefined && ms !== undefined ? ` (${(w.flops / ms / 1e6).toFixed(1)} GF/s)` : '';
      return fmtMs(ms) + gf;
    }),
  ]);
  printTable(header, rows);

  console.log('');
  console.log('Ratios: time of the fastest JS peer (tfjs) and of the best PyTorch, divided by torchlet\'s best time (> 1: torchlet is faster)');
  const ratioRows = workloads.map((w) => {
    const [tl, tlName] = fastest(columns, w, (c) => c.torchlet && !c.name.endsWith('+fma'));
    const [js, jsName] = fastest(columns, w, (c) => c.js);
    const [pt, ptName] = fastest(columns, w, (c) => c.name.startsWith('pytorch'));
    return [w.name, `${fmtMs(tl)} (${tlName})`, `${fmtMs(js)} (${jsName})`, ratio(js, tl), `${fmtMs(pt)} (${ptName})`, ratio(pt, tl)];
  });
  printTable(['workload', 'torchlet best', 'fastest JS peer', 'JS peer / torchlet', 'best PyTorch', 'PyTorch / torchlet'], ratioRows);
  if (!relaxed && columns.some((c) => c.name.endsWith('+fma'))) {
    console.log('');
    console.log("The same with relaxed SIMD (fused multiply-add: Node 20's --experimental-wasm-relaxed-simd, the default from Node 22)");
    const fmaRows = workloads.map((w) => {
      const [tl, tlName] = fastest(columns, w, (c) => c.torchlet);
      const [js] = fastest(columns, w, (c) => c.js);
      const [pt] = fastest(columns, w, (c) => c.name.startsWith('pytorch'));
      return [w.name, `${fmtMs(tl)} (${tlName})`, ratio(js, tl), ratio(pt, tl)];
    });
    printTable(['workload', 'torchlet best', 'JS peer / torchlet', 'PyTorch / torchlet'], fmaRows);
  }
  const mm = workloads.find((w) => w.name === 'matmul 1024^3');
  const limit = (peak: number | string, fma: boolean): string => {
    if (typeof peak === 'string') return peak;
    const what = fma ? 'f32x4 relaxed fused multiply-add' : 'f32x4 mul and add';
    const line = [`machine limit for the wasm matmul's instructions (${what}, independent chains, no loads): ${peak.toFixed(1)} GFLOP/s per thread`];
    for (const c of columns.filter((c) => c.torchlet && c.name.includes('wasm') && c.name.endsWith('+fma') === fma)) {
      const ms = mm && c.ms.get(mm.name);
      const threads = c.name.includes('-2t') ? 2 : 1;
      if (mm?.flops !== undefined && ms !== undefined) {
        line.push(`${c.name} matmul 1024^3 reaches ${((mm.flops / ms / 1e6 / (threads * peak)) * 100).toFixed(0)}% of ${threads} thread${threads > 1 ? "s'" : "'s"} limit`);
      }
    }
    return line.join('; ');
  };
  notes.push(limit(higherPeak(firstPeak, await measurePeakGflops(relaxed)), relaxed));
  if (fmaPeak !== undefined) notes.push(limit(fmaPeak, true));
  console.log('');
  for (const n of notes) console.log(`note: ${n}`);
  console.log(`finished in ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

/** torchlet's wasm runners and the FMA limit measured in a child process with relaxed SIMD on (or why not). */
/** The higher of two peak measurements (a failed one, a message, only when both failed). */
function higherPeak(a: number | string, b: number | string): number | string {
  if (typeof a === 'string') return b;
  if (typeof b === 'string') return a;
  return Math.max(a, b);
}

function fmaRun(args: readonly string[]): { columns: Column[]; peak: number | string } | string {
  const dir = mkdtempSync(join(tmpdir(), 'torchlet-bench-'));
  const file = join(dir, 'fma.json');
  try {
    const passed = args.filter((a) => a === '--quick' || a === '--no-threads' || a.startsWith('--only='));
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), `--fma-child=${file}`, ...passed], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) return `torchlet +fma: the relaxed-SIMD child run failed (exit ${String(r.status)})`;
    const raw = JSON.parse(readFileSync(file, 'utf8')) as {
      peak: number | string;
      columns: Array<{ name: string; js: boolean; torchlet: boolean; ms: Array<[string, number]> }>;
    };
    return { peak: raw.peak, columns: raw.columns.map((c) => ({ ...c, ms: new Map(c.ms) })) };
  } catch (e) {
    return `torchlet +fma: not measured (${(e as Error).message})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
