import { relative } from 'node:path';
import type { RunResult } from '../train/run.js';
import { RUN_FILES } from './run-files.js';
import { CURRENT, currentCommitId, EPOCHS } from './run-folder.js';
import { classReportTable, confusionTable } from './tables.js';

/** The end-of-run report: test accuracy, per-class table, confusion matrix, files written. */
export function formatRunSummary(result: RunResult, cwd: string): string {
  const ev = result.evaluation;
  const r = relative(cwd, result.runDir);
  const rel = r === '' ? '.' : r.startsWith('..') ? result.runDir : r;
  const lines = [
    '',
    `test accuracy ${ev.accuracy.toFixed(4)}   macro-F1 ${ev.macroF1.toFixed(4)}   (${result.data.test.labels.length} held-out samples)`,
    classReportTable(ev),
    'confusion matrix (rows: true class, columns: predicted)',
    confusionTable(ev),
    '',
    `run folder: ${rel}`,
    `  ${RUN_FILES.config}  ${RUN_FILES.metrics}  ${RUN_FILES.steps}  ${RUN_FILES.curves}  ${RUN_FILES.report}`,
    `  ${RUN_FILES.model} (PyTorch state dict)  ${RUN_FILES.checkpoint} (for --resume)  ${RUN_FILES.initial}`,
    `  ${CURRENT} -> ${EPOCHS}/${currentCommitId(result.runDir) ?? '?'} (the committed state: every file but ${RUN_FILES.config} and ${RUN_FILES.initial} links into it)`,
    `${result.finished ? 'finished' : 'stopped'} after ${result.seconds.toFixed(1)} s`,
  ];
  return lines.join('\n');
}
