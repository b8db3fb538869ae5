// torchlet on its WebGPU device (@torchlet/webgpu), written as a user writes it: inputs and the
// model moved with `.to('webgpu')` before timing, SGD and crossEntropy from @torchlet/losses, and
// each timed call ends with `await syncWebGPU()`, which submits what was recorded and waits until
// the GPU has run it (so the time is the GPU's work, not the recording). Each call gives back what
// it made, as the tfjs and jax-js runners dispose theirs and as the webgpu README tells GPU users:
// results with dispose(), a training step's intermediates by running it in scope(); buffers then
// return to the pool at once instead of when the garbage collector runs.
import { installAutograd } from '@torchlet/autograd';
import { crossEntropy } from '@torchlet/losses';
import { Linear, ReLU, Sequential, type TensorModule } from '@torchlet/nn-layers';
import { SGD } from '@torchlet/optim';
import * as core from '@torchlet/tensor-core';
import { initWebGPU, syncWebGPU, type WebGPUInfo } from '@torchlet/webgpu';
import { randomClasses, randomFloats, type AsyncRunner, type Workload } from './workloads.js';

/** Start torchlet's WebGPU device on `gpu` (Dawn's, made once by src/webgpu.ts). */
export async function useTorchletWebgpu(gpu: GPU): Promise<WebGPUInfo> {
  installAutograd();
  return initWebGPU({ gpu });
}

function f32(data: Float32Array, shape: number[]): core.Tensor {
  return core.tensor(data, { shape, dtype: 'float32' }).to('webgpu');
}

function classes(n: number, c: number, seed: number): core.Tensor {
  return core.tensor(Float64Array.from(randomClasses(n, c, seed)), { shape: [n], dtype: 'int64' }).to('webgpu');
}

/** A training step on the GPU: `step()` runs one and waits for it; `loss()` reads the current loss. */
export interface GpuTrainStep {
  step(): Promise<void>;
  loss(): Promise<number>;
}

/** The MLP (or the tutorial's Linear) training step of `w` on 'webgpu', with the seeds of src/torchlet.ts. */
export function torchletWebgpuTrainStep(w: Workload): GpuTrainStep {
  const d = w.dims;
  const mlp = w.kind === 'mlp';
  core.manualSeed(0);
  const model: TensorModule = mlp ? new Sequential(new Linear(d[1], d[2]), new ReLU(), new Linear(d[2], d[3])) : new Linear(d[1], d[2]);
  model.to('webgpu');
  const out = mlp ? d[3] : d[2];
  const x = f32(randomFloats(d[0] * d[1], mlp ? 5 : 7), [d[0], d[1]]);
  const y = classes(d[0], out, mlp ? 6 : 8);
  const opt = new SGD(model.parameters(), { lr: mlp ? 0.01 : 0.1 });
  return {
    async step() {
      core.scope(() => {
        opt.zeroGrad();
        const loss = crossEntropy(model.forward(x), y);
        loss.backward();
        opt.step();
      });
      await syncWebGPU();
    },
    loss: () => crossEntropy(model.forward(x), y).itemAsync(),
  };
}

/** The workloads written for the GPU runners: not the scoped rows (wasm memory) nor the sequence models. */
export function webgpuWrites(w: Workload): boolean {
  return !w.scoped && w.kind !== 'lstm' && w.kind !== 'transformer';
}

export function torchletWebgpuRunner(): AsyncRunner {
  return {
    name: 'torchlet-webgpu',
    async: true,
    supports: webgpuWrites,
    prepare(w: Workload): () => Promise<void> {
      const d = w.dims;
      switch (w.kind) {
        case 'matmul': {
          const a = f32(randomFloats(d[0] * d[1], 1), [d[0], d[1]]);
          const b = f32(randomFloats(d[1] * d[2], 2), [d[1], d[2]]);
          return async () => {
            core.dispose(core.matmul(a, b));
            await syncWebGPU();
          };
        }
        case 'ce': {
          const x = f32(randomFloats(d[0] * d[1], 3), [d[0], d[1]]).requiresGrad_();
          const y = classes(d[0], d[1], 4);
          return async () => {
            core.dispose(x.grad);
            x.grad = null;
            core.scope(() => crossEntropy(x, y).backward());
            await syncWebGPU();
          };
        }
        case 'mlp':
        case 'tutorial': {
          const s = torchletWebgpuTrainStep(w);
          return () => s.step();
        }
        case 'add': {
          const a = f32(randomFloats(d[0], 9), [d[0]]);
          const b = f32(randomFloats(d[0], 10), [d[0]]);
          return async () => {
            core.dispose(core.add(a, b));
            await syncWebGPU();
          };
        }
        case 'exp': {
          const a = f32(randomFloats(d[0], 11), [d[0]]);
          return async () => {
            core.dispose(core.exp(a));
            await syncWebGPU();
          };
        }
        case 'lstm':
        case 'transformer':
          throw new Error(`torchlet-webgpu: no ${w.kind} step is written for the bench`);
      }
    },
  };
}
