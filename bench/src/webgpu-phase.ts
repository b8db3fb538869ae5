// The webgpu phase, run in a child process of its own (`--child=webgpu`): Dawn's GPU object is made
// once, then torchlet's WebGPU device, TensorFlow.js's webgpu backend and jax-js's webgpu device
// each request an adapter and a device from it. The peers' webgpu code is imported only after
// navigator.gpu is set. Each runner's timed call waits until the GPU has run its work.
import { dawnGpu, probeAdapter } from './webgpu.js';
import type { AsyncRunner } from './workloads.js';

export interface WebgpuRunner {
  runner: AsyncRunner;
  /** Called before each of the runner's cells: makes its backend the current one. */
  setup?: () => Promise<void>;
}

export interface WebgpuPhase {
  /** The adapter, as its info describes it. */
  adapter: string;
  software: boolean;
  runners: WebgpuRunner[];
  /** Header lines: the peers that could not start, and why. */
  info: string[];
}

/** How a webgpu call is waited for, for the header and the README. */
export const WEBGPU_WAIT_RULE =
  "each timed call ends when its GPU work has run: torchlet `await syncWebGPU()`, tfjs `submitQueue()` then `await queue.onSubmittedWorkDone()`, jax-js `await blockUntilReady(results)` then `await queue.onSubmittedWorkDone()`; inputs and models are on the GPU before timing";

/** The runners of the webgpu phase, or why there are none (no adapter). `args`: --no-tfjs / --no-jax drop those peers. */
export async function webgpuPhase(args: readonly string[]): Promise<WebgpuPhase | string> {
  const adapter = await probeAdapter();
  if (typeof adapter === 'string') return `webgpu: skipped (${adapter})`;
  const gpu = await dawnGpu();
  const runners: WebgpuRunner[] = [];
  const info: string[] = [];
  let software = adapter.software;
  try {
    const t = await import('./webgpu-torchlet.js');
    const got = await t.useTorchletWebgpu(gpu);
    software ||= got.software;
    runners.push({ runner: t.torchletWebgpuRunner() });
  } catch (e) {
    info.push(`torchlet-webgpu: skipped (${(e as Error).message})`);
  }
  if (!args.includes('--no-tfjs')) {
    try {
      const t = await import('./webgpu-tfjs.js');
      await t.useTfWebgpu();
      runners.push({ runner: t.tfjsWebgpuRunner(), setup: t.useTfWebgpu });
    } catch (e) {
      info.push(`tfjs-webgpu: skipped (${(e as Error).message})`);
    }
  }
  if (!args.includes('--no-jax')) {
    try {
      const j = await import('./webgpu-jax.js');
      await j.useJaxWebgpu();
      runners.push({ runner: j.jaxWebgpuRunner(), setup: j.useJaxWebgpu });
    } catch (e) {
      info.push(`jax-js-webgpu: skipped (${(e as Error).message})`);
    }
  }
  return { adapter: adapter.line, software, runners, info };
}
