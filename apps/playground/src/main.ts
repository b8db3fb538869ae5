// The page: a Train view (one loss, live loss and accuracy, the confusion matrix) and a Compare view
// (several losses on the same data, overlaid). Training runs in a worker (worker.ts); the page draws.
// Its state is also on window.__playground, which the browser test reads.
import { TrainerClient } from './client.js';
import type { BackendReport, DataSummary, EpochReport, Job } from './protocol.js';
import { LOSS_INFO, type LossName } from './losses.js';
import { drawChart } from './ui/chart.js';
import { renderConfusion } from './ui/confusion.js';
import { BACKEND_CHOICE, COLORS, DEFAULT_COMPARE, checkedLosses, readJob, selectedLoss, setUpForm, setUpLossChecks, setUpLossSelect } from './ui/forms.js';
import { renderMetricsTable } from './ui/metrics-table.js';

/** One run as the page shows it. */
export interface RunView {
  readonly loss: LossName;
  readonly job: Job;
  summary: DataSummary | null;
  readonly epochs: EpochReport[];
  confusion: number[][] | null;
  done: boolean;
  error: string | null;
  seconds: number;
}

export interface PlaygroundState {
  backend: BackendReport | null;
  train: RunView | null;
  compare: RunView[];
  busy: boolean;
}

declare global {
  interface Window {
    __playground: PlaygroundState;
  }
}

const state: PlaygroundState = { backend: null, train: null, compare: [], busy: false };
window.__playground = state;

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
}

const trainForm = byId<HTMLFormElement>('train-form');
const compareForm = byId<HTMLFormElement>('compare-form');
const trainButton = byId<HTMLButtonElement>('train');
const compareButton = byId<HTMLButtonElement>('compare');
const stopButton = byId<HTMLButtonElement>('stop');
const backendLine = byId<HTMLParagraphElement>('backend');

setUpForm(trainForm, 'digits', 1);
setUpLossSelect(trainForm, 'cross-entropy');
setUpForm(compareForm, 'digits', 0.05);
setUpLossChecks(byId<HTMLFieldSetElement>('compare-losses'), DEFAULT_COMPARE);

const showCode = (): void => {
  byId('train-code').textContent = `# PyTorch\nloss = ${LOSS_INFO[selectedLoss(trainForm)].pytorch}`;
};
trainForm.addEventListener('change', showCode);
showCode();

const client = new TrainerClient(BACKEND_CHOICE);

function showBackend(report: BackendReport): void {
  state.backend = report;
  backendLine.dataset.backend = report.backend;
  const where = report.backend === 'webgpu' ? `WebGPU on ${report.detail}` : `the CPU (${report.backend}: ${report.detail})`;
  backendLine.textContent = `training on ${where}${report.fallbackReason ? `; WebGPU not used: ${report.fallbackReason}` : ''}`;
  if (report.software) {
    const link = document.createElement('a');
    link.href = '?backend=wasm';
    link.textContent = 'train on the CPU (wasm) instead, much faster than a software GPU';
    backendLine.append(' (', link, ')');
  }
}

function setBusy(busy: boolean): void {
  state.busy = busy;
  trainButton.disabled = busy;
  compareButton.disabled = busy;
  stopButton.disabled = !busy;
}

const last = (run: RunView): EpochReport | undefined => run.epochs[run.epochs.length - 1];

/**
 * Draws at most once per animation frame, the latest request for `key` winning: on the wasm kernels
 * a small model reports hundreds of epochs a second, more than the page can redraw.
 */
const frames = new Map<string, () => void>();
function drawSoon(key: string, draw: () => void): void {
  if (!frames.has(key)) {
    requestAnimationFrame(() => {
      const latest = frames.get(key);
      frames.delete(key);
      latest?.();
    });
  }
  frames.set(key, draw);
}

