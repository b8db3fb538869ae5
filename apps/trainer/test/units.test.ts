import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareData } from '../src/data/index.js';
import { epochOrder } from '../src/data/rng.js';
import { evaluate } from '../src/report/metrics.js';
import { commitRunState, createRunFolder, currentCommitId, readCommit, tidyRunFolder } from '../src/report/run-folder.js';
import { balancedWeights } from '../src/train/losses.js';

describe('data', () => {
  it('splits Iris deterministically and stratified', () => {
    const a = prepareData({ dataset: 'iris', seed: 1, testFraction: 0.2 });
    const b = prepareData({ dataset: 'iris', seed: 1, testFraction: 0.2 });
    const c = prepareData({ dataset: 'iris', seed: 2, testFraction: 0.2 });
    expect(a.trainCounts).toEqual([40, 40, 40]);
    expect(a.testCounts).toEqual([10, 10, 10]);
    expect(Array.from(a.test.features)).toEqual(Array.from(b.test.features));
    expect(Array.from(a.test.features)).not.toEqual(Array.from(c.test.features));
  });

  it('--imbalance thins the training split along a long tail and leaves the test split whole', () => {
    const s = prepareData({ dataset: 'iris', seed: 0, testFraction: 0.2, imbalance: 0.1 });
    expect(s.trainCounts).toEqual([40, 13, 4]);
    expect(s.testCounts).toEqual([10, 10, 10]);
  });

  it('loads digits from the mnist package', () => {
    const s = prepareData({ dataset: 'digits', seed: 0, testFraction: 0.25, perClass: 20 });
    expect(s.train.sampleShape).toEqual([1, 28, 28]);
    expect(s.trainCounts).toEqual(new Array(10).fill(15));
    expect(Math.max(...s.train.features)).toBeLessThanOrEqual(1);
  });

  it('the batch order is a permutation that depends on seed and epoch only', () => {
    const o = epochOrder(10, 5, 2);
    expect([...o].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epochOrder(10, 5, 2)).toEqual(o);
    expect(epochOrder(10, 5, 3)).not.toEqual(o);
  });
});

describe('metrics', () => {
  it('precision, recall, F1 and the confusion matrix', () => {
    const ev = evaluate([0, 0, 1, 1, 2, 0], [0, 1, 1, 1, 2, 2], ['a', 'b', 'c']);
    expect(ev.accuracy).toBeCloseTo(4 / 6);
    expect(ev.confusion).toEqual([
      [1, 0, 0],
      [1, 2, 0],
      [1, 0, 1],
    ]);
    expect(ev.perClass[0]).toMatchObject({ precision: 1 / 3, recall: 1, support: 1 });
    expect(ev.perClass[1].f1).toBeCloseTo(0.8);
  });

  it('balanced class weights are N / (C * count)', () => {
    expect(balancedWeights([40, 10, 10])).toEqual([0.5, 2, 2]);
  });
});

describe('run folder commits', () => {
  const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');

  it('a commit publishes every file at once through `current`, keeps the previous commit and tidies leftovers', () => {
    const root = mkdtempSync(join(tmpdir(), 'torchlet-trainer-commit-'));
    const dir = join(root, 'run');
    createRunFolder(dir, { 'config.json': '{}\n' }, { 'metrics.csv': 'epoch\n', 'model.safetensors': new Uint8Array([1]) }, { epoch: 0, step: 0, epochs: 3 });
    expect(readdirSync(root)).toEqual(['run']);
    expect(readlinkSync(join(dir, 'current'))).toBe('epochs/000000');
    expect(readlinkSync(join(dir, 'metrics.csv'))).toBe('current/metrics.csv');
    expect(read(dir, 'metrics.csv')).toBe('epoch\n');
    // report.json is linked but not in this commit: nothing is visible under its name
    expect(existsSync(join(dir, 'report.json'))).toBe(false);

    commitRunState(dir, { 'metrics.csv': 'epoch\n1\n' }, { epoch: 1, step: 8, epochs: 3 });
    expect(read(dir, 'metrics.csv')).toBe('epoch\n1\n');
    expect(existsSync(join(dir, 'model.safetensors'))).toBe(false);
    expect(readCommit(dir)).toMatchObject({ epoch: 1, step: 8, epochs: 3, id: '000001' });
    commitRunState(dir, { 'metrics.csv': 'epoch\n1\n2\n' }, { epoch: 2, step: 16, epochs: 3 });
    // the same epoch again (the last commit of an invocation adds the report) gets a folder of its own
    commitRunState(dir, { 'metrics.csv': 'epoch\n1\n2\n', 'report.json': '{}' }, { epoch: 2, step: 16, epochs: 3 });
    expect(readdirSync(join(dir, 'epochs')).sort()).toEqual(['000002', '000002-1']);
    expect(currentCommitId(dir)).toBe('000002-1');
    expect(read(dir, 'report.json')).toBe('{}');
    const manifest = JSON.parse(read(dir, 'current/commit.json')) as { files: Record<string, { bytes: number }> };
    expect(Object.keys(manifest.files).sort()).toEqual(['metrics.csv', 'report.json']);

    // what a killed commit leaves: a commit folder `current` never named, a temporary link
    mkdirSync(join(dir, 'epochs', '000003'));
    writeFileSync(join(dir, 'epochs', '000003', 'metrics.csv'), 'half');
    symlinkSync('epochs/000003', join(dir, '.current.link-99999'));
    tidyRunFolder(dir);
    expect(readdirSync(join(dir, 'epochs'))).toEqual(['000002-1']);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(read(dir, 'metrics.csv')).toBe('epoch\n1\n2\n');
  });
});
