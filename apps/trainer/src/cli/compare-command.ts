import { join } from 'node:path';
import type { Command } from 'commander';
import { writeFileDurable } from '../report/files.js';
import { toCsv } from '../report/csv.js';
import { renderCurvesSvg, type CurvePoint } from '../report/plot.js';
import { compareMarkdown, compareTable, type CompareRow } from '../report/tables.js';
import { LOSSES, lossLabel, type LossName, type TrainConfig } from '../train/config.js';
import { runTraining } from '../train/run.js';
import { EXIT } from './exit-codes.js';
import { newRunDir, resolveConfig, UsageError, type CommonOptions } from './resolve.js';

/** The long-tail ratio `compare` uses when --imbalance is not given. */
export const DEFAULT_COMPARE_IMBALANCE = 0.1;

export interface CompareOptions extends CommonOptions {
  losses: string;
}

/** `cross-entropy+balanced` -> { loss: 'cross-entropy', balanced: true } */
export function parseLossList(list: string): { loss: LossName; balanced: boolean }[] {
  const entries = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (entries.length === 0) throw new UsageError(`--losses needs at least one loss`);
  return entries.map((entry) => {
    const [name, ...mods] = entry.split('+');
    if (!(LOSSES as readonly string[]).includes(name)) throw new UsageError(`--losses: unknown loss '${name}' (choices: ${LOSSES.join(', ')})`);
    if (mods.some((m) => m !== 'balanced')) throw new UsageError(`--losses: unknown modifier in '${entry}' (only +balanced)`);
    return { loss: name as LossName, balanced: mods.length > 0 };
  });
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Trains the same model and data once per loss and prints one side-by-side table and one plot. */
export async function compareCommand(opts: CompareOptions, _cmd: Command): Promise<number> {
  const entries = parseLossList(opts.losses);
  // compare runs on the imbalanced split unless told otherwise (--imbalance 1 keeps every sample).
  const imbalance = opts.imbalance ?? DEFAULT_COMPARE_IMBALANCE;
  const common: CommonOptions = { ...opts, imbalance: imbalance === 1 ? undefined : imbalance };
  const configs: TrainConfig[] = entries.map(({ loss, balanced }) => {
    const cfg = resolveConfig(common, loss);
    return {
      ...cfg,
      labelSmoothing: loss === 'cross-entropy' ? cfg.labelSmoothing : 0,
      classWeights: balanced ? 'balanced' : cfg.classWeights,
    };
  });
  const labels = configs.map((c) => lossLabel(c));
  if (new Set(labels).size !== labels.length) throw new UsageError(`--losses lists the same loss twice`);
  const dir = newRunDir(opts.out, opts.name ?? `compare-${opts.dataset}-${stamp()}`, opts.name !== undefined);

  const rows: CompareRow[] = [];
  const points: CurvePoint[] = [];
  for (let i = 0; i < configs.length; i++) {
    const cfg = configs[i];
    const label = labels[i];
    if (!opts.quiet) process.stdout.write(`\n== ${label}\n`);
    const result = await runTraining({
      config: cfg,
      runDir: join(dir, label),
      resume: false,
      showProgress: !opts.quiet,
      log: (line) => {
        if (!opts.quiet) process.stdout.write(line + '\n');
      },
      info: { argv: process.argv.slice(2), node: process.version, compare: dir, device: opts.device },
      device: opts.device,
    });
    const last = result.history[result.history.length - 1];
    const counts = result.data.trainCounts;
    const minority = counts.indexOf(Math.min(...counts));
    rows.push({
      label: result.diverged ? `${label} (diverged at step ${result.diverged.step})` : label,
      finalTrainLoss: last?.trainLoss ?? NaN,
      finalTestLoss: last?.testLoss ?? NaN,
      accuracy: result.evaluation.accuracy,
      macroF1: result.evaluation.macroF1,
      minorityRecall: result.evaluation.perClass[minority].recall,
      seconds: result.seconds,
    });
    for (const r of result.history) {
      points.push({ x: r.epoch, y: r.trainLoss, series: label, panel: 'train loss' });
      points.push({ x: r.epoch, y: r.testAccuracy, series: label, panel: 'test accuracy' });
    }
  }

  const first = configs[0];
  const title = `${first.dataset} ${first.model}${first.imbalance !== undefined ? `, imbalance ${first.imbalance}` : ''}: losses compared`;
  const svg = await renderCurvesSvg(points, { title, xTitle: 'epoch', panels: ['train loss', 'test accuracy'] });
  writeFileDurable(join(dir, 'compare.svg'), svg);
  writeFileDurable(
    join(dir, 'compare.csv'),
    toCsv(
      ['loss', 'final_train_loss', 'final_test_loss', 'test_accuracy', 'macro_f1', 'minority_recall', 'seconds'],
      rows.map((r) => [r.label, r.finalTrainLoss, r.finalTestLoss, r.accuracy, r.macroF1, r.minorityRecall, r.seconds]),
    ),
  );
  writeFileDurable(join(dir, 'summary.md'), `# ${title}\n\n${compareMarkdown(rows)}`);
  process.stdout.write(`\n${title}\n${compareTable(rows)}\n(each loss on its own scale: compare accuracy, macro-F1 and minority recall across rows)\ncompare folder: ${dir} (compare.svg, compare.csv, summary.md, one run folder per loss)\n`);
  return EXIT.ok;
}
