import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectConsistentRunFolder, readSafetensors, runCli, tempDir } from './helpers.js';

describe('train', () => {
  it('a short run writes the whole run folder', async () => {
    const out = tempDir('short');
    const r = await runCli(['--epochs', '5', '--out', out, '--name', 'short']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/test accuracy \d\.\d{4}/);
    expect(r.stdout).toMatch(/precision/);
    expect(r.stdout).toMatch(/confusion matrix/);
    expect(r.stdout).toMatch(/setosa/);
    const dir = join(out, 'short');
    for (const f of ['config.json', 'metrics.csv', 'steps.csv', 'curves.svg', 'model.safetensors', 'checkpoint.safetensors', 'init.safetensors', 'report.json']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { config: { epochs: number; loss: string } };
    expect(config.config).toMatchObject({ epochs: 5, loss: 'cross-entropy' });
    const metrics = readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n');
    expect(metrics[0]).toBe('epoch,step,lr,train_loss,train_accuracy,test_loss,test_accuracy,seconds');
    expect(metrics).toHaveLength(6);
    expect(readFileSync(join(dir, 'curves.svg'), 'utf8')).toMatch(/^<svg/);
    const { header } = readSafetensors(join(dir, 'model.safetensors'));
    expect(Object.keys(header).sort()).toEqual(['0.bias', '0.weight', '2.bias', '2.weight']);
    expect(header['0.weight']).toMatchObject({ dtype: 'F32', shape: [16, 4] });
    expect(readFileSync(join(dir, 'steps.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 5 * 8);
    // one commit holds them all, and a reader can check it: a file of another epoch is caught
    expect(expectConsistentRunFolder(dir)).toBe(5);
    writeFileSync(join(dir, 'metrics.csv'), metrics.slice(0, 5).join('\n') + '\n');
    expect(() => expectConsistentRunFolder(dir)).toThrow(/metrics\.csv is not the one committed with epoch 5/);
  });

  it('the default configuration reaches >= 0.93 test accuracy on Iris', async () => {
    const out = tempDir('default');
    const r = await runCli(['--out', out, '--name', 'default', '--quiet']);
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'default', 'report.json'), 'utf8')) as { accuracy: number; finished: boolean };
    expect(report.finished).toBe(true);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.93);
  });

  it('a NaN/inf loss stops with the step named and keeps the last good checkpoint', async () => {
    const out = tempDir('nan');
    const r = await runCli(['--model', 'linear', '--optimizer', 'sgd', '--lr', '1e38', '--batch-size', '2', '--epochs', '3', '--out', out, '--name', 'nan', '--quiet']);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/training loss became (NaN|Infinity|-Infinity) at step \d+ \(epoch 1, batch \d+\)/);
    // the NaN comes inside epoch 1: the checkpoint is the initial one, and metrics.csv has no epoch
    expect(r.stderr).toMatch(/last good checkpoint \(after epoch 0\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const dir = join(out, 'nan');
    expect(readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n')).toHaveLength(1);
    const { header, data } = readSafetensors(join(dir, 'checkpoint.safetensors'));
    const w = header['model.0.weight'];
    const values = new Float32Array(data.buffer.slice(data.byteOffset + w.data_offsets[0], data.byteOffset + w.data_offsets[1]));
    expect(values.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('an exploding loss (--lr 1e6 on digits) stops with exit 3 and keeps the last healthy checkpoint', async () => {
    const out = tempDir('explode');
    const r = await runCli(['--dataset', 'digits', '--per-class', '50', '--lr', '1e6', '--out', out, '--name', 'explode', '--quiet']);
    expect(r.status).toBe(3);
    const errors = r.stderr.trim().split('\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: the training loss exploded in epoch 1: its mean \S+ is over 10x the run's initial loss \d+\.\d{4}; training stopped/);
    expect(errors[0]).toMatch(/last good checkpoint \(after epoch 0\)/);
    const dir = join(out, 'explode');
    // the checkpoint holds the healthy (initial) weights: model.safetensors equals init.safetensors, metrics.csv has no epoch
    expect(readFileSync(join(dir, 'model.safetensors'))).toEqual(readFileSync(join(dir, 'init.safetensors')));
    expect(readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { finished: boolean; diverged: { kind: string; epoch: number } };
    expect(report.finished).toBe(false);
    expect(report.diverged).toMatchObject({ kind: 'exploding', epoch: 1 });
  });

  it('an epoch whose loss exploded before a NaN is not kept as the "last good" checkpoint', async () => {
    // lr 1e38: epoch 1 ends with a mean training loss around 8e36 and the NaN comes in epoch 2;
    // the checkpoint must not be epoch 1's diverged weights.
    const out = tempDir('explode-late');
    const r = await runCli(['--model', 'linear', '--optimizer', 'sgd', '--lr', '1e38', '--epochs', '3', '--out', out, '--name', 'late', '--quiet']);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^error: the training loss exploded in epoch 1: .*last good checkpoint \(after epoch 0\)/);
    const dir = join(out, 'late');
    const metrics = readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n').slice(1);
    const initial = Number(/initial loss (\d+\.\d+);/.exec(r.stderr)?.[1]);
    expect(initial).toBeGreaterThan(0);
    // every epoch kept in the run folder is healthy: its mean training loss is finite and within 10x the initial loss
    for (const row of metrics) {
      const trainLoss = Number(row.split(',')[3]);
      expect(Number.isFinite(trainLoss)).toBe(true);
      expect(trainLoss).toBeLessThanOrEqual(10 * initial);
    }
  });

  it('digits with the cnn model', async () => {
    const out = tempDir('cnn');
    const r = await runCli(['--dataset', 'digits', '--model', 'cnn', '--per-class', '30', '--epochs', '2', '--out', out, '--name', 'cnn', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const { header } = readSafetensors(join(out, 'cnn', 'model.safetensors'));
    expect(header['0.weight']).toMatchObject({ shape: [8, 1, 3, 3] });
    expect(header['7.weight']).toMatchObject({ shape: [10, 784] });
  });

  for (const loss of ['nll', 'focal', 'multi-margin', 'bce-with-logits']) {
    it(`trains with --loss ${loss}`, async () => {
      const out = tempDir(loss);
      const r = await runCli(['--loss', loss, '--epochs', '30', '--out', out, '--name', loss, '--quiet']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const report = JSON.parse(readFileSync(join(out, loss, 'report.json'), 'utf8')) as { accuracy: number };
      expect(report.accuracy).toBeGreaterThan(0.8);
    });
  }
});
