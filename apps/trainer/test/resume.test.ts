import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, expectConsistentRunFolder, runCli, tempDir } from './helpers.js';

const SETUPS: { name: string; args: string[] }[] = [
  { name: 'sgd + nesterov momentum + step schedule', args: ['--optimizer', 'sgd', '--momentum', '0.9', '--nesterov', '--scheduler', 'step', '--step-size', '2'] },
  { name: 'adam + onecycle', args: ['--optimizer', 'adam', '--scheduler', 'onecycle'] },
  { name: 'rmsprop + cosine, focal', args: ['--optimizer', 'rmsprop', '--momentum', '0.5', '--scheduler', 'cosine', '--loss', 'focal'] },
];

describe('--resume', () => {
  for (const s of SETUPS) {
    it(`${s.name}: an interrupted and resumed run ends with the same weights as an uninterrupted one`, async () => {
      const out = tempDir('resume');
      const common = ['--epochs', '6', '--seed', '3', '--out', out, '--quiet', ...s.args];
      const full = await runCli([...common, '--name', 'full']);
      expect(full.status).toBe(0);
      const part = await runCli([...common, '--name', 'part', '--stop-after', '3']);
      expect(part.status).toBe(0);
      expect(part.stdout).toMatch(/stopped after epoch 3 of 6/);
      const resumed = await runCli(['--resume', join(out, 'part'), '--quiet']);
      expect(resumed.stderr).toBe('');
      expect(resumed.status).toBe(0);
      expect(expectConsistentRunFolder(join(out, 'part'))).toBe(6);
      const a = readFileSync(join(out, 'full', 'model.safetensors'));
      const b = readFileSync(join(out, 'part', 'model.safetensors'));
      expect(b.equals(a)).toBe(true);
      const ma = readFileSync(join(out, 'full', 'steps.csv'), 'utf8');
      const mb = readFileSync(join(out, 'part', 'steps.csv'), 'utf8');
      expect(mb).toBe(ma);
    });
  }

  it('a run folder of the earlier layout (plain files, no commits) resumes and becomes a committed one', async () => {
    const out = tempDir('resume-legacy');
    const common = ['--epochs', '4', '--seed', '3', '--out', out, '--quiet'];
    expect((await runCli([...common, '--name', 'full'])).status).toBe(0);
    expect((await runCli([...common, '--name', 'old', '--stop-after', '2'])).status).toBe(0);
    // Turn it into what the earlier trainer wrote: plain files at the top, a leftover temporary.
    const dir = join(out, 'old');
    for (const f of ['checkpoint.safetensors', 'model.safetensors', 'metrics.csv', 'steps.csv', 'report.json', 'curves.svg']) {
      const bytes = readFileSync(join(dir, f));
      unlinkSync(join(dir, f));
      writeFileSync(join(dir, f), bytes);
    }
    rmSync(join(dir, 'current'));
    rmSync(join(dir, 'epochs'), { recursive: true });
    writeFileSync(join(dir, '.metrics.csv.123.4.tmp'), 'epoch');
    const resumed = await runCli(['--resume', dir, '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    expect(expectConsistentRunFolder(dir)).toBe(4);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(readFileSync(join(dir, 'model.safetensors')).equals(readFileSync(join(out, 'full', 'model.safetensors')))).toBe(true);
  });

  it('a resume that extended --epochs commits the new length: a later plain --resume keeps it', async () => {
    const out = tempDir('resume-extend');
    expect((await runCli(['--epochs', '2', '--out', out, '--name', 'r', '--quiet'])).status).toBe(0);
    const dir = join(out, 'r');
    expect((await runCli(['--resume', dir, '--epochs', '5', '--stop-after', '3', '--quiet'])).status).toBe(0);
    const r = await runCli(['--resume', dir, '--quiet']);
    expect(r.status).toBe(0);
    expect(expectConsistentRunFolder(dir)).toBe(5);
    expect((JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { finished: boolean }).finished).toBe(true);
  });

  it('refuses changed settings on resume', async () => {
    const out = tempDir('resume-flags');
    expect((await runCli(['--epochs', '2', '--out', out, '--name', 'r', '--quiet'])).status).toBe(0);
    const r = await runCli(['--resume', join(out, 'r'), '--lr', '0.5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/drop --lr/);
  });
});

describe('--resume after a kill', () => {
  it('a run killed with SIGKILL mid-training resumes from its last checkpoint to the same weights', async () => {
    const out = tempDir('kill');
    const common = ['--epochs', '60', '--seed', '7', '--optimizer', 'sgd', '--momentum', '0.9', '--scheduler', 'cosine', '--out', out, '--quiet'];
    const env = { TORCHLET_CHECKPOINT_SECONDS: '0' };
    const full = await runCli([...common, '--name', 'full'], env);
    expect(full.status).toBe(0);

    const child = spawn(process.execPath, [BIN, ...common, '--name', 'killed'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const metrics = join(out, 'killed', 'metrics.csv');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Kill once a few epochs are checkpointed (metrics.csv is written with each checkpoint).
    for (let i = 0; i < 600 && child.exitCode === null; i++) {
      if (existsSync(metrics) && readFileSync(metrics, 'utf8').trim().split('\n').length > 5) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const wasRunning = child.exitCode === null;
    child.kill('SIGKILL');
    await exited;
    const done = readFileSync(metrics, 'utf8').trim().split('\n').length - 1;
    if (wasRunning) expect(done).toBeLessThan(60);

    const resumed = await runCli(['--resume', join(out, 'killed'), '--quiet'], env);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    expect(readFileSync(join(out, 'killed', 'model.safetensors')).equals(readFileSync(join(out, 'full', 'model.safetensors')))).toBe(true);
    expect(expectConsistentRunFolder(join(out, 'killed'))).toBe(60);
    expect(readdirSync(join(out, 'killed')).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
