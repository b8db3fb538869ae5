import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli, tempDir } from './helpers.js';

/** Spawns the built CLI; `signalAt` decides when (and with which signal) to stop it. */
function spawnCli(args: readonly string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** mulberry32: a small seeded generator, so the chaos test kills at the same moments every time. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = ['--epochs', '150', '--seed', '7', '--optimizer', 'sgd', '--momentum', '0.9', '--scheduler', 'cosine', '--quiet'];

describe('SIGINT and SIGTERM', () => {
  // Long enough (1,000 epochs) that the signal lands mid-run on a loaded machine too; one uninterrupted run for both tests.
  const args = [...COMMON, '--epochs', '1000'];
  const out = tempDir('signal');
  let fullRun: ReturnType<typeof runCli> | undefined;
  for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} mid-run saves a checkpoint, says how to resume, exits ${exitCode}; --resume ends byte-identical`, async () => {
      fullRun ??= runCli([...args, '--out', out, '--name', 'full']);
      const full = await fullRun;
      expect(full.status).toBe(0);

      // The default checkpoint interval (2 s) means the work since epoch 0 is only in memory when the signal comes.
      const dir = join(out, `stopped-${signal}`);
      const run = spawnCli([...args, '--out', out, '--name', `stopped-${signal}`], { TORCHLET_CHECKPOINT_SECONDS: '2' });
      for (let i = 0; i < 1000 && !existsSync(join(dir, 'checkpoint.safetensors')); i++) await sleep(10);
      await sleep(200);
      expect(run.child.exitCode).toBeNull();
      run.child.kill(signal);
      const { code } = await run.exited;
      expect(code).toBe(exitCode);
      const lines = run.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      const m = /^interrupted by (SIG\w+): saved the checkpoint after epoch (\d+); continue with: torchlet-train --resume (.+)$/.exec(lines[0]);
      expect(m).not.toBeNull();
      expect(m![1]).toBe(signal);
      expect(m![3]).toBe(dir);
      const epochs = Number(m![2]);
      expect(epochs).toBeGreaterThan(0);
      expect(epochs).toBeLessThan(1000);
      // The folder is consistent: metrics.csv and steps.csv hold exactly the checkpointed epochs.
      expect(readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n')).toHaveLength(epochs + 1);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

      const resumed = await runCli(['--resume', dir, '--quiet']);
      expect(resumed.stderr).toBe('');
      expect(resumed.status).toBe(0);
      expect(readFileSync(join(dir, 'model.safetensors')).equals(readFileSync(join(out, 'full', 'model.safetensors')))).toBe(true);
      expect(readFileSync(join(dir, 'steps.csv'), 'utf8')).toBe(readFileSync(join(out, 'full', 'steps.csv'), 'utf8'));
    });
  }
});

describe('trainer chaos test', () => {
  it('SIGKILL at 8 seeded random moments, then --resume (or a restart): the final model is byte-identical', async () => {
    const out = tempDir('chaos');
    const env = { TORCHLET_CHECKPOINT_SECONDS: '0' };
    const args = [...COMMON, '--epochs', '300'];
    // The uninterrupted run, timed: start-up (until its first checkpoint) and the whole run.
    const t0 = performance.now();
    const full = spawnCli([...args, '--out', out, '--name', 'full'], env);
    while (full.child.exitCode === null && !existsSync(join(out, 'full', 'checkpoint.safetensors'))) await sleep(5);
    const startMs = performance.now() - t0;
    expect((await full.exited).code, full.output()).toBe(0);
    const trainMs = performance.now() - t0 - startMs;

    const dir = join(out, 'chaos');
    const fresh = [...args, '--out', out, '--name', 'chaos'];
    // Resume where config.json exists (also before the first checkpoint); otherwise the same command starts it again.
    const nextArgs = (): string[] => (existsSync(join(dir, 'config.json')) ? ['--resume', dir, '--quiet'] : fresh);
    const random = rng(16);
    let kills = 0;
    const left: string[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const run = spawnCli(nextArgs(), env);
      // The first two kills land in start-up (while config.json, init.safetensors and the first
      // checkpoint are written), the rest at seeded moments of training; the training time of all
      // 8 adds up to less than one whole run, so every attempt is killed before it ends.
      const r = random();
      if (attempt === 0) {
        // As soon as the run folder appears: while config.json / init.safetensors / the first checkpoint are written.
        while (run.child.exitCode === null && !existsSync(dir)) await sleep(1);
      } else if (attempt === 1) {
        while (run.child.exitCode === null && !existsSync(join(dir, 'config.json'))) await sleep(1);
      } else {
        await sleep(startMs + r * 0.12 * trainMs);
      }
      if (run.child.exitCode === null) {
        run.child.kill('SIGKILL');
        kills++;
      }
      const { code, signal } = await run.exited;
      if (signal === null) expect(code, run.output()).toBe(0);
      const rows = existsSync(join(dir, 'metrics.csv')) ? readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n').length - 1 : -1;
      left.push(!existsSync(join(dir, 'config.json')) ? 'no config' : !existsSync(join(dir, 'checkpoint.safetensors')) ? 'no checkpoint' : `epoch ${rows}`);
    }
    expect(kills).toBe(8);
    // The kills landed both while starting and mid-training (the seeded moments make this stable).
    if (process.env.CHAOS_DEBUG) console.log(left.join(', '));
    expect(left.some((s) => /^epoch ([1-9]\d*)$/.test(s) && Number(s.slice(6)) < 300), left.join(', ')).toBe(true);
    const last = await runCli(nextArgs(), env);
    expect(last.stderr).toBe('');
    expect(last.status).toBe(0);
    expect(readFileSync(join(dir, 'model.safetensors')).equals(readFileSync(join(out, 'full', 'model.safetensors')))).toBe(true);
    expect(readFileSync(join(dir, 'steps.csv'), 'utf8')).toBe(readFileSync(join(out, 'full', 'steps.csv'), 'utf8'));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a folder killed before its config.json was written is reused by the same command, and --resume says so', async () => {
    const out = tempDir('unstarted');
    const dir = join(out, 'r');
    // What a kill during the config.json write leaves: the folder and a temporary file.
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(join(dir, '.config.json.123.0.tmp'), '{"conf');
    const resume = await runCli(['--resume', dir, '--quiet']);
    expect(resume.status).toBe(2);
    expect(resume.stderr).toMatch(/stopped before its config\.json was written: start it again with the same command/);
    const restart = await runCli(['--epochs', '3', '--out', out, '--name', 'r', '--quiet']);
    expect(restart.stderr).toBe('');
    expect(restart.status).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // A finished run folder is still refused.
    const again = await runCli(['--epochs', '3', '--out', out, '--name', 'r', '--quiet']);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });
});
