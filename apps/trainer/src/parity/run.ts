import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveSafetensors } from '@torchlet/nn-layers';
import { tensor } from '@torchlet/tensor-core';
import { epochOrder } from '../data/rng.js';
import { writeFileDurable } from '../report/files.js';
import { toCsv } from '../report/csv.js';
import { renderCurvesSvg, type CurvePoint } from '../report/plot.js';
import { RUN_FILES } from '../report/run-files.js';
import { loadCheckpoint } from '../train/checkpoint.js';
import type { TrainConfig } from '../train/config.js';
import type { RunResult } from '../train/run.js';
import { PARITY_SCRIPT } from './script.js';
import type { TorchPython } from './python.js';

export interface ParityReport {
  steps: number;
  maxAbsDiff: number;
  maxRelDiff: number;
  /** The step (1-based) with the largest absolute difference. */
  worstStep: number;
  maxWeightDiff: number;
  torchVersion: string;
  torchTestAccuracy: number;
  loadedCheckpointTestAccuracy: number;
}

interface TorchResult {
  torch: string;
  losses: number[];
  finalWeights: Record<string, number[]>;
  torchTestAccuracy: number;
  loadedCheckpointTestAccuracy: number;
}

function writeInputs(cfg: TrainConfig, result: RunResult, dir: string): void {
  const { train, test } = result.data;
  const n = train.labels.length;
  const order: number[] = [];
  for (let e = 0; e < result.history.length; e++) order.push(...epochOrder(n, cfg.seed, e));
  const bytes = saveSafetensors({
    x: tensor(train.features, { shape: [n, ...train.sampleShape] }),
    y: tensor(Array.from(train.labels), { dtype: 'int64' }),
    order: tensor(order, { dtype: 'int64', shape: [result.history.length, n] }),
    x_test: tensor(test.features, { shape: [test.labels.length, ...test.sampleShape] }),
    y_test: tensor(Array.from(test.labels), { dtype: 'int64' }),
  });
  writeFileDurable(join(dir, 'data.safetensors'), bytes);
  const stepsPerEpoch = Math.ceil(n / cfg.batchSize);
  const setup = {
    layers: result.layers,
    tokens: train.vocabSize !== undefined,
    numClasses: train.classNames.length,
    batchSize: cfg.batchSize,
    loss: {
      name: cfg.loss,
      weight: result.loss.classWeights ?? null,
      alpha: result.loss.alpha ?? null,
      gamma: cfg.gamma,
      margin: cfg.margin,
      labelSmoothing: cfg.labelSmoothing,
    },
    optimizer: { name: cfg.optimizer, lr: cfg.lr, momentum: cfg.momentum, nesterov: cfg.nesterov, weightDecay: cfg.weightDecay },
    scheduler: { name: cfg.scheduler, stepSize: cfg.stepSize, gamma: cfg.stepGamma, tMax: cfg.epochs, maxLr: cfg.lr, totalSteps: cfg.epochs * stepsPerEpoch },
  };
  writeFileDurable(join(dir, 'setup.json'), JSON.stringify(setup, null, 2) + '\n');
  writeFileDurable(join(dir, 'parity.py'), PARITY_SCRIPT);
}

/**
 * Runs the finished run again in PyTorch from the same initial weights and batch order, then
 * compares per-step losses (and final weights). Files go to RUN/parity/.
 */
export async function runParity(cfg: TrainConfig, result: RunResult, py: TorchPython): Promise<ParityReport> {
  const dir = join(result.runDir, 'parity');
  writeInputs(cfg, result, dir);
  const r = spawnSync(py.python, [join(dir, 'parity.py'), result.runDir], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    throw new Error(`the PyTorch parity script failed (exit ${r.status ?? r.signal}):\n${(r.stderr || r.stdout).trim()}`);
  }
  const torch = JSON.parse(readFileSync(join(dir, 'torch-result.json'), 'utf8')) as TorchResult;
  const ours = result.stepLosses;
  if (torch.losses.length !== ours.length) {
    throw new Error(`PyTorch ran ${torch.losses.length} steps, torchlet ${ours.length}: the runs are not comparable`);
  }
  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  let worstStep = 0;
  const rows: (number | string)[][] = [];
  ours.forEach((l, i) => {
    const t = torch.losses[i];
    const d = Math.abs(l - t);
    if (d > maxAbsDiff || Number.isNaN(d)) {
      maxAbsDiff = d;
      worstStep = i + 1;
    }
    maxRelDiff = Math.max(maxRelDiff, d / Math.max(Math.abs(t), 1e-12));
    rows.push([i + 1, l, t, d]);
  });
  writeFileDurable(join(dir, 'parity.csv'), toCsv(['step', 'torchlet_loss', 'pytorch_loss', 'abs_diff'], rows));

  const final = loadCheckpoint(join(result.runDir, RUN_FILES.checkpoint)).model;
  let maxWeightDiff = 0;
  for (const [name, values] of Object.entries(torch.finalWeights)) {
    const mine = final[name]?.contiguous().toTypedArray();
    if (!mine || mine.length !== values.length) throw new Error(`parity: parameter ${name} differs in shape between torchlet and PyTorch`);
    values.forEach((v, i) => (maxWeightDiff = Math.max(maxWeightDiff, Math.abs(v - mine[i]))));
  }

  const points: CurvePoint[] = [];
  ours.forEach((l, i) => points.push({ x: i + 1, y: l, series: 'torchlet', panel: 'training loss per step' }));
  torch.losses.forEach((l, i) => points.push({ x: i + 1, y: l, series: `PyTorch ${torch.torch}`, panel: 'training loss per step' }));
  rows.forEach((row) => points.push({ x: row[0] as number, y: row[3] as number, series: '|torchlet - PyTorch|', panel: 'absolute difference' }));
  const svg = await renderCurvesSvg(points, { title: 'torchlet vs PyTorch, same initial weights and batches', xTitle: 'step', panels: ['training loss per step', 'absolute difference'], yFormat: { 'absolute difference': '.1e' }, dashed: true });
  writeFileDurable(join(dir, 'parity.svg'), svg);

  const report: ParityReport = {
    steps: ours.length,
    maxAbsDiff,
    maxRelDiff,
    worstStep,
    maxWeightDiff,
    torchVersion: torch.torch,
    torchTestAccuracy: torch.torchTestAccuracy,
    loadedCheckpointTestAccuracy: torch.loadedCheckpointTestAccuracy,
  };
  writeFileDurable(join(dir, 'parity.json'), JSON.stringify(report, null, 2) + '\n');
  return report;
}
