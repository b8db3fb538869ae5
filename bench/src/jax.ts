// The jax-js peer (npm @jax-js/jax): its wasm backend, written the way its README writes jax-js.
// - Arrays are reference counted: every function takes ownership of its array arguments, so a
//   runner passes `a.ref` for what it keeps and disposes what it gets back.
// - Work is lazy: an op or a jitted call only records kernels; `blockUntilReady()` dispatches them
//   and waits. Every timed call awaits it on its results, so the time is the work's, not the
//   recording's; the timed function is async, timed by timeAsync (src/timing.ts).
// - The training steps and cross entropy are one `jit` each over `valueAndGrad`, with a hand-written
//   SGD update inside the jitted step (@jax-js/optax is not on the npm registry). The single ops
//   (matmul, add, exp) are jitted too, as JAX code that is timed is written: in a probe here the
//   eager calls took as long or longer (matmul 256^3: about 15% longer).
// The backend's worker pool needs a global `Worker` (browsers), which Node 20 does not have: under
// Node jax-js runs its wasm kernels on the calling thread, like tfjs-wasm.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { blockUntilReady, defaultDevice, init, jit, nn, numpy as np, tree, valueAndGrad, type OwnedFunction } from '@jax-js/jax';
import { randomClasses, randomFloats, type AsyncRunner, type Workload } from './workloads.js';

let ready: Promise<void> | undefined;

/** Start jax-js's wasm backend (once per process) and make it the default device. */
export async function useJaxWasm(): Promise<void> {
  ready ??= init('wasm').then((devices) => {
    if (!devices.includes('wasm')) throw new Error(`jax-js: no wasm backend (devices: ${devices.join(', ')})`);
  });
  await ready;
  defaultDevice('wasm');
}

/** The installed @jax-js/jax version (its package.json, next to dist/). */
export function jaxVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve('@jax-js/jax');
    return (JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

/**
 * The header line: what the jax-js column is. `relaxed`: V8's relaxed SIMD is on in this process, and
 * jax-js's matmul kernels then use its fused multiply-add (jax-js probes for it with WebAssembly.validate).
 */
export function jaxInfo(relaxed: boolean): string {
  const threads = typeof (globalThis as { Worker?: unknown }).Worker === 'undefined' ? 'one thread (its worker pool needs a global Worker, which Node lacks)' : 'with its worker pool';
  const fma = relaxed ? 'relaxed SIMD on (its matmul kernels use fused multiply-add)' : 'relaxed SIMD off';
  return `jax-js ${jaxVersion()} (@jax-js/jax): wasm backend, ${threads}, ${fma}; every workload jitted (the training steps and cross entropy: jit over valueAndGrad, SGD written by hand); each call awaits blockUntilReady()`;
}

type Params = np.Array[];

/** Initial parameters of a stack of dense layers, [w0 (in x out, row major), b0, w1, b1, ...]: uniform in +-1/sqrt(in), as PyTorch's Linear. */
export function mlpInit(layers: readonly number[], seed: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let l = 0; l + 1 < layers.length; l++) {
    const bound = 1 / Math.sqrt(layers[l]);
    for (const [n, s] of [[layers[l] * layers[l + 1], seed + 2 * l], [layers[l + 1], seed + 2 * l + 1]]) {
      const p = randomFloats(n, s);
      for (let i = 0; i < n; i++) p[i] *= bound;
      out.push(p);
    }
  }
  return out;
}

/** Mean softmax cross entropy of `logits` (rows) against integer class labels (int32). */
function crossEntropy(logits: np.Array, labels: np.Array, classes: number): np.Array {
  return nn.logSoftmax(logits).mul(nn.oneHot(labels, classes)).sum(-1).mean().neg();
}

function forward(params: Params, x: np.Array): np.Array {
  let h = x;
  for (let l = 0; l < params.length; l += 2) {
    h = np.matmul(h, params[l]).add(params[l + 1]);
    if (l + 2 < params.length) h = nn.relu(h);
  }
  return h;
}

/** The jitted training step: (params, x, labels) -> [loss, params after one SGD step]. Takes ownership of its arguments. */
export function makeTrainStep(classes: number, lr: number): OwnedFunction<(params: Params, x: np.Array, labels: np.Array) => [np.Array, Params]> {
  const loss = (params: Params, x: np.Array, labels: np.Array): np.Array => crossEntropy(forward(params, x), labels, classes);
  return jit((params: Params, x: np.Array, labels: np.Array): [np.Array, Params] => {
    const [value, grads] = valueAndGrad(loss)(tree.ref(params), x, labels);
    return [value, params.map((p, i) => p.sub(grads[i].mul(lr)))];
  });
}

/** The jitted cross entropy with its gradient: (logits, labels) -> [loss, d loss / d logits]. Takes ownership of its arguments. */
export function makeCrossEntropyGrad(classes: number): OwnedFunction<(logits: np.Array, labels: np.Array) => [np.Array, np.Array]> {
  return jit(valueAndGrad((logits: np.Array, labels: np.Array) => crossEntropy(logits, labels, classes)));
}

