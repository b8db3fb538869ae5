// The child process of memory.test.ts (not a test file): trains one workload for a warm-up, forces a
// GC and reads the resident set size, trains the measured steps, forces a GC and reads it again, and
// prints one `memory-result {json}` line. It runs in its own Node process (started with --expose-gc),
// so vitest's own allocations do not move the numbers; memory.test.ts bundles it from the packages'
// TypeScript sources (the "@torchlet/source" condition, as the rest of the suite resolves them).
//
// A workload builds a model and returns one training step; a memory model wraps that step: garbage-
// collected tensors (`gcModel`: the step runs as written), or `scopeModel`, every step inside
// torch.scope (its tensors disposed and their storage reused; on the wasm backend, storage in the
// kernels' memory, which the result also reports).
import { pathToFileURL } from 'node:url';
import { getBackend, wasmMemoryInfo } from '@torchlet/tensor-core';
import { nn, optim, torch } from 'torchlet';

/** One training step (zeroGrad, forward, loss, backward, step); returns the loss. */
export type Step = () => number;

/** How a step's tensors are released: the memory model under test wraps every step. */
export type MemoryModel = { name: string; wrap(step: Step): Step };

/** Garbage-collected tensors: nothing released by hand, the step runs as written. */
export const gcModel: MemoryModel = { name: 'gc', wrap: (step) => step };

/** Every step inside torch.scope: what it made and did not keep is disposed when it ends. */
export const scopeModel: MemoryModel = { name: 'scope', wrap: (step) => () => torch.scope(step) };

export interface Workload {
  name: string;
  /** Builds the model, data, loss and optimizer (from a fixed seed) and returns one training step. */
  setup(): Step;
}

/** The tutorial's model: Linear(3, 3), CrossEntropyLoss, SGD lr 0.01, a batch of 10. */
const tutorial: Workload = {
  name: 'tutorial: Linear(3, 3), CrossEntropyLoss, SGD lr 0.01, batch 10',
  setup() {
    torch.manualSeed(0);
    const inputs = torch.randn([10, 3]);
    const targets = torch.tensor([1, 0, 2, 1, 0, 2, 1, 0, 2, 1]);
    const model = new nn.Linear(3, 3);
    const criterion = new nn.CrossEntropyLoss();
    const optimizer = new optim.SGD(model.parameters(), { lr: 0.01 });
    return () => {
      optimizer.zeroGrad();
      const loss = criterion.forward(model.forward(inputs), targets);
      loss.backward();
      optimizer.step();
      return loss.item();
    };
  },
};

/** An MLP 64-32-10 with ReLU and Adam; a fresh random batch of 32 every step (as a data loader gives). */
const mlp: Workload = {
  name: 'MLP 64-32-10 (ReLU), CrossEntropyLoss, Adam, batch 32',
  setup() {
    torch.manualSeed(0);
    const model = new nn.Sequential(new nn.Linear(64, 32), new nn.ReLU(), new nn.Linear(32, 10));
    const criterion = new nn.CrossEntropyLoss();
    const optimizer = new optim.Adam(model.parameters(), { lr: 1e-3 });
    return () => {
      const inputs = torch.randn([32, 64]);
      const targets = torch.randint(0, 10, [32]);
      optimizer.zeroGrad();
      const loss = criterion.forward(model.forward(inputs), targets);
      loss.backward();
      optimizer.step();
      return loss.item();
    };
  },
};

export const workloads: Record<string, Workload> = { tutorial, mlp };

export interface MemoryResult {
  workload: string;
  memoryModel: string;
  backend: string;
  warmupSteps: number;
  steps: number;
  /** RSS in bytes after the warm-up and a forced GC, and after the measured steps and a forced GC. */
  rssWarm: number;
  rssEnd: number;
  /** V8 heap in use at the same two points (bytes), for diagnosis. */
  heapWarm: number;
  heapEnd: number;
  /** Bytes of the wasm kernels' memory lent out (scope storage, arenas) at the same two points. */
  wasmInUseWarm: number;
  wasmInUseEnd: number;
  /** Mean milliseconds per measured step. */
  stepMs: number;
  firstLoss: number;
  lastLoss: number;
}

/** A full collection: several passes, so objects freed by finalizers / weak callbacks go too. */
function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('memory-child: run node with --expose-gc');
  for (let i = 0; i < 4; i++) gc();
}

export function measure(workload: Workload, model: MemoryModel, warmupSteps: number, steps: number): MemoryResult {
  const step = model.wrap(workload.setup());
  const firstLoss = step();
  for (let i = 1; i < warmupSteps; i++) step();
  collect();
  const warm = process.memoryUsage();
  const wasmWarm = wasmMemoryInfo().bytesInUse;
  let lastLoss = firstLoss;
  const start = performance.now();
  for (let i = 0; i < steps; i++) lastLoss = step();
  const stepMs = (performance.now() - start) / steps;
  collect();
  const end = process.memoryUsage();
  const wasmEnd = wasmMemoryInfo().bytesInUse;
  return {
    workload: workload.name,
    memoryModel: model.name,
    backend: getBackend().name,
    warmupSteps,
    steps,
    rssWarm: warm.rss,
    rssEnd: end.rss,
    heapWarm: warm.heapUsed,
    heapEnd: end.heapUsed,
    wasmInUseWarm: wasmWarm,
    wasmInUseEnd: wasmEnd,
    stepMs,
    firstLoss,
    lastLoss,
  };
}

/** The memory models a run can name. */
export const memoryModels: Record<string, MemoryModel> = { gc: gcModel, scope: scopeModel };

/**
 * Entry point: `node --expose-gc memory-child.mjs <workload> <memory model> <warm-up steps> <steps>`;
 * prints `memory-result {json}` (a MemoryResult).
 */
export function main(args: string[]): void {
  const [workloadName, modelName, warmup, steps] = args;
  if (!(Number(warmup) >= 1 && Number(steps) >= 1)) throw new Error(`memory-child: expected step counts >= 1, got '${warmup}', '${steps}'`);
  const workload = workloads[workloadName];
  const model = memoryModels[modelName];
  if (workload === undefined) throw new Error(`memory-child: unknown workload '${workloadName}'`);
  if (model === undefined) throw new Error(`memory-child: unknown memory model '${modelName}'`);
  console.log(`memory-result ${JSON.stringify(measure(workload, model, Number(warmup), Number(steps)))}`);
}

// Run as a script (the bundle memory.test.ts builds), not when imported.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
