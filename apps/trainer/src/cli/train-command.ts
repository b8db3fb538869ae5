import type { Command } from 'commander';
import { findTorchPython, INSTALL_HINT } from '../parity/python.js';
import { runParity } from '../parity/run.js';
import { readCommit } from '../report/run-folder.js';
import { formatRunSummary } from '../report/summary.js';
import type { LossName, TrainConfig } from '../train/config.js';
import { EXPLODING_FACTOR, runTraining, type Divergence } from '../train/run.js';
import { EXIT } from './exit-codes.js';
import { baseDir, defaultRunName, findRunDir, newRunDir, resolveConfig, UsageError, type CommonOptions } from './resolve.js';

export interface TrainOptions extends CommonOptions {
  loss: LossName;
  resume?: string;
  stopAfter?: number;
  parity: boolean;
}

/** Options that may accompany --resume (everything else comes from the run's config.json). */
const RESUME_COMPATIBLE = new Set(['resume', 'epochs', 'stopAfter', 'quiet', 'out', 'parity', 'device']);

function checkResumeFlags(cmd: Command): void {
  const given = Object.keys(cmd.opts()).filter((k) => cmd.getOptionValueSource(k) === 'cli' && !RESUME_COMPATIBLE.has(k));
  if (given.length > 0) {
    const flags = given.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    throw new UsageError(`--resume takes the run's settings from its config.json; drop ${flags.join(', ')} (only --epochs, --stop-after, --parity, --quiet, --device may change)`);
  }
}

/** What went wrong, for the one-line error of a diverged run. */
export function describeDivergence(d: Divergence): string {
  if (d.kind === 'non-finite') return `the training loss became ${d.value} at step ${d.step} (epoch ${d.epoch}, batch ${d.batch})`;
  return (
    `the training loss exploded in epoch ${d.epoch}: its mean ${d.meanLoss.toExponential(2)} is over ${EXPLODING_FACTOR}x ` +
    `the run's initial loss ${d.initialLoss.toFixed(4)}`
  );
}

/** Minimum seconds between checkpoints: $TORCHLET_CHECKPOINT_SECONDS (0 = every epoch), default 2. */
function checkpointSeconds(): number {
  const v = Number(process.env.TORCHLET_CHECKPOINT_SECONDS);
  return process.env.TORCHLET_CHECKPOINT_SECONDS !== undefined && Number.isFinite(v) && v >= 0 ? v : 2;
}

/** `torchlet-train [train]`: validates everything first (nothing is written on a usage error), then trains. */
export async function trainCommand(opts: TrainOptions, cmd: Command): Promise<number> {
  let config: TrainConfig;
  let runDir: string;
  const resume = opts.resume !== undefined;
  if (opts.resume !== undefined) {
    checkResumeFlags(cmd);
    const found = findRunDir(opts.resume, opts.out);
    runDir = found.dir;
    // The run length is that of the committed state (a resume that extended --epochs commits the new length).
    const committed = readCommit(runDir);
    config = { ...found.file.config, epochs: opts.epochs ?? committed?.epochs ?? found.file.config.epochs };
  } else {
    config = resolveConfig(opts, opts.loss);
    if (opts.labelSmoothing > 0 && config.loss !== 'cross-entropy') throw new UsageError(`--label-smoothing applies to --loss cross-entropy only`);
    runDir = newRunDir(opts.out, opts.name ?? defaultRunName(config), opts.name !== undefined);
  }
  if (opts.stopAfter !== undefined && opts.parity) throw new UsageError(`--parity compares a whole run: drop --stop-after`);
  if (opts.parity && config.sequence && config.model === 'transformer' && config.sequence.dropout > 0) {
    throw new UsageError(`--parity with --model transformer needs --dropout 0: its dropout masks are drawn differently from PyTorch's`);
  }

  let py = null;
  if (opts.parity) {
    py = findTorchPython();
    if (!py) {
      process.stderr.write(`error: ${INSTALL_HINT}\n`);
      return EXIT.noTorch;
    }
  }

  const log = (line: string): void => {
    if (!opts.quiet) process.stdout.write(line + '\n');
  };
  const result = await runTraining({
    config,
    runDir,
    resume,
    stopAfter: opts.stopAfter,
    showProgress: !opts.quiet,
    checkpointSeconds: checkpointSeconds(),
    log,
    info: { argv: process.argv.slice(2), node: process.version, device: opts.device },
    device: opts.device,
  });
  process.stdout.write(formatRunSummary(result, baseDir()) + '\n');

  if (result.diverged) {
    process.stderr.write(`error: ${describeDivergence(result.diverged)}; training stopped. The last good checkpoint (after epoch ${result.checkpointEpoch}) is kept in ${runDir} and the test metrics above are its. Try a smaller --lr.\n`);
    return EXIT.diverged;
  }
  if (!result.finished) {
    process.stdout.write(`stopped after epoch ${result.history.length} of ${config.epochs}; continue with: torchlet-train --resume ${runDir}\n`);
  }
  if (py) {
    const p = await runParity(config, result, py);
    process.stdout.write(
      `\nparity with PyTorch ${p.torchVersion} over ${p.steps} steps: max |loss diff| ${p.maxAbsDiff.toExponential(3)} ` +
        `(step ${p.worstStep}), max relative ${p.maxRelDiff.toExponential(3)}, max |final weight diff| ${p.maxWeightDiff.toExponential(3)}\n` +
        `PyTorch test accuracy ${p.torchTestAccuracy.toFixed(4)}; PyTorch loading model.safetensors: test accuracy ${p.loadedCheckpointTestAccuracy.toFixed(4)}\n` +
        `curves: ${runDir}/parity/parity.svg\n`,
    );
  }
  return EXIT.ok;
}
