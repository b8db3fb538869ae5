// torchlet on the workloads: tensor-core's ops for matmul / add / exp, with autograd recording the
// graph, losses, optim and nn-layers for cross entropy and the training steps (what a user writes).
import { installAutograd } from '@torchlet/autograd';
import { crossEntropy } from '@torchlet/losses';
import { Linear, ReLU, Sequential, type TensorModule } from '@torchlet/nn-layers';
import { SGD } from '@torchlet/optim';
import * as core from '@torchlet/tensor-core';
import { EncoderClassifier, LstmClassifier } from './sequence-torchlet.js';
import { randomClasses, randomFloats, type Runner, type Workload } from './workloads.js';

function f32(data: Float32Array, shape: number[]): core.Tensor {
  return core.tensor(data, { shape, dtype: 'float32' });
}

function classes(n: number, c: number, seed: number): core.Tensor {
  return core.tensor(Float64Array.from(randomClasses(n, c, seed)), { shape: [n], dtype: 'int64' });
}

function trainStep(model: TensorModule, x: core.Tensor, y: core.Tensor, lr: number, scoped = false): () => void {
  const opt = new SGD(model.parameters(), { lr });
  const step = (): void => {
    opt.zeroGrad();
    const out = model.forward(x);
    const loss = crossEntropy(out, y);
    loss.backward();
    opt.step();
  };
  return scoped ? () => core.scope(step) : step;
}

/** `make()` inside a scope, kept: a scoped workload's inputs and model live in the backend's memory. */
function made<T>(scoped: boolean | undefined, make: () => T): T {
  return scoped ? core.scope(() => core.keep(make())) : make();
}

/** `call` inside its own scope when the workload is scoped (its result, not returned, is disposed at once). */
function each(scoped: boolean | undefined, call: () => unknown): () => void {
  return scoped
    ? () =>
        core.scope(() => {
          call();
        })
    : () => void call();
}

export function torchletRunner(name: string, before?: () => void): Runner {
  return {
    name,
    prepare(w: Workload): () => void {
      before?.();
      const d = w.dims;
      switch (w.kind) {
        case 'matmul': {
          const a = f32(randomFloats(d[0] * d[1], 1), [d[0], d[1]]);
          const b = f32(randomFloats(d[1] * d[2], 2), [d[1], d[2]]);
          return () => void core.matmul(a, b);
        }
        case 'ce': {
          installAutograd(); // no module or optimizer here to install it
          const x = f32(randomFloats(d[0] * d[1], 3), [d[0], d[1]]).requiresGrad_();
          const y = classes(d[0], d[1], 4);
          return () => {
            x.grad = null;
            crossEntropy(x, y).backward();
          };
        }
        case 'mlp': {
          core.manualSeed(0);
          const model = made(w.scoped, () => new Sequential(new Linear(d[1], d[2]), new ReLU(), new Linear(d[2], d[3])));
          const x = made(w.scoped, () => f32(randomFloats(d[0] * d[1], 5), [d[0], d[1]]));
          return trainStep(model, x, classes(d[0], d[3], 6), 0.01, w.scoped);
        }
        case 'tutorial': {
          core.manualSeed(0);
          const model = new Linear(d[1], d[2]);
          const x = f32(randomFloats(d[0] * d[1], 7), [d[0], d[1]]);
          return trainStep(model, x, classes(d[0], d[2], 8), 0.1);
        }
        case 'add': {
          const a = made(w.scoped, () => f32(randomFloats(d[0], 9), [d[0]]));
          const b = made(w.scoped, () => f32(randomFloats(d[0], 10), [d[0]]));
          return each(w.scoped, () => core.add(a, b));
        }
        case 'exp': {
          const a = made(w.scoped, () => f32(randomFloats(d[0], 11), [d[0]]));
          return each(w.scoped, () => core.exp(a));
        }
        case 'lstm': {
          core.manualSeed(0);
          const model = new LstmClassifier(d[2], d[3], d[4]);
          const x = f32(randomFloats(d[0] * d[1] * d[2], 12), [d[0], d[1], d[2]]);
          return trainStep(model, x, classes(d[0], d[4], 13), 0.01);
        }
        case 'transformer': {
          core.manualSeed(0);
          const model = new EncoderClassifier(d[2], d[3], d[4], d[5]);
          const x = f32(randomFloats(d[0] * d[1] * d[2], 14), [d[0], d[1], d[2]]);
          return trainStep(model, x, classes(d[0], d[5], 15), 0.01);
        }
      }
    },
  };
}
