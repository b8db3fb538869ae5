// `pnpm bench`: times torchlet and its peers on the same workloads, then prints a table of medians
// and of ratios. The run is made of rounds (default 3, --rounds=N; 1 with --quick): in each round a
// child process times torchlet's backends (wasm, cpu, then the wasm backend with a worker thread),
// tfjs and jax-js, a second child times torchlet's wasm runners with V8's relaxed SIMD on (a flag on
// Node 20, the default from Node 22; columns suffixed +fma, the fused multiply-add build), and
// PyTorch runs in a Python child, and a webgpu child times torchlet's WebGPU device, tfjs's webgpu
// backend and jax-js's webgpu device on Dawn's adapter (src/webgpu-phase.ts; skipped, with the
// reason, when there is none); a cell's time is the median of its rounds. Options: --quick,
// --only=<substring>[|<substring>...], --rounds=N, --no-torch, --no-tfjs, --no-jax, --no-threads, --no-fma, --no-webgpu,
// --relaxed-simd (every torchlet wasm column +fma, no second child). --kernels prints, instead of
// the tables, where torchlet's time goes per kernel (wasm runner, and with the worker thread unless
// --no-threads), e.g. `pnpm bench --kernels --only=MLP`.
import { availableBackends, initWasmBackend, useBackend, wasmFeatures } from '@torchlet/tensor-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { jaxInfo, jaxRunner, useJaxWasm } from './jax.js';
import { printKernelBreakdown } from './kernels.js';
import { measureMemoryModel, medianMemoryModel, memoryModelNote, type MemoryModel } from './memory.js';
import { measurePeakGflops } from './peak.js';
import { runTorch, type TorchResult } from './pytorch.js';
import { TFJS_NODE_NOTE, tfjsRunner, useTfBackend } from './tfjs.js';
import { median, time, timeAsync, type TimingOptions } from './timing.js';
import { torchletRunner } from './torchlet.js';
import { SOFTWARE_LABEL, webgpuChildEnv } from './webgpu.js';
import { WEBGPU_WAIT_RULE, webgpuPhase } from './webgpu-phase.js';
import { FULL_WORKLOADS, type AsyncRunner, type Runner, type Workload } from './workloads.js';

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

/** A child's answer: its columns (median per workload) and lines for the header. */
interface ChildResult {
  columns: Array<{ name: string; js: boolean; torchlet: boolean; ms: Array<[string, number]> }>;
  info: string[];
  peak?: number | string;
  /** group 'main', when the run has the add workload: the memory-model probe, in the same process */
  memory?: MemoryModel | string;
  /** group 'webgpu': the adapter (a string: why the phase was skipped) */
  webgpu?: { adapter: string; software: boolean } | string;
}

/** The column order of the tables: torchlet's, the +fma ones, tfjs, jax-js, PyTorch. */
const ORDER = ['torchlet-wasm', 'torchlet-cpu', 'torchlet-wasm-2t', 'torchlet-wasm+fma', 'torchlet-wasm-2t+fma', 'tfjs-cpu', 'tfjs-wasm', 'jax-js-wasm', 'pytorch-1t', 'pytorch-2t', 'torchlet-webgpu', 'tfjs-webgpu', 'jax-js-webgpu'];

/** The webgpu columns: in a ratio table of their own, never in the CPU columns' ratios. */
const WEBGPU_COLUMNS = ['torchlet-webgpu', 'tfjs-webgpu', 'jax-js-webgpu'];

/** One runner of a child's phase: its column, and what to call before each of its cells. */
interface Entry {
  runner: Runner | AsyncRunner;
  js: boolean;
  torchlet: boolean;
  setup?: () => Promise<void>;
}

type ColumnsOfChild = Map<string, { js: boolean; torchlet: boolean; ms: Array<[string, number]> }>;

