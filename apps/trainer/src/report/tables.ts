import Table from 'cli-table3';
import type { Evaluation } from './metrics.js';

const PLAIN = { head: [] as string[], border: [] as string[], compact: true };

const fmt = (x: number, digits = 4): string => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

/** Per-class precision / recall / F1 / support, with a macro-average row. */
export function classReportTable(ev: Evaluation): string {
  const t = new Table({ head: ['class', 'precision', 'recall', 'f1', 'support'], style: PLAIN, colAligns: ['left', 'right', 'right', 'right', 'right'] });
  for (const m of ev.perClass) t.push([m.name, fmt(m.precision), fmt(m.recall), fmt(m.f1), m.support]);
  const n = ev.perClass.length;
  const avg = (f: (m: Evaluation['perClass'][number]) => number): number => ev.perClass.reduce((a, m) => a + f(m), 0) / n;
  t.push(['macro avg', fmt(avg((m) => m.precision)), fmt(avg((m) => m.recall)), fmt(ev.macroF1), ev.perClass.reduce((a, m) => a + m.support, 0)]);
  return t.toString();
}

/** Confusion matrix: rows are true classes, columns predicted classes. */
export function confusionTable(ev: Evaluation): string {
  const names = ev.perClass.map((m) => m.name);
  const t = new Table({ head: ['true \\ predicted', ...names], style: PLAIN, colAligns: ['left', ...names.map(() => 'right' as const)] });
  ev.confusion.forEach((row, i) => t.push([names[i], ...row]));
  return t.toString();
}

export interface CompareRow {
  label: string;
  finalTrainLoss: number;
  finalTestLoss: number;
  accuracy: number;
  macroF1: number;
  minorityRecall: number;
  seconds: number;
}

/** The side-by-side table printed by `compare`. */
export function compareTable(rows: readonly CompareRow[]): string {
  const t = new Table({
    head: ['loss', 'final train loss', 'final test loss', 'test accuracy', 'macro-F1', 'minority recall', 'time (s)'],
    style: PLAIN,
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const r of rows) {
    t.push([r.label, fmt(r.finalTrainLoss), fmt(r.finalTestLoss), fmt(r.accuracy), fmt(r.macroF1), fmt(r.minorityRecall), r.seconds.toFixed(1)]);
  }
  return t.toString();
}

/** Same rows as Markdown (written to the compare folder's summary.md). */
export function compareMarkdown(rows: readonly CompareRow[]): string {
  const lines = [
    '| loss | final train loss | final test loss | test accuracy | macro-F1 | minority recall | time (s) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.label} | ${fmt(r.finalTrainLoss)} | ${fmt(r.finalTestLoss)} | ${fmt(r.accuracy)} | ${fmt(r.macroF1)} | ${fmt(r.minorityRecall)} | ${r.seconds.toFixed(1)} |`);
  }
  return lines.join('\n') + '\n';
}
