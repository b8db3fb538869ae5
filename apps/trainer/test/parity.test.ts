import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const python = process.env.TORCHLET_PYTHON ?? '/usr/bin/python3.11';
const hasTorch = spawnSync(python, ['-c', 'import torch'], { timeout: 120_000 }).status === 0;

describe.skipIf(!hasTorch)('--parity (needs PyTorch)', () => {
  it('matches PyTorch step by step from the same weights and batches; PyTorch loads the checkpoint', async () => {
    const out = tempDir('parity');
    const r = await runCli(['--parity', '--epochs', '10', '--optimizer', 'sgd', '--momentum', '0.9', '--out', out, '--name', 'p', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/parity with PyTorch/);
    const report = JSON.parse(readFileSync(join(out, 'p', 'parity', 'parity.json'), 'utf8')) as {
      steps: number;
      maxAbsDiff: number;
      maxWeightDiff: number;
      loadedCheckpointTestAccuracy: number;
    };
    expect(report.steps).toBe(80);
    expect(report.maxAbsDiff).toBeLessThan(1e-4);
    expect(report.maxWeightDiff).toBeLessThan(1e-4);
    const ours = JSON.parse(readFileSync(join(out, 'p', 'report.json'), 'utf8')) as { accuracy: number };
    expect(report.loadedCheckpointTestAccuracy).toBeCloseTo(ours.accuracy, 10);
  });

  it('--model lstm on names (Embedding -> LSTM -> Linear, Adam) matches PyTorch step by step', async () => {
    const out = tempDir('parity-lstm');
    const r = await runCli(['--parity', '--dataset', 'names', '--model', 'lstm', '--per-class', '200', '--epochs', '3', '--out', out, '--name', 'p', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'p', 'parity', 'parity.json'), 'utf8')) as { steps: number; maxAbsDiff: number; maxWeightDiff: number; loadedCheckpointTestAccuracy: number };
    // 320 training names in batches of 64, 3 epochs
    expect(report.steps).toBe(15);
    expect(report.maxAbsDiff).toBeLessThan(1e-5);
    expect(report.maxWeightDiff).toBeLessThan(1e-4);
    const ours = JSON.parse(readFileSync(join(out, 'p', 'report.json'), 'utf8')) as { accuracy: number };
    // the script's accuracy is a float32 mean (310 / 400 reads 0.77499998)
    expect(report.loadedCheckpointTestAccuracy).toBeCloseTo(ours.accuracy, 6);
  });

  it('--model transformer --dropout 0 on names (padding masked, SGD) matches PyTorch step by step', async () => {
    const out = tempDir('parity-transformer');
    const args = ['--parity', '--dataset', 'names', '--model', 'transformer', '--dropout', '0', '--optimizer', 'sgd', '--per-class', '200', '--epochs', '3'];
    const r = await runCli([...args, '--out', out, '--name', 'p', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'p', 'parity', 'parity.json'), 'utf8')) as { steps: number; maxAbsDiff: number; maxWeightDiff: number };
    expect(report.steps).toBe(15);
    expect(report.maxAbsDiff).toBeLessThan(1e-5);
    expect(report.maxWeightDiff).toBeLessThan(1e-5);
  });
});