/** Time `entries` taking turns workload by workload, into `columns` (median per cell). */
async function runTurns(entries: readonly Entry[], workloads: readonly Workload[], timing: TimingOptions, columns: ColumnsOfChild): Promise<void> {
  for (const w of workloads) {
    for (const { runner, js, torchlet, setup } of entries) {
      const col = columns.get(runner.name) ?? { js, torchlet, ms: [] };
      columns.set(runner.name, col);
      if (runner.supports && !runner.supports(w)) continue;
      if (setup) await setup();
      try {
        const gc = (globalThis as { gc?: () => void }).gc;
        let t;
        if (runner.async) {
          // jax-js and the webgpu runners: each call awaits its results (lazy arrays, GPU work)
          const fn = runner.prepare(w);
          gc?.();
          t = await timeAsync(fn, timing);
        } else {
          const fn = runner.prepare(w);
          gc?.();
          t = time(fn, timing);
        }
        col.ms.push([w.name, t.medianMs]);
        process.stderr.write(`  ${runner.name.padEnd(16)} ${w.name.padEnd(40)} ${fmtMs(t.medianMs)} (${t.samples} x ${t.itersPerSample})\n`);
      } catch (e) {
        process.stderr.write(`  ${runner.name} ${w.name}: failed: ${(e as Error).message}\n`);
      } finally {
        runner.release?.();
      }
    }
  }
}

/**
 * A child process's part of one round: group 'main' (torchlet's backends, tfjs-wasm and jax-js, then
 * the worker-thread runner with tfjs-wasm and jax-js again, then tfjs-cpu) or 'fma' (torchlet's wasm
 * runners with relaxed SIMD on) or 'webgpu' (the three webgpu runners, src/webgpu-phase.ts). Each child is a fresh process, so the worker-thread kernels never
 * leak into the single-thread columns. Within a phase the runners take turns workload by workload,
 * so a cell and the peer cells it is compared with are measured seconds apart, not minutes (this
 * VM's speed drifts over minutes); tfjs-wasm and jax-js-wasm, the closest peers, are measured in
 * both phases and each one's cell is the median of all its measurements.
 */
async function runGroup(group: string, file: string, args: readonly string[], timing: TimingOptions, workloads: readonly Workload[]): Promise<void> {
  const relaxed = group === 'fma' || args.includes('--relaxed-simd');
  // before anything instantiates the kernels: their build is chosen once, by WebAssembly.validate
  if (relaxed) setFlagsFromString('--experimental-wasm-relaxed-simd');
  const suffix = relaxed ? '+fma' : '';
  const columns: ColumnsOfChild = new Map();
  const info: string[] = [];
  if (group === 'webgpu') {
    const phase = await webgpuPhase(args);
    const result: ChildResult = { columns: [], info };
    if (typeof phase === 'string') result.webgpu = phase;
    else {
      info.push(...phase.info);
      // js and torchlet false: these columns stay out of the CPU columns' ratios
      await runTurns(phase.runners.map((r) => ({ ...r, js: false, torchlet: false })), workloads, timing, columns);
      result.columns = [...columns].map(([name, c]) => ({ name, ...c }));
      result.webgpu = { adapter: phase.adapter, software: phase.software };
    }
    writeFileSync(file, JSON.stringify(result));
    return;
  }
  const runPhase = (entries: readonly Entry[]): Promise<void> => runTurns(entries, workloads, timing, columns);
  const withTfjs = group === 'main' && !args.includes('--no-tfjs');
  const tfjsWasm: Entry = { runner: tfjsRunner('wasm'), js: true, torchlet: false, setup: () => useTfBackend('wasm') };
  // torchlet: every backend this build has (the automatic choice first), the pure-TS reference last
  const auto = useBackend('auto');
  info.push(`torchlet backends: ${availableBackends().join(', ')}; automatic choice: ${auto}; WebAssembly kernels: ${wasmFeatures()}`);
  // jax-js, measured right after tfjs-wasm in both phases (its wasm backend started once, here)
  const jax: Entry[] = [];
  if (group === 'main' && !args.includes('--no-jax')) {
    try {
      await useJaxWasm();
      info.push(jaxInfo(relaxed));
      jax.push({ runner: jaxRunner(), js: true, torchlet: false, setup: useJaxWasm });
    } catch (e) {
      info.push(`jax-js: skipped (${(e as Error).message})`);
    }
  }
  const first: Entry[] = [];
  for (const name of availableBackends()) {
    if (group === 'fma' && name !== 'wasm') continue;
    first.push({ runner: torchletRunner(`torchlet-${name}${name === 'wasm' ? suffix : ''}`, () => void useBackend(name)), js: false, torchlet: true });
    // tfjs-wasm and jax-js, the closest peers, right after torchlet-wasm
    if (name === 'wasm') first.push(...(withTfjs ? [tfjsWasm] : []), ...jax);
  }
  await runPhase(first);
  useBackend('auto');
  // measured here, after torchlet's runners: the allocator's state is the one torchlet's add met
  const memory = group === 'main' && workloads.some((w) => w.kind === 'add') ? await measureMemoryModel() : undefined;
  // the wasm backend with a worker thread (opt-in: initWasmBackend({ threads }))
  if (availableBackends().includes('wasm') && !args.includes('--no-threads')) {
    try {
      await initWasmBackend({ threads: 2 });
      await runPhase([{ runner: torchletRunner(`torchlet-wasm-2t${suffix}`), js: false, torchlet: true }, ...(withTfjs ? [tfjsWasm] : []), ...jax]);
    } catch (e) {
      info.push(`torchlet-wasm-2t: skipped (${(e as Error).message})`);
    }
  }
  // tfjs-cpu last and on its own: 10 to 100 times slower than the others, it leaves the most
  // garbage behind, and no ratio depends on its timing being close to another's
  if (withTfjs) await runPhase([{ runner: tfjsRunner('cpu'), js: true, torchlet: false, setup: () => useTfBackend('cpu') }]);
  const result: ChildResult = { columns: [...columns].map(([name, c]) => ({ name, ...c })), info, memory };
  if (group === 'fma') result.peak = await measurePeakGflops(true);
  writeFileSync(file, JSON.stringify(result));
}

