import { join } from 'node:path';
import type { EpochRecord } from '../train/checkpoint.js';
import { writeFileAtomic } from './atomic.js';
import { toCsv } from './csv.js';
import { renderCurvesSvg, type CurvePoint } from './plot.js';

/** The files of a run folder, by role. */
export const RUN_FILES = {
  config: 'config.json',
  metrics: 'metrics.csv',
  steps: 'steps.csv',
  curves: 'curves.svg',
  checkpoint: 'checkpoint.safetensors',
  model: 'model.safetensors',
  initial: 'init.safetensors',
  report: 'report.json',
} as const;

export function writeMetricsCsv(runDir: string, history: readonly EpochRecord[]): void {
  writeFileAtomic(
    join(runDir, RUN_FILES.metrics),
    toCsv(
      ['epoch', 'step', 'lr', 'train_loss', 'train_accuracy', 'test_loss', 'test_accuracy', 'seconds'],
      history.map((r) => [r.epoch, r.step, r.lr, r.trainLoss, r.trainAccuracy, r.testLoss, r.testAccuracy, r.seconds]),
    ),
  );
}

export function writeStepsCsv(runDir: string, stepLosses: readonly number[]): void {
  writeFileAtomic(join(runDir, RUN_FILES.steps), toCsv(['step', 'train_loss'], stepLosses.map((l, i) => [i + 1, l])));
}

/** Points for the loss and accuracy panels of one run, series prefixed with `prefix`. */
export function curvePoints(history: readonly EpochRecord[], prefix = ''): CurvePoint[] {
  const points: CurvePoint[] = [];
  for (const r of history) {
    points.push({ x: r.epoch, y: r.trainLoss, series: `${prefix}train`, panel: 'loss' });
    points.push({ x: r.epoch, y: r.testLoss, series: `${prefix}test`, panel: 'loss' });
    points.push({ x: r.epoch, y: r.trainAccuracy, series: `${prefix}train`, panel: 'accuracy' });
    points.push({ x: r.epoch, y: r.testAccuracy, series: `${prefix}test`, panel: 'accuracy' });
  }
  return points;
}

export async function writeCurves(runDir: string, history: readonly EpochRecord[], title: string): Promise<void> {
  const svg = await renderCurvesSvg(curvePoints(history), { title, xTitle: 'epoch', panels: ['loss', 'accuracy'] });
  writeFileAtomic(join(runDir, RUN_FILES.curves), svg);
}
