import type { EpochRecord } from '../train/checkpoint.js';
import { toCsv } from './csv.js';
import { renderCurvesSvg, type CurvePoint } from './plot.js';

/** The files of a run folder, by role (see run-folder.ts for which are committed together). */
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

export const METRICS_COLUMNS = ['epoch', 'step', 'lr', 'train_loss', 'train_accuracy', 'test_loss', 'test_accuracy', 'seconds'] as const;

/** metrics.csv: one row per finished epoch. */
export function metricsCsv(history: readonly EpochRecord[]): string {
  return toCsv(
    METRICS_COLUMNS,
    history.map((r) => [r.epoch, r.step, r.lr, r.trainLoss, r.trainAccuracy, r.testLoss, r.testAccuracy, r.seconds]),
  );
}

/** steps.csv: the training loss of every optimizer step. */
export function stepsCsv(stepLosses: readonly number[]): string {
  return toCsv(['step', 'train_loss'], stepLosses.map((l, i) => [i + 1, l]));
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

/** curves.svg: loss and accuracy per epoch. */
export function curvesSvg(history: readonly EpochRecord[], title: string): Promise<string> {
  return renderCurvesSvg(curvePoints(history), { title, xTitle: 'epoch', panels: ['loss', 'accuracy'] });
}
