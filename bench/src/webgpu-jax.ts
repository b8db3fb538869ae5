// jax-js's webgpu device (@jax-js/jax: `init('webgpu')`, `defaultDevice('webgpu')`) on the
// workloads: the same jitted programs as the jax-js-wasm column (src/jax.ts, inputs made on the
// default device before timing). Each timed call awaits `blockUntilReady()` on its results, which
// dispatches jax-js's lazy kernels, and then the device queue's `onSubmittedWorkDone()`, so the time
// covers the GPU's work (the rule of the other webgpu columns). Import after src/webgpu.ts set navigator.gpu.
import { defaultDevice, getWebGPUDevice, init } from '@jax-js/jax';
import { jaxCase, jaxCaseRunner, type JaxCase } from './jax.js';
import { webgpuWrites } from './webgpu-torchlet.js';
import type { AsyncRunner, Workload } from './workloads.js';

let ready: Promise<void> | undefined;

/** Start jax-js's webgpu backend (once per process) and make it the default device. */
export async function useJaxWebgpu(): Promise<void> {
  ready ??= init('webgpu').then((devices) => {
    if (!devices.includes('webgpu')) throw new Error(`jax-js: no webgpu device (devices: ${devices.join(', ')})`);
  });
  await ready;
  defaultDevice('webgpu');
}

/** jax-js's program for `w` on its webgpu device; each call also waits for the device queue. */
export function jaxWebgpuCase(w: Workload): JaxCase {
  const c = jaxCase(w, 'webgpu');
  return {
    async call() {
      const out = await c.call();
      await getWebGPUDevice().queue.onSubmittedWorkDone();
      return out;
    },
    release: () => c.release(),
  };
}

export function jaxWebgpuRunner(): AsyncRunner {
  return jaxCaseRunner('jax-js-webgpu', webgpuWrites, jaxWebgpuCase);
}
