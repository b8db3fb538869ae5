// A long training loop holds flat memory: each workload of memory-child.ts trains 1,000 warm-up
// steps, then 10,000 more, in a child Node process, and the resident set size after the second
// forced GC must be within 10% of the one after the first. Runs once per backend (the conformance
// projects set TORCHLET_BACKEND, which the child inherits) and once per memory model (garbage-
// collected tensors, and every step inside torch.scope, where the wasm kernels' memory lent out must
// not grow at all).
//
// The child runs from a bundle of memory-child.ts and the packages' TypeScript sources, built here
// with vite (the "@torchlet/source" condition, as the suite resolves them), so it needs no built
// dist and carries neither vitest nor vite: its RSS is the loop's own (about 60-100 MB).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, defaultServerConditions } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryModels, workloads, type MemoryResult } from './memory-child.ts';

const WARMUP_STEPS = 1_000;
const STEPS = 10_000;
/** Largest allowed RSS growth over the measured steps, as a fraction of the RSS after warm-up. */
const MAX_GROWTH = 0.1;

// V8 grows its young generation (two semi-spaces) as the allocation rate stays high: on the MLP
// workload from 2 x 4 MB to 2 x 32 MB between steps 2,500 and 7,500, which is +40 MB of RSS with the
// live heap flat at 6 MB. That is heap sizing, not a leak, so the child starts with the young
// generation at its usual maximum (16 MB semi-spaces) and keeps it there; what still grows is
// retained memory (old space, array buffers, wasm memory, native allocations).
const NODE_FLAGS = ['--expose-gc', '--min-semi-space-size=16', '--max-semi-space-size=16'];

const run = promisify(execFile);
const SOURCE_CONDITION = '@torchlet/source';
const childSource = join(import.meta.dirname, 'memory-child.ts');
let outDir = '';
let childScript = '';

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'torchlet-memory-'));
  await build({
    configFile: false,
    envDir: false,
    logLevel: 'error',
    root: join(import.meta.dirname, '../..'),
    resolve: { conditions: [SOURCE_CONDITION] },
    ssr: { noExternal: true, resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
    build: {
      ssr: childSource,
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      minify: false,
      sourcemap: false,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'memory-child.mjs' } },
    },
  });
  childScript = join(outDir, 'memory-child.mjs');
}, 60_000);

afterAll(async () => {
  if (outDir !== '') await rm(outDir, { recursive: true, force: true });
});

const CHILD_TIMEOUT_MS = 300_000;

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function measureInChild(workload: string, memoryModel: string): Promise<MemoryResult> {
  const args = [...NODE_FLAGS, childScript, workload, memoryModel, String(WARMUP_STEPS), String(STEPS)];
  // a memory check, not a timed one: under the parallel test run (the webgpu project's software
  // driver on every core) 11,000 MLP steps on the reference backend take minutes
  const { stdout } = await run(process.execPath, args, { env: process.env, timeout: CHILD_TIMEOUT_MS, maxBuffer: 1 << 20 });
  const line = stdout.split('\n').find((l) => l.startsWith('memory-result '));
  if (line === undefined) throw new Error(`memory-child printed no result:\n${stdout}`);
  return JSON.parse(line.slice('memory-result '.length)) as MemoryResult;
}

describe(`a ${STEPS.toLocaleString('en')}-step training loop holds flat memory (RSS within ${MAX_GROWTH * 100}% after ${WARMUP_STEPS.toLocaleString('en')} warm-up steps)`, () => {
  const cases = Object.keys(memoryModels).flatMap((model) => Object.keys(workloads).map((workload) => [workload, model] as const));

  it.each(cases)('%s, memory model %s', { timeout: CHILD_TIMEOUT_MS + 10_000 }, async (workload, memoryModel) => {
    const r = await measureInChild(workload, memoryModel);
    const growth = (r.rssEnd - r.rssWarm) / r.rssWarm;
    console.log(
      `memory [${r.backend}, ${r.memoryModel}] ${r.workload}:\n` +
        `  RSS ${mb(r.rssWarm)} after ${r.warmupSteps} warm-up steps, ${mb(r.rssEnd)} after ${r.steps} more ` +
        `(${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%); V8 heap used ${mb(r.heapWarm)} -> ${mb(r.heapEnd)}; ` +
        `${(r.stepMs * 1000).toFixed(0)} us/step; loss ${r.firstLoss.toFixed(4)} -> ${r.lastLoss.toFixed(4)}; ` +
        `wasm memory lent ${mb(r.wasmInUseWarm)} -> ${mb(r.wasmInUseEnd)}`,
    );
    expect(r.wasmInUseEnd, 'wasm memory lent out (scope storage) does not grow').toBeLessThanOrEqual(r.wasmInUseWarm);
    expect(r.backend, 'the child ran on the backend under test').toBe(process.env.TORCHLET_BACKEND ?? 'cpu');
    expect(Number.isFinite(r.lastLoss), 'the loss stays finite').toBe(true);
    expect(
      growth,
      `RSS grew from ${mb(r.rssWarm)} to ${mb(r.rssEnd)} over ${r.steps} steps (V8 heap used ${mb(r.heapWarm)} -> ${mb(r.heapEnd)})`,
    ).toBeLessThan(MAX_GROWTH);
  });
});
