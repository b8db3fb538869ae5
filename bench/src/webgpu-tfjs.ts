// TensorFlow.js 4.22's webgpu backend (@tensorflow/tfjs-backend-webgpu, pinned to tfjs-core's
// version) on the workloads: the same tfjs programs as the cpu and wasm columns (src/tfjs.ts), and
// each timed call ends by submitting the backend's recorded commands (`submitQueue()`) and awaiting
// its device queue's `onSubmittedWorkDone()`, so the time covers the GPU's work. Import this module
// only after src/webgpu.ts set navigator.gpu: the backend registers itself at import time only if
// navigator.gpu exists.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { tfDenseStep, tfjsRunner, useTfBackend } from './tfjs.js';
import { webgpuWrites } from './webgpu-torchlet.js';
import type { AsyncRunner, Workload } from './workloads.js';

/** Select tfjs's webgpu backend (it requests its own adapter and device from navigator.gpu). */
export async function useTfWebgpu(): Promise<void> {
  await useTfBackend('webgpu');
}

/** Submit what tfjs recorded and wait until the GPU has run it. */
export async function tfGpuDone(): Promise<void> {
  const backend = tf.backend() as WebGPUBackend;
  // what tfjs's own read does first: close the open compute pass, submit (an empty encoder when
  // the call recorded nothing, e.g. an op it ran on the CPU)
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.submitQueue();
  await backend.queue.onSubmittedWorkDone();
}

/** The dense training step of `w` on tfjs-webgpu; `loss()` reads the batch's loss back. */
export function tfWebgpuTrainStep(w: Workload): { step(): Promise<void>; loss(): Promise<number>; dispose(): void } {
  const m = tfDenseStep(w);
  return {
    async step() {
      m.step();
      await tfGpuDone();
    },
    async loss() {
      const t = m.loss();
      try {
        return (await t.data())[0];
      } finally {
        t.dispose();
      }
    },
    dispose: () => m.dispose(),
  };
}

export function tfjsWebgpuRunner(): AsyncRunner {
  const inner = tfjsRunner('webgpu');
  return {
    name: 'tfjs-webgpu',
    async: true,
    supports: webgpuWrites,
    prepare(w: Workload): () => Promise<void> {
      const call = inner.prepare(w);
      return async () => {
        call();
        await tfGpuDone();
      };
    },
    release(): void {
      inner.release?.();
    },
  };
}
