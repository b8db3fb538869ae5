// TensorFlow.js 4.22 peers: the pure-JS `cpu` backend and the `wasm` backend (SIMD; one thread
// under Node). The wasm backend's binaries ship inside its npm package: load them from there.
// (@tensorflow/tfjs-node cannot install on this machine: its install step downloads a prebuilt binary.)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { tfEncoderStep, tfLstmStep } from './sequence-tfjs.js';
import { randomClasses, randomFloats, type Runner, type Workload } from './workloads.js';

export const TFJS_NODE_NOTE =
  'tfjs-node: not measured (@tensorflow/tfjs-node cannot install here: its install script downloads a prebuilt libtensorflow binary)';

let wasmPathsSet = false;

/** Select a tfjs backend; `wasm` gets its .wasm files from node_modules. */
export async function useTfBackend(name: 'cpu' | 'wasm' | 'webgpu'): Promise<void> {
  if (name === 'wasm' && !wasmPathsSet) {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
    // a file path prefix (Node reads it with fs); the trailing separator matters
    setWasmPaths(join(dir, '/'));
    void pathToFileURL;
    wasmPathsSet = true;
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend ${name} failed to initialise`);
  await tf.ready();
}

/** A dense classifier's SGD step (the MLP, or the tutorial's Linear); `loss()` is the batch's loss as a tensor, without a step. */
export interface TfDenseStep {
  step(): void;
  loss(): tf.Scalar;
  dispose(): void;
}

/** The MLP (or tutorial) training step of `w`: dense layers as matMul + bias, softmax cross entropy, tf.train.sgd. */
export function tfDenseStep(w: Workload): TfDenseStep {
  const d = w.dims;
  const layers = w.kind === 'mlp' ? [d[1], d[2], d[3]] : [d[1], d[2]];
  const batch = d[0];
  const vars: tf.Variable[] = [];
  for (let l = 0; l + 1 < layers.length; l++) {
    const bound = 1 / Math.sqrt(layers[l]);
    vars.push(tf.variable(tf.randomUniform([layers[l], layers[l + 1]], -bound, bound)));
    vars.push(tf.variable(tf.randomUniform([layers[l + 1]], -bound, bound)));
  }
  const x = tf.tensor2d(randomFloats(batch * layers[0], 5), [batch, layers[0]]);
  const out = layers[layers.length - 1];
  const labels = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(randomClasses(batch, out, 6), 'int32'), out), 'float32'));
  const opt = tf.train.sgd(w.kind === 'mlp' ? 0.01 : 0.1);
  const forward = (): tf.Scalar => {
    let h: tf.Tensor = x;
    for (let l = 0; l < vars.length; l += 2) {
      h = tf.add(tf.matMul(h, vars[l]), vars[l + 1]);
      if (l + 2 < vars.length) h = tf.relu(h);
    }
    return tf.losses.softmaxCrossEntropy(labels, h) as tf.Scalar;
  };
  return {
    step: () => opt.minimize(forward, true)?.dispose(),
    loss: () => tf.tidy(forward),
    dispose: () => {
      opt.dispose();
      for (const t of [x, labels, ...vars]) t.dispose();
    },
  };
}

/** tfjs on the workloads; 'webgpu' is wrapped by src/webgpu-tfjs.ts, which waits for the GPU after each call. */
export function tfjsRunner(backend: 'cpu' | 'wasm' | 'webgpu'): Runner {
  let keep: tf.Tensor[] = [];
  let models: Array<{ dispose(): void }> = [];
  const hold = <T extends tf.Tensor>(t: T): T => {
    keep.push(t);
    return t;
  };
  return {
    name: `tfjs-${backend}`,
    prepare(w: Workload): () => void {
      if (tf.getBackend() !== backend) throw new Error(`call useTfBackend('${backend}') first`);
      const d = w.dims;
      switch (w.kind) {
        case 'matmul': {
          const a = hold(tf.tensor2d(randomFloats(d[0] * d[1], 1), [d[0], d[1]]));
          const b = hold(tf.tensor2d(randomFloats(d[1] * d[2], 2), [d[1], d[2]]));
          return () => tf.matMul(a, b).dispose();
        }
        case 'ce': {
          const x = hold(tf.tensor2d(randomFloats(d[0] * d[1], 3), [d[0], d[1]]));
          // tfjs takes one-hot labels: converted once, outside the timed call
          const labels = hold(tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(randomClasses(d[0], d[1], 4), 'int32'), d[1]), 'float32')));
          const f = tf.valueAndGrad((logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, logits) as tf.Tensor);
          return () => {
            const { value, grad } = f(x);
            value.dispose();
            grad.dispose();
          };
        }
        case 'mlp':
        case 'tutorial': {
          const m = tfDenseStep(w);
          models.push(m);
          return m.step;
        }
        case 'add': {
          const a = hold(tf.tensor1d(randomFloats(d[0], 9)));
          const b = hold(tf.tensor1d(randomFloats(d[0], 10)));
          return () => tf.add(a, b).dispose();
        }
        case 'exp': {
          const a = hold(tf.tensor1d(randomFloats(d[0], 11)));
          return () => tf.exp(a).dispose();
        }
        case 'lstm':
        case 'transformer': {
          const m = w.kind === 'lstm' ? tfLstmStep(w) : tfEncoderStep(w);
          models.push(m);
          return m.step;
        }
      }
    },
    release(): void {
      for (const t of keep) t.dispose();
      keep = [];
      for (const m of models) m.dispose();
      models = [];
    },
  };
}
