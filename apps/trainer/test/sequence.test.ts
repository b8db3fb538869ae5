import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareData } from '../src/data/index.js';
import { encodeName, NAMES_ALPHABET, NAMES_MAX_LENGTH } from '../src/data/names.js';
import { sequenceInput } from '../src/models/spec.js';
import { readSafetensors, runCli, tempDir } from './helpers.js';

interface EpochRow {
  trainLoss: number;
  testAccuracy: number;
}

function readMetrics(dir: string): EpochRow[] {
  const [head, ...rows] = readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return rows.map((r) => {
    const v = r.split(',').map(Number);
    return { trainLoss: v[cols.indexOf('train_loss')], testAccuracy: v[cols.indexOf('test_accuracy')] };
  });
}

function firstStepLoss(dir: string): number {
  return Number(readFileSync(join(dir, 'steps.csv'), 'utf8').trim().split('\n')[1].split(',')[1]);
}

describe('names data set', () => {
  it('encodes a name as its letters, 1-based in the alphabet, left-padded with 0', () => {
    const ids = encodeName('Anne-Marie');
    const letters = [...'anne-marie'].map((ch) => NAMES_ALPHABET.indexOf(ch) + 1);
    expect(ids).toEqual([...new Array<number>(NAMES_MAX_LENGTH - letters.length).fill(0), ...letters]);
    expect(encodeName('abcdefghijklmnopqrst')).toEqual([...'fghijklmnopqrst'].map((ch) => NAMES_ALPHABET.indexOf(ch) + 1));
  });

  it('loads both name lists, balanced by --per-class, one label per name', () => {
    const s = prepareData({ dataset: 'names', seed: 0, testFraction: 0.2, perClass: 100 });
    expect(s.train.classNames).toEqual(['female', 'male']);
    expect(s.train.sampleShape).toEqual([NAMES_MAX_LENGTH]);
    expect(s.train.vocabSize).toBe(NAMES_ALPHABET.length + 2);
    expect(s.trainCounts).toEqual([80, 80]);
    expect(s.testCounts).toEqual([20, 20]);
    const all = prepareData({ dataset: 'names', seed: 0, testFraction: 0.2 });
    const rows = new Map<string, number>();
    const ds = all.train;
    for (let i = 0; i < ds.labels.length; i++) {
      const key = ds.features.subarray(i * NAMES_MAX_LENGTH, (i + 1) * NAMES_MAX_LENGTH).join(',');
      expect(rows.get(key) ?? ds.labels[i]).toBe(ds.labels[i]);
      rows.set(key, ds.labels[i]);
    }
  });

  it('reads real-valued samples as steps of their last dimension', () => {
    expect(sequenceInput([4], undefined, 32)).toEqual({ kind: 'features', steps: 4, features: 1 });
    expect(sequenceInput([1, 28, 28], undefined, 32)).toEqual({ kind: 'features', steps: 28, features: 28 });
    expect(sequenceInput([15], 29, 32)).toEqual({ kind: 'tokens', steps: 15, vocabSize: 29, embeddingDim: 32 });
  });
});

/** Chance on the balanced names test split: one class of two. */
const CHANCE = 0.5;

describe('sequence models on names', () => {
  const cases = [
    { model: 'lstm', epochs: 3, keys: ['0.embedding.weight', '0.lstm.weight_ih_l0', '0.lstm.bias_hh_l0', '1.weight'] },
    { model: 'transformer', epochs: 5, keys: ['0.embedding.weight', '0.positions', '0.encoder.layers.0.self_attn.in_proj_weight', '1.weight'] },
  ];
  for (const c of cases) {
    it(`--model ${c.model}: the loss falls and test accuracy beats chance`, async () => {
      const out = tempDir(c.model);
      const r = await runCli(['--dataset', 'names', '--model', c.model, '--epochs', String(c.epochs), '--out', out, '--name', 'run', '--quiet']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const dir = join(out, 'run');
      const epochs = readMetrics(dir);
      expect(epochs).toHaveLength(c.epochs);
      const last = epochs[epochs.length - 1];
      expect(last.trainLoss).toBeLessThan(epochs[0].trainLoss);
      expect(last.trainLoss).toBeLessThan(firstStepLoss(dir) - 0.1);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { accuracy: number };
      expect(report.accuracy).toBeGreaterThan(CHANCE + 0.15);
      const { header } = readSafetensors(join(dir, 'model.safetensors'));
      for (const key of c.keys) expect(Object.keys(header)).toContain(key);
    });
  }

  it('--model lstm on Iris reads the 4 features as 4 steps and learns', async () => {
    const out = tempDir('lstm-iris');
    const r = await runCli(['--model', 'lstm', '--hidden-size', '16', '--epochs', '30', '--out', out, '--name', 'run', '--quiet']);
    expect(r.status).toBe(0);
    const { header } = readSafetensors(join(out, 'run', 'model.safetensors'));
    expect(header['0.lstm.weight_ih_l0']).toMatchObject({ shape: [64, 1] });
    const report = JSON.parse(readFileSync(join(out, 'run', 'report.json'), 'utf8')) as { accuracy: number };
    expect(report.accuracy).toBeGreaterThan(1 / 3 + 0.3);
  });
});