function drawTrain(run: RunView): void {
  const e = run.epochs;
  drawChart(byId('loss-chart'), [
    { label: `training loss (${LOSS_INFO[run.loss].label})`, color: COLORS[run.loss], values: e.map((r) => r.trainLoss) },
    { label: 'test cross entropy', color: '#777', values: e.map((r) => r.testNll), dashed: true },
  ], { title: 'loss', xMax: run.job.epochs });
  drawChart(byId('acc-chart'), [
    { label: 'training accuracy', color: COLORS[run.loss], values: e.map((r) => r.trainAccuracy) },
    { label: 'test accuracy', color: '#777', values: e.map((r) => r.accuracy), dashed: true },
  ], { title: 'accuracy', xMax: run.job.epochs, yRange: [0, 1] });
  const r = last(run);
  byId('train-status').textContent = run.error
    ? `stopped: ${run.error}`
    : r === undefined
      ? 'loading data…'
      : `epoch ${r.epoch}/${run.job.epochs}: training loss ${r.trainLoss.toFixed(4)}, test accuracy ${(r.accuracy * 100).toFixed(1)}%` +
        (run.done ? `, done in ${run.seconds.toFixed(1)} s` : '');
}

function drawCompare(runs: readonly RunView[]): void {
  const xMax = runs[0]?.job.epochs ?? 1;
  const series = (pick: (r: EpochReport) => number) => runs.map((run) => ({ label: LOSS_INFO[run.loss].label, color: COLORS[run.loss], values: run.epochs.map(pick) }));
  drawChart(byId('compare-loss'), series((r) => r.trainLoss), { title: 'training loss (each in its own units)', xMax });
  drawChart(byId('compare-recall'), series((r) => r.minorityRecall), { title: 'test recall of the rarest classes', xMax, yRange: [0, 1] });
  drawChart(byId('compare-ece'), series((r) => r.ece), { title: 'test expected calibration error', xMax });
  renderMetricsTable(byId('compare-table'), runs.map((run) => ({ label: LOSS_INFO[run.loss].label, color: COLORS[run.loss], metrics: last(run) })));
}

/** Runs one job in the worker, redrawing at every epoch. */
async function runView(job: Job, redraw: (run: RunView) => void): Promise<RunView> {
  const run: RunView = { loss: job.loss, job, summary: null, epochs: [], confusion: null, done: false, error: null, seconds: 0 };
  redraw(run);
  try {
    const result = await client.run(job, {
      data: (summary) => (run.summary = summary),
      epoch: (report) => {
        run.epochs.push(report);
        redraw(run);
      },
    });
    run.confusion = result.confusion;
    run.seconds = result.seconds;
    run.done = true;
  } catch (e) {
    run.error = e instanceof Error ? e.message : String(e);
  }
  redraw(run);
  return run;
}

trainForm.addEventListener('submit', (event) => {
  event.preventDefault();
  setBusy(true);
  const job = readJob(trainForm, selectedLoss(trainForm));
  void runView(job, (run) => {
    state.train = run;
    drawSoon('train', () => {
      drawTrain(run);
      if (run.confusion && run.summary) renderConfusion(byId('confusion'), run.confusion, run.summary.classNames);
    });
  }).finally(() => setBusy(false));
});

compareForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const losses = checkedLosses(compareForm);
  if (losses.length === 0) return;
  setBusy(true);
  const runs: RunView[] = [];
  state.compare = runs;
  void (async () => {
    for (const [i, loss] of losses.entries()) {
      byId('compare-status').textContent = `training ${i + 1} of ${losses.length}: ${LOSS_INFO[loss].label}…`;
      const run = await runView(readJob(compareForm, loss), (r) => {
        runs[i] = r;
        drawSoon('compare', () => drawCompare(runs));
      });
      if (run.error !== null) {
        byId('compare-status').textContent = `stopped: ${run.error}`;
        return;
      }
    }
    const seconds = runs.reduce((a, r) => a + r.seconds, 0);
    byId('compare-status').textContent = `${runs.length} losses trained in ${seconds.toFixed(1)} s; the best value of each column in bold`;
  })().finally(() => setBusy(false));
});

stopButton.addEventListener('click', () => {
  client.stop();
  void client.ready.then(showBackend);
});

setBusy(true);
client.ready.then(
  (report) => {
    showBackend(report);
    setBusy(false);
  },
  (e: unknown) => {
    backendLine.textContent = `the training worker failed: ${e instanceof Error ? e.message : String(e)}`;
  },
);