function f32(data: Float32Array, shape: number[]): np.Array {
  return np.array(data, { shape, dtype: np.float32 });
}

function labels(n: number, classes: number, seed: number): np.Array {
  return np.array(randomClasses(n, classes, seed), { shape: [n], dtype: np.int32 });
}

/** One workload's jax-js program: `call()` runs one iteration and waits for it (blockUntilReady). */
export interface JaxCase {
  /** The call's results, computed (the caller disposes them): matmul / add / exp: [out]; cross entropy: [loss, grad];
   * training steps: [loss, ...parameters after the step] (the parameters stay the case's state). */
  call(): Promise<np.Array[]>;
  /** Dispose the inputs, the parameters and the jitted function. */
  release(): void;
}

/**
 * jax-js's program for `w` on `device` (call useJaxWasm() or useJaxWebgpu() first; arrays go to the default device), on the same inputs as the other runners (the
 * seeds of src/torchlet.ts and src/tfjs.ts); the parameters of the training steps come from mlpInit.
 */
export function jaxCase(w: Workload, device: 'wasm' | 'webgpu' = 'wasm'): JaxCase {
  if (defaultDevice() !== device) throw new Error(device === 'wasm' ? 'call useJaxWasm() first' : 'call useJaxWebgpu() first');
  const held: Array<{ dispose(): void }> = [];
  const own = <T extends { dispose(): void }>(a: T): T => {
    held.push(a);
    return a;
  };
  const release = (): void => {
    for (const a of held.splice(0)) a.dispose();
  };
  const d = w.dims;
  switch (w.kind) {
    case 'matmul': {
      const a = own(f32(randomFloats(d[0] * d[1], 1), [d[0], d[1]]));
      const b = own(f32(randomFloats(d[1] * d[2], 2), [d[1], d[2]]));
      const mm = own(jit((x: np.Array, y: np.Array) => np.matmul(x, y)));
      return { call: async () => [await mm(a.ref, b.ref).blockUntilReady()], release };
    }
    case 'ce': {
      const x = own(f32(randomFloats(d[0] * d[1], 3), [d[0], d[1]]));
      const y = own(labels(d[0], d[1], 4));
      const f = own(makeCrossEntropyGrad(d[1]));
      return { call: async () => blockUntilReady(f(x.ref, y.ref)), release };
    }
    case 'mlp':
    case 'tutorial': {
      const layers = w.kind === 'mlp' ? [d[1], d[2], d[3]] : [d[1], d[2]];
      const classes = layers[layers.length - 1];
      const seeds = w.kind === 'mlp' ? [5, 6] : [7, 8];
      const x = own(f32(randomFloats(d[0] * layers[0], seeds[0]), [d[0], layers[0]]));
      const y = own(labels(d[0], classes, seeds[1]));
      let params: Params = mlpInit(layers, 100).map((p, i) => f32(p, i % 2 === 0 ? [layers[i / 2], layers[i / 2 + 1]] : [p.length]));
      const step = own(makeTrainStep(classes, w.kind === 'mlp' ? 0.01 : 0.1));
      own({ dispose: () => tree.dispose(params) });
      return {
        async call() {
          const [loss, next] = step(params, x.ref, y.ref); // the parameters are handed over; the updated ones come back
          params = next;
          await blockUntilReady([loss, next]);
          return [loss, ...next.map((p) => p.ref)];
        },
        release,
      };
    }
    case 'add': {
      const a = own(f32(randomFloats(d[0], 9), [d[0]]));
      const b = own(f32(randomFloats(d[0], 10), [d[0]]));
      const add = own(jit((x: np.Array, y: np.Array) => np.add(x, y)));
      return { call: async () => [await add(a.ref, b.ref).blockUntilReady()], release };
    }
    case 'exp': {
      const a = own(f32(randomFloats(d[0], 11), [d[0]]));
      const exp = own(jit((x: np.Array) => np.exp(x)));
      return { call: async () => [await exp(a.ref).blockUntilReady()], release };
    }
    case 'lstm':
    case 'transformer':
      throw new Error(`jax-js: no ${w.kind} training step is written for it`);
  }
}

/** The workloads jax-js has a program for (not the LSTM and transformer steps). */
export function jaxWrites(w: Workload): boolean {
  return w.kind !== 'lstm' && w.kind !== 'transformer';
}

/** jax-js on the workloads (call useJaxWasm() first): each timed call runs one iteration, waits for it and disposes its results. */
export function jaxRunner(): AsyncRunner {
  return jaxCaseRunner('jax-js-wasm', jaxWrites, (w) => jaxCase(w));
}

/** A runner over the cases `makeCase` prepares: each timed call runs one, awaits it and disposes its results. */
export function jaxCaseRunner(name: string, supports: (w: Workload) => boolean, makeCase: (w: Workload) => JaxCase): AsyncRunner {
  let current: JaxCase | undefined;
  return {
    name,
    async: true,
    supports,
    prepare(w: Workload): () => Promise<void> {
      const c = makeCase(w);
      current = c;
      return async () => {
        for (const a of await c.call()) a.dispose();
      };
    },
    release(): void {
      current?.release();
      current = undefined;
    },
  };
}