/** Spawn this script as a child for `group`; its result, or a message saying why there is none. */
function spawnGroup(group: string, args: readonly string[], samples: number, env?: NodeJS.ProcessEnv): ChildResult | string {
  const dir = mkdtempSync(join(tmpdir(), 'torchlet-bench-'));
  const file = join(dir, `${group}.json`);
  try {
    const passed = args.filter((a) => ['--quick', '--no-threads', '--no-tfjs', '--no-jax', '--relaxed-simd'].includes(a) || a.startsWith('--only='));
    // --expose-gc: each cell starts after a full collection, free of the previous runner's garbage
    const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), `--child=${group}`, `--out=${file}`, `--samples=${samples}`, ...passed], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: env ?? process.env,
    });
    const what = group === 'fma' ? 'torchlet +fma' : group === 'webgpu' ? 'the webgpu phase' : 'torchlet, tfjs and jax-js';
    if (r.status !== 0) return `${what}: the child run failed (exit ${String(r.status)})`;
    return JSON.parse(readFileSync(file, 'utf8')) as ChildResult;
  } catch (e) {
    return `${group}: not measured (${(e as Error).message})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.find((a) => a.startsWith('--only='))?.slice(7);
  const timing: TimingOptions = quick
    ? { samples: 5, warmup: 2, warmupMs: 300, minSampleMs: 20, maxCellMs: 3_000 }
    : { samples: 15, warmup: 5, warmupMs: 1_000, minSampleMs: 50, maxCellMs: 15_000 };
  // --only=a|b: the rows whose name contains a or b
  const workloads: readonly Workload[] = FULL_WORKLOADS.filter((w) => only === undefined || only.split('|').some((part) => w.name.includes(part)));

  const child = args.find((a) => a.startsWith('--child='))?.slice(8);
  if (child !== undefined) {
    const samples = Number(args.find((a) => a.startsWith('--samples='))?.slice(10) ?? timing.samples);
    await runGroup(child, args.find((a) => a.startsWith('--out='))?.slice(6) ?? '', args, { ...timing, samples }, workloads);
    return;
  }
  if (args.includes('--kernels')) {
    useBackend('wasm');
    printKernelBreakdown(torchletRunner('torchlet-wasm', () => void useBackend('wasm')), workloads);
    if (!args.includes('--no-threads')) {
      await initWasmBackend({ threads: 2 });
      printKernelBreakdown(torchletRunner('torchlet-wasm-2t'), workloads);
    }
    return;
  }

  // Rounds: every group (torchlet + tfjs + jax-js, torchlet +fma, PyTorch) measures each cell once per round
  // with a share of the samples, and a cell's time is the median of its rounds. This VM's speed
  // drifts over minutes, so a peer measured minutes after torchlet would compare unlike conditions;
  // rounds spread every column over the whole run.
  const rounds = Math.max(1, Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? (quick ? 1 : 3)));
  const samples = Math.max(3, Math.ceil(timing.samples / rounds));
  const relaxed = args.includes('--relaxed-simd');
  if (relaxed) setFlagsFromString('--experimental-wasm-relaxed-simd'); // for this process's limit measurement
  const withFma = !relaxed && !args.includes('--no-fma') && availableBackends().includes('wasm');
  let withWebgpu = !args.includes('--no-webgpu');
  // the Vulkan driver and loader the webgpu child needs at spawn (SwiftShader where no GPU driver is installed)
  const [gpuEnv, gpuEnvSet] = webgpuChildEnv();
  let gpuAdapter: { adapter: string; software: boolean } | undefined;
  const started = new Date();
  console.log(`torchlet bench: ${started.toISOString()}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`timing: ${rounds} round${rounds > 1 ? 's' : ''}, each measuring every runner in turn; per round and cell, the median of ${samples} samples after >= ${timing.warmup} warm-up calls and >= ${timing.warmupMs} ms of warm-up (JIT tier-up), a sample repeating a call for >= ${timing.minSampleMs} ms; a cell's time is the median of its rounds`);
  const firstPeak = await measurePeakGflops(relaxed);

  const notes: string[] = [TFJS_NODE_NOTE];
  const perRound = new Map<string, { js: boolean; torchlet: boolean; ms: Map<string, number[]> }>();
  const add = (name: string, js: boolean, torchlet: boolean, ms: Iterable<[string, number]>): void => {
    const col = perRound.get(name) ?? { js, torchlet, ms: new Map<string, number[]>() };
    perRound.set(name, col);
    for (const [w, v] of ms) col.ms.set(w, [...(col.ms.get(w) ?? []), v]);
  };
  let fmaPeak: number | string | undefined;
  const memoryRounds: MemoryModel[] = [];
  const said = new Set<string>();
  const say = (line: string, list: string[]): void => {
    if (!said.has(line)) list.push(line);
    said.add(line);
  };
  const headerLines: string[] = [];
  for (let r = 1; r <= rounds; r++) {
    process.stderr.write(`round ${r} of ${rounds}\n`);
    const main = spawnGroup('main', args, samples);
    if (typeof main === 'string') say(main, notes);
    else {
      for (const c of main.columns) add(c.name, c.js, c.torchlet, c.ms);
      for (const line of main.info) say(line, headerLines);
      if (typeof main.memory === 'string') say(main.memory, notes);
      else if (main.memory !== undefined) memoryRounds.push(main.memory);
    }
    if (withFma) {
      const fma = spawnGroup('fma', args, samples);
      if (typeof fma === 'string') say(fma, notes);
      else {
        for (const c of fma.columns) add(c.name, c.js, c.torchlet, c.ms);
        if (fma.peak !== undefined) fmaPeak = fmaPeak === undefined ? fma.peak : higherPeak(fmaPeak, fma.peak);
      }
    }
    if (withWebgpu) {
      const gpu = spawnGroup('webgpu', args, samples, gpuEnv);
      if (typeof gpu === 'string') say(gpu, notes);
      else if (typeof gpu.webgpu === 'string') {
        say(gpu.webgpu, notes); // no adapter: the later rounds skip the phase too
        withWebgpu = false;
      } else {
        for (const c of gpu.columns) add(c.name, c.js, c.torchlet, c.ms);
        for (const line of gpu.info) say(line, headerLines);
        gpuAdapter = gpu.webgpu;
      }
    }
    if (!args.includes('--no-torch')) {
      for (const threads of [1, 2]) {
        const t: TorchResult | string = runTorch(workloads, threads, { ...timing, samples });
        if (typeof t === 'string') {
          say(t, notes);
          break;
        }
        if (threads === 1) say(`PyTorch ${t.version} (${t.blas}) via ${process.env.TORCHLET_BENCH_PYTHON ?? '/usr/bin/python3.11'}`, notes);
        add(`pytorch-${threads}t`, false, false, Object.entries(t.results));
      }
    }
  }
  for (const line of headerLines) console.log(line);
  if (gpuAdapter !== undefined) {
    const env = gpuEnvSet.length > 0 ? ` (the child's environment: ${gpuEnvSet.join(', ')})` : '';
    console.log(`webgpu adapter (Dawn, npm webgpu, Vulkan): ${gpuAdapter.adapter}${env}`);
    if (gpuAdapter.software) console.log(`webgpu columns (${WEBGPU_COLUMNS.join(', ')}): ${SOFTWARE_LABEL}`);
    console.log(`webgpu timing: ${WEBGPU_WAIT_RULE}`);
  }
  const columns: Column[] = [...perRound]
    .sort((a, b) => ORDER.indexOf(a[0]) - ORDER.indexOf(b[0]))
    .map(([name, c]) => ({ name, js: c.js, torchlet: c.torchlet, ms: new Map([...c.ms].map(([w, v]) => [w, median(v)])) }));

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
  const peers = ['tfjs', 'jax-js'].filter((p) => columns.some((c) => c.js && c.name.startsWith(p)));
  console.log(`Ratios: time of the fastest JS peer (${peers.join(', ') || 'none'}) and of the best PyTorch, divided by torchlet's best time (> 1: torchlet is faster)`);
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
  if (columns.some((c) => c.name === 'torchlet-webgpu')) {
    console.log('');
    const what = gpuAdapter?.software === true ? `${SOFTWARE_LABEL.replace(': ', ' numbers: ')}` : `adapter: ${gpuAdapter?.adapter ?? '?'}`;
    console.log(`WebGPU ratios, ${what}: each webgpu peer's time divided by torchlet-webgpu's (> 1: torchlet is faster)`);
    printTable(['workload', 'torchlet-webgpu', 'tfjs-webgpu / torchlet', 'jax-js-webgpu / torchlet'], webgpuRatioRows(columns, workloads));
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
  if (memoryRounds.length > 0) notes.push(memoryModelNote(medianMemoryModel(memoryRounds), fmtMs));
  if (gpuAdapter !== undefined) notes.push(gpuPeakNote(columns, workloads, gpuAdapter.software));
  console.log('');
  for (const n of notes) console.log(`note: ${n}`);
  console.log(`finished in ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

/** The rows of the WebGPU ratio table: the workloads torchlet-webgpu has a time for. */
function webgpuRatioRows(columns: readonly Column[], workloads: readonly Workload[]): string[][] {
  const ms = (name: string, w: Workload): number => columns.find((c) => c.name === name)?.ms.get(w.name) ?? Infinity;
  return workloads
    .filter((w) => Number.isFinite(ms('torchlet-webgpu', w)))
    .map((w) => {
      const tl = ms('torchlet-webgpu', w);
      return [w.name, fmtMs(tl), ratio(ms('tfjs-webgpu', w), tl), ratio(ms('jax-js-webgpu', w), tl)];
    });
}

/**
 * The webgpu matmuls' fraction of the GPU's float32 peak, when TORCHLET_BENCH_GPU_PEAK_GFLOPS states
 * it (the bench cannot measure a GPU's peak); otherwise a note saying how to state it.
 */
function gpuPeakNote(columns: readonly Column[], workloads: readonly Workload[], software: boolean): string {
  const peak = Number(process.env.TORCHLET_BENCH_GPU_PEAK_GFLOPS);
  if (!(peak > 0)) {
    const sw = software ? ' (a software adapter has none: SwiftShader runs on the CPU)' : '';
    return `webgpu: the GPU's float32 peak is not known to the bench${sw}; TORCHLET_BENCH_GPU_PEAK_GFLOPS=<GFLOP/s> states it, and each webgpu matmul's fraction of it is printed`;
  }
  const parts: string[] = [];
  for (const w of workloads.filter((w) => w.flops !== undefined)) {
    for (const c of columns.filter((c) => WEBGPU_COLUMNS.includes(c.name))) {
      const ms = c.ms.get(w.name);
      if (ms !== undefined && w.flops !== undefined) parts.push(`${c.name} ${w.name} ${((w.flops / ms / 1e6 / peak) * 100).toFixed(1)}%`);
    }
  }
  return `webgpu matmuls as a fraction of the stated float32 peak (TORCHLET_BENCH_GPU_PEAK_GFLOPS=${peak}): ${parts.join('; ') || 'no matmul row in this run'}`;
}

/** The higher of two peak measurements (a failed one, a message, only when both failed). */
function higherPeak(a: number | string, b: number | string): number | string {
  if (typeof a === 'string') return b;
  if (typeof b === 'string') return a;
  return Math.max(a, b);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
