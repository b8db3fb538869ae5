import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, expectConsistentRunFolder, runCli, tempDir } from './helpers.js';

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
      // The folder is consistent: the checkpoint, model.safetensors, metrics.csv and steps.csv are all of that epoch.
      expect(expectConsistentRunFolder(dir)).toBe(epochs);
      expect(readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n')).toHaveLength(epochs + 1);

      const resumed = await runCli(['--resume', dir, '--quiet']);
      expect(resumed.stderr).toBe('');
      expect(resumed.status).toBe(0);
      expect(readFileSync(join(dir, 'model.safetensors')).equals(readFileSync(join(out, 'full', 'model.safetensors')))).toBe(true);
      expect(readFileSync(join(dir, 'steps.csv'), 'utf8')).toBe(readFileSync(join(out, 'full', 'steps.csv'), 'utf8'));
    });
  }
});

describe('trainer chaos test', () => {
  it('SIGKILL at 8 seeded random moments: every kill leaves one consistent epoch; --resume (or a restart) ends byte-identical', async () => {
    const out = tempDir('chaos');
    const env = { TORCHLET_CHECKPOINT_SECONDS: '0' };
    const args = [...COMMON, '--epochs', '300'];
    // The uninterrupted run, timed: start-up (until its run folder appears) and the whole run.
    const t0 = performance.now();
    const full = spawnCli([...args, '--out', out, '--name', 'full'], env);
    while (full.child.exitCode === null && !existsSync(join(out, 'full'))) await sleep(5);
    const startMs = performance.now() - t0;
    expect((await full.exited).code, full.output()).toBe(0);
    const trainMs = performance.now() - t0 - startMs;

    const dir = join(out, 'chaos');
    const fresh = [...args, '--out', out, '--name', 'chaos'];
    // A run folder appears whole (config.json and a first commit) or not at all: resume it if it is there, else start again.
    const nextArgs = (): string[] => (existsSync(dir) ? ['--resume', dir, '--quiet'] : fresh);
    const staging = (): boolean => readdirSync(out).some((f) => f.startsWith('.chaos.creating-'));
    const random = rng(16);
    let kills = 0;
    const left: string[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const run = spawnCli(nextArgs(), env);
      // The first kill lands while the run folder is being built (hidden, beside it), the second
      // right after it appears, the rest at seeded moments of training; the training time of all 8
      // adds up to at most 0.36 of one whole run (measured above, under the same load), so every
      // attempt is killed before it ends even when CI's load lets the attempts run 2-3x faster than
      // the measured run (at 0.72, 4 of 8 runs once finished first). Commits
      // come after every epoch (TORCHLET_CHECKPOINT_SECONDS=0), so kills land mid-commit too.
      const r = random();
      if (attempt === 0) {
        while (run.child.exitCode === null && !staging() && !existsSync(dir)) await sleep(1);
      } else if (attempt === 1) {
        while (run.child.exitCode === null && !existsSync(dir)) await sleep(1);
      } else {
        await sleep(startMs + r * 0.06 * trainMs);
      }
      if (run.child.exitCode === null) {
        run.child.kill('SIGKILL');
        kills++;
      }
      const { code, signal } = await run.exited;
      if (signal === null) expect(code, run.output()).toBe(0);
      // What a reader sees now, without resuming: one committed epoch in every file (or no folder yet).
      const epoch = expectConsistentRunFolder(dir);
      left.push(epoch === null ? 'no folder' : `epoch ${epoch}`);
    }
    expect(kills).toBe(8);
    // The kills landed both while starting and mid-training (the seeded moments make this stable).
    if (process.env.CHAOS_DEBUG) console.log(left.join(', '));
    expect(left.some((s) => /^epoch ([1-9]\d*)$/.test(s) && Number(s.slice(6)) < 300), left.join(', ')).toBe(true);
    const last = await runCli(nextArgs(), env);
    expect(last.stderr).toBe('');
    expect(last.status).toBe(0);
    expect(expectConsistentRunFolder(dir)).toBe(300);
    expect(readFileSync(join(dir, 'model.safetensors')).equals(readFileSync(join(out, 'full', 'model.safetensors')))).toBe(true);
    expect(readFileSync(join(dir, 'steps.csv'), 'utf8')).toBe(readFileSync(join(out, 'full', 'steps.csv'), 'utf8'));
    expect(readFileSync(join(dir, 'metrics.csv'), 'utf8').split('\n').length).toBe(readFileSync(join(out, 'full', 'metrics.csv'), 'utf8').split('\n').length);
    // Nothing half-done is left: no half-built folders beside it, no temporary links, at most the last two commits.
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(readdirSync(join(dir, 'epochs')).length).toBeLessThanOrEqual(2);
  });

  it('a reader polling a training run always finds one consistent epoch in the commit `current` names', async () => {
    const out = tempDir('reader');
    const dir = join(out, 'r');
    // A commit after every epoch: `current` moves on every few milliseconds while the reader reads.
    const run = spawnCli([...COMMON, '--epochs', '200', '--out', out, '--name', 'r'], { TORCHLET_CHECKPOINT_SECONDS: '0' });
    const seen: number[] = [];
    let moved = 0;
    while (run.child.exitCode === null) {
      if (existsSync(dir)) {
        // Resolve `current` once, then read that commit (the previous commit is kept, older ones are deleted).
        const target = readlinkSync(join(dir, 'current'));
        try {
          seen.push(expectConsistentRunFolder(dir, target)!);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          moved++;
        }
      }
      await sleep(2);
    }
    expect((await run.exited).code, run.output()).toBe(0);
    if (process.env.CHAOS_DEBUG) console.log(`${seen.length} reads, ${moved} of a commit already deleted, epochs ${seen[0]}..${seen[seen.length - 1]}`);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((e, i) => i === 0 || e >= seen[i - 1])).toBe(true);
    expect(expectConsistentRunFolder(dir)).toBe(200);
  });

  it('a run killed while its folder was built leaves no run folder: --resume says to start again, and the same command does', async () => {
    const out = tempDir('unstarted');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    // What a kill while building the folder leaves: a hidden half-built folder of a process that is gone.
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => gone.on('exit', r));
    const half = join(out, `.r.creating-${gone.pid}`);
    mkdirSync(half);
    writeFileSync(join(half, 'config.json'), '{"conf');
    const resume = await runCli(['--resume', 'r', '--out', out, '--quiet']);
    expect(resume.status).toBe(2);
    expect(resume.stderr).toMatch(/run folder 'r' was stopped before it was created: start it again with the same command/);
    const restart = await runCli(['--epochs', '3', '--out', out, '--name', 'r', '--quiet']);
    expect(restart.stderr).toBe('');
    expect(restart.status).toBe(0);
    expect(expectConsistentRunFolder(join(out, 'r'))).toBe(3);
    expect(readdirSync(out)).toEqual(['r']);
    // A finished run folder is still refused.
    const again = await runCli(['--epochs', '3', '--out', out, '--name', 'r', '--quiet']);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    // An older trainer's folder killed before its first checkpoint (plain files, a temporary) is reused too.
    const old = join(out, 'old');
    mkdirSync(old);
    writeFileSync(join(old, '.config.json.123.0.tmp'), '{"conf');
    const oldResume = await runCli(['--resume', old, '--quiet']);
    expect(oldResume.status).toBe(2);
    expect(oldResume.stderr).toMatch(/stopped before its first checkpoint: start it again with the same command/);
    const oldRestart = await runCli(['--epochs', '2', '--out', out, '--name', 'old', '--quiet']);
    expect(oldRestart.status).toBe(0);
    expect(expectConsistentRunFolder(old)).toBe(2);
  });
});
