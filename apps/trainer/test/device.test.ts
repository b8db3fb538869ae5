// --device webgpu: the same run as on the CPU (same seed: the weights are initialised on the CPU and
// moved), trained with the WGSL kernels. Without a GPU, Dawn runs on Chromium's SwiftShader (which
// .ci/run installs); where neither is there, the tests skip with the reason.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSafetensors, runCli, tempDir } from './helpers.js';

const VULKAN = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1', '/usr/lib/chromium/libvulkan.so.1'].some(existsSync);
if (!VULKAN) console.warn('[trainer] --device webgpu tests skipped: no Vulkan loader (apt install chromium, or libvulkan1 with a GPU driver)');

/** Per-step training losses of a run folder (steps.csv). */
function stepLosses(dir: string): number[] {
  return readFileSync(join(dir, 'steps.csv'), 'utf8').trim().split('\n').slice(1).map((line) => Number(line.split(',')[1]));
}

function report(dir: string): { accuracy: number; finished: boolean } {
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { accuracy: number; finished: boolean };
}

/** float32 weights of a safetensors file, by name. */
function weights(path: string): Map<string, Float32Array> {
  const { header, data } = readSafetensors(path);
  const out = new Map<string, Float32Array>();
  for (const [name, h] of Object.entries(header)) {
    const bytes = data.subarray(h.data_offsets[0], h.data_offsets[1]);
    out.set(name, new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
  }
  return out;
}

/** |a - b| <= rtol |b| + atol elementwise. */
function close(a: ArrayLike<number>, b: ArrayLike<number>, rtol: number, atol: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i] - b[i]) <= rtol * Math.abs(b[i]) + atol)) return false;
  return true;
}

describe.skipIf(!VULKAN)('--device webgpu', () => {
  it('trains digits with the mlp as on the CPU: per-step losses, weights and accuracy', async () => {
    const out = tempDir('device');
    const args = ['--dataset', 'digits', '--model', 'mlp', '--epochs', '2', '--out', out, '--quiet'];
    const cpu = await runCli([...args, '--name', 'cpu']);
    const gpu = await runCli([...args, '--name', 'gpu', '--device', 'webgpu']);
    expect(cpu.status, cpu.stderr).toBe(0);
    expect(gpu.status, gpu.stderr).toBe(0);
    const [lc, lg] = [stepLosses(join(out, 'cpu')), stepLosses(join(out, 'gpu'))];
    expect(lg).toHaveLength(lc.length);
    // float32 on both; the CPU accumulates in doubles, the GPU in float32 (compensated sums): the
    // differences grow over the 50 steps, hence 1e-4 rather than 1e-5
    expect(close(lg, lc, 1e-4, 1e-6), `losses ${lg.slice(0, 3).join(', ')} vs ${lc.slice(0, 3).join(', ')}`).toBe(true);
    const [wc, wg] = [weights(join(out, 'cpu', 'model.safetensors')), weights(join(out, 'gpu', 'model.safetensors'))];
    expect([...wg.keys()]).toEqual([...wc.keys()]);
    // Adam divides by sqrt(v): a first-layer weight of a border pixel (almost always 0) gets a
    // gradient near rounding noise, and its update of about lr * sign(noise) differs between the
    // devices, so the weights are compared within a few updates of 1e-2 * 1e-3, not to float32 rounding
    for (const [name, w] of wc) expect(close(wg.get(name) as Float32Array, w, 1e-3, 1e-4), name).toBe(true);
    expect(report(join(out, 'gpu')).accuracy).toBe(report(join(out, 'cpu')).accuracy);
  });

  it('holds the same GPU memory after 1 and 2 epochs: every step gives its buffers back', async () => {
    const out = tempDir('device-memory');
    const memory = async (epochs: number) => {
      const run = await runCli(['--dataset', 'digits', '--model', 'mlp', '--epochs', String(epochs), '--out', out, '--name', `e${epochs}`, '--device', 'webgpu']);
      expect(run.status, run.stderr).toBe(0);
      const m = /webgpu memory: ([\d.]+) KiB held by tensors, ([\d.]+) KiB pooled; (\d+) buffers created/.exec(run.stdout);
      expect(m, run.stdout.slice(-500)).not.toBeNull();
      const [, held, pooled, created] = (m as RegExpExecArray).map(Number);
      return { held, reserved: held + pooled, created };
    };
    const one = await memory(1);
    const two = await memory(2);
    // steps reuse the pool's buffers: no more are made, and none is left for the garbage collector
    expect(two).toEqual(one);
  });

  it('a run stopped on the CPU resumes on webgpu (optimizer state moved to the GPU)', async () => {
    const out = tempDir('device-resume');
    const base = ['--epochs', '6', '--optimizer', 'adam', '--out', out, '--quiet'];
    const whole = await runCli([...base, '--name', 'whole']);
    const part = await runCli([...base, '--name', 'part', '--stop-after', '3']);
    expect(whole.status, whole.stderr).toBe(0);
    expect(part.status, part.stderr).toBe(0);
    const resumed = await runCli(['--resume', join(out, 'part'), '--device', 'webgpu', '--quiet']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(report(join(out, 'part')).finished).toBe(true);
    expect(close(stepLosses(join(out, 'part')), stepLosses(join(out, 'whole')), 1e-4, 1e-6)).toBe(true);
  });
});
