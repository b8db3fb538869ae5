import { join } from 'node:path';
import type { SchedulerStateDict } from '@torchlet/optim';
import { manualSeed } from '@torchlet/tensor-core';
import { prepareData, type Split } from '../data/index.js';
import { epochOrder } from '../data/rng.js';
import { buildModel } from '../models/build.js';
import { describeModel, modelSpec, type LayerSpec } from '../models/spec.js';
import { evaluate, type Evaluation } from '../report/metrics.js';
import { EpochProgress } from '../report/progress.js';
import { RUN_FILES, curvesSvg, metricsCsv, stepsCsv } from '../report/run-files.js';
import { commitRunState, createRunFolder, hasCommit, tidyRunFolder, type CommitFiles, type CommitInfo } from '../report/run-folder.js';
import {
  CheckpointError,
  loadCheckpoint,
  checkpointSafetensors,
  snapshotModelSafetensors,
  takeSnapshot,
  type EpochRecord,
  type Snapshot,
  type TrainerProgress,
} from './checkpoint.js';
import { lossLabel, type TrainConfig } from './config.js';
import { buildLoss, type LossSetup } from './losses.js';
import { openDevice, type TrainDevice } from './device.js';
import { evaluateSplit, trainEpoch, type NonFiniteLoss } from './loop.js';
import { buildOptimizer, buildScheduler, restoreOptimizer } from './optimizers.js';

export interface RunOptions {
  config: TrainConfig;
  runDir: string;
  /** Continue from the run folder's checkpoint. */
  resume: boolean;
  /** Stop after this many epochs in total (as if interrupted). */
  stopAfter?: number;
  showProgress: boolean;
  log: (line: string) => void;
  /** Minimum seconds between checkpoints (default 2; 0 saves after every epoch). */
  checkpointSeconds?: number;
  /** Extra fields for config.json (command line, versions). */
  info?: Record<string, unknown>;
  /** Where to train (default 'cpu'): a run may resume on another device. */
  device?: TrainDevice;
}

export interface RunResult {
  runDir: string;
  layers: LayerSpec[];
  data: Split;
  loss: LossSetup;
  history: EpochRecord[];
  stepLosses: number[];
  /** Test-split metrics of the final (or last good) weights. */
  evaluation: Evaluation;
  finished: boolean;
  /** Set when training diverged and stopped (see `Divergence`); the weights reported are the last healthy ones. */
  diverged?: Divergence;
  /** The epoch the checkpoint on disk was saved after. */
  checkpointEpoch: number;
  seconds: number;
}

/**
 * Why a run stopped as diverged. `non-finite`: a step's training loss was NaN or infinite (that
 * step's update was not applied). `exploding`: an epoch's mean training loss was above
 * `EXPLODING_FACTOR` times the run's initial loss (the loss of its very first step, before any
 * update), so that epoch's weights are discarded too.
 */
export type Divergence =
  | (NonFiniteLoss & { kind: 'non-finite'; epoch: number })
  | { kind: 'exploding'; epoch: number; step: number; meanLoss: number; initialLoss: number };

/**
 * An epoch whose mean training loss exceeds this multiple of the run's initial loss has diverged.
 * The initial loss (a randomly initialised model's) is about the worst a working run sees: the
 * epoch mean smooths over single noisy batches, and a run that learns stays below it.
 */
export const EXPLODING_FACTOR = 10;

/** The signals that stop a run cleanly, and the exit code of each (128 + the signal number, as a shell reports it). */
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

/**
 * Thrown by `runTraining` when SIGINT or SIGTERM stopped it: the last completed epoch is committed
 * (checkpoint, model.safetensors, metrics.csv and steps.csv together), so `--resume runDir` continues.
 */
export class TrainingInterrupted extends Error {
  override name = 'TrainingInterrupted';
  constructor(
    readonly signal: StopSignal,
    readonly runDir: string,
    readonly checkpointEpoch: number,
  ) {
    super(`interrupted by ${signal}: saved the checkpoint after epoch ${checkpointEpoch}; continue with: torchlet-train --resume ${runDir}`);
  }
  get exitCode(): number {
    return STOP_SIGNALS[this.signal];
  }
}

/** The config.json of a run folder. */
export interface RunConfigFile {
  config: TrainConfig;
  info: Record<string, unknown>;
}

/** Trains (or resumes) one run and keeps its folder up to date after every epoch. */
export async function runTraining(options: RunOptions): Promise<RunResult> {
  // SIGINT / SIGTERM set a flag that the loop checks between epochs (an epoch is synchronous, so
  // the signal is seen once the current epoch ends); a second signal exits at once (the run
  // folder changes by atomic commits only, so that is safe too).
  let stopSignal: StopSignal | undefined;
  const handlers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((sig) => {
    const handler = (): void => {
      if (stopSignal) process.exit(STOP_SIGNALS[sig]);
      stopSignal = sig;
    };
    process.on(sig, handler);
    return [sig, handler] as const;
  });
  const closeDevice = await openDevice(options.device ?? 'cpu', options.log);
  try {
    return await runTrainingInner(options, () => stopSignal);
  } finally {
    closeDevice();
    for (const [sig, handler] of handlers) process.off(sig, handler);
  }
}

async function runTrainingInner(options: RunOptions, stopRequested: () => StopSignal | undefined): Promise<RunResult> {
  const t0 = performance.now();
  const { config: cfg, runDir, log } = options;
  const device = options.device ?? 'cpu';
  const data = prepareData(cfg);
  const numClasses = data.train.classNames.length;
  const layers = modelSpec(cfg.model, data.train.sampleShape, numClasses, cfg.hidden, cfg.sequence, data.train.vocabSize);
  manualSeed(cfg.seed);
  // initialised on the CPU from the seed (the same weights on every device), then moved
  const model = buildModel(layers).to(device);
  const loss = buildLoss(cfg, data.trainCounts, device);
  const optimizer = buildOptimizer([...model.parameters()], cfg);
  const stepsPerEpoch = Math.ceil(data.train.labels.length / cfg.batchSize);
  const schedule = buildScheduler(optimizer, cfg, stepsPerEpoch);

  let progress: TrainerProgress = { epochsDone: 0, globalStep: 0, history: [], stepLosses: [] };
  const checkpointPath = join(runDir, RUN_FILES.checkpoint);
  // Everything a commit holds, from one snapshot: the files can never disagree about the epoch.
  // The last commit of an invocation adds report.json and curves.svg.
  const commitFiles = (snapshot: Snapshot): CommitFiles => ({
    [RUN_FILES.checkpoint]: checkpointSafetensors(snapshot),
    [RUN_FILES.model]: snapshotModelSafetensors(snapshot),
    [RUN_FILES.metrics]: metricsCsv(snapshot.progress.history),
    [RUN_FILES.steps]: stepsCsv(snapshot.progress.stepLosses),
  });
  const commitInfo = (snapshot: Snapshot): CommitInfo => ({ epoch: snapshot.progress.epochsDone, step: snapshot.progress.globalStep, epochs: cfg.epochs });
  let savedEpoch = -1;
  let lastSave = performance.now();
  const persist = (snapshot: Snapshot, extra: CommitFiles = {}): void => {
    commitRunState(runDir, { ...commitFiles(snapshot), ...extra }, commitInfo(snapshot));
    savedEpoch = snapshot.progress.epochsDone;
    lastSave = performance.now();
  };

  if (options.resume) {
    // --resume reads the committed state: `checkpoint.safetensors` is a link into `current`.
    try {
      const ck = loadCheckpoint(checkpointPath);
      model.loadStateDict(ck.model);
      restoreOptimizer(optimizer, ck.optimizer); // loadStateDict moves the state to the params' device
      if (schedule.scheduler && ck.scheduler) schedule.scheduler.loadStateDict(ck.scheduler as SchedulerStateDict);
      progress = ck.progress;
    } catch (err) {
      throw new CheckpointError(checkpointPath, err);
    }
    tidyRunFolder(runDir);
    savedEpoch = progress.epochsDone;
    // A folder of the earlier layout (plain files, the checkpoint last) becomes a committed one.
    if (!hasCommit(runDir)) persist(await takeSnapshot(model, optimizer, schedule.scheduler, progress));
    log(`resuming ${runDir} after epoch ${progress.epochsDone} of ${cfg.epochs} (step ${progress.globalStep})`);
  } else {
    const file: RunConfigFile = {
      config: cfg,
      info: {
        ...options.info,
        model: describeModel(layers),
        classes: data.train.classNames,
        trainSamples: data.train.labels.length,
        testSamples: data.test.labels.length,
        trainCounts: data.trainCounts,
        testCounts: data.testCounts,
        classWeights: loss.classWeights ?? null,
        createdAt: new Date().toISOString(),
      },
    };
    // The folder appears whole, with config.json, the initial weights and the epoch-0 commit (a
    // run interrupted in its first epoch resumes from there).
    const initial = await takeSnapshot(model, optimizer, schedule.scheduler, progress);
    createRunFolder(
      runDir,
      { [RUN_FILES.config]: JSON.stringify(file, null, 2) + '\n', [RUN_FILES.initial]: snapshotModelSafetensors(initial) },
      commitFiles(initial),
      commitInfo(initial),
    );
    savedEpoch = 0;
  }
  // The state after the last completed epoch, kept in memory; committed at most every
  // `checkpointSeconds` (fsync is slow next to an Iris epoch), at the end of this invocation, and
  // on SIGINT / SIGTERM. Since the batch order depends only on (seed, epoch), resuming from any
  // commit gives the same result as never stopping.
  let lastGood: Snapshot = await takeSnapshot(model, optimizer, schedule.scheduler, progress);

  log(
    `${cfg.dataset}: ${data.train.labels.length} train / ${data.test.labels.length} test samples` +
      `${cfg.imbalance !== undefined ? ` (imbalance ${cfg.imbalance}: train counts ${data.trainCounts.join('/')})` : ''}`,
  );
  log(`model: ${describeModel(layers)}; loss: ${lossLabel(cfg)}; optimizer: ${cfg.optimizer} lr ${cfg.lr}${cfg.scheduler !== 'none' ? `, ${cfg.scheduler} schedule` : ''}`);

  const bar = new EpochProgress(options.showProgress);
  const lastEpoch = Math.min(cfg.epochs, options.stopAfter ?? cfg.epochs);
  const logEvery = Math.max(1, Math.round(cfg.epochs / 10));
  let diverged: Divergence | undefined;
  // Throughput over the epochs since the last log line (one tiny Iris epoch is too short to time alone).
  let windowSamples = 0;
  let windowSeconds = 0;
  const stopIfAsked = (): void => {
    const sig = stopRequested();
    if (!sig) return;
    if (lastGood.progress.epochsDone !== savedEpoch) persist(lastGood);
    bar.stop();
    throw new TrainingInterrupted(sig, runDir, savedEpoch);
  };
  for (let epoch = progress.epochsDone; epoch < lastEpoch; epoch++) {
    // Let a pending SIGINT / SIGTERM handler run (the epoch below is synchronous).
    await new Promise<void>((resolve) => setImmediate(resolve));
    stopIfAsked();
    const lr = optimizer.paramGroups[0].lr;
    const label = `epoch ${String(epoch + 1).padStart(String(cfg.epochs).length)}/${cfg.epochs}`;
    const ctx = { model, loss: loss.fn, optimizer, schedule, train: data.train, batchSize: cfg.batchSize, progress: bar, device };
    const result = await trainEpoch(ctx, epochOrder(data.train.labels.length, cfg.seed, epoch), progress.globalStep, label);
    if (result.nonFinite) {
      diverged = { kind: 'non-finite', ...result.nonFinite, epoch: epoch + 1 };
      break;
    }
    // The reference for an exploding loss: the run's first step (kept in the checkpoint, so a resumed run uses the same one).
    const initialLoss = progress.stepLosses[0] ?? result.stepLosses[0];
    if (result.meanLoss > EXPLODING_FACTOR * initialLoss) {
      diverged = { kind: 'exploding', epoch: epoch + 1, step: progress.globalStep + result.stepLosses.length, meanLoss: result.meanLoss, initialLoss };
      break;
    }
    const test = await evaluateSplit(model, loss.fn, data.test, cfg.batchSize, device);
    const record: EpochRecord = {
      epoch: epoch + 1,
      step: progress.globalStep + result.stepLosses.length,
      lr,
      trainLoss: result.meanLoss,
      trainAccuracy: result.accuracy,
      testLoss: test.loss,
      testAccuracy: test.accuracy,
      seconds: result.seconds,
    };
    progress = {
      epochsDone: epoch + 1,
      globalStep: record.step,
      history: [...progress.history, record],
      stepLosses: [...progress.stepLosses, ...result.stepLosses],
    };
    lastGood = await takeSnapshot(model, optimizer, schedule.scheduler, progress);
    // The last epoch of this invocation is committed below, with the report.
    if (epoch + 1 < lastEpoch && performance.now() - lastSave >= (options.checkpointSeconds ?? 2) * 1000) persist(lastGood);
    windowSamples += data.train.labels.length;
    windowSeconds += result.seconds;
    if ((epoch + 1) % logEvery === 0 || epoch + 1 === lastEpoch || epoch === 0) {
      log(
        `${label}  train loss ${record.trainLoss.toFixed(4)} acc ${record.trainAccuracy.toFixed(3)}  ` +
          `test loss ${record.testLoss.toFixed(4)} acc ${record.testAccuracy.toFixed(3)}  ` +
          `${Math.round(windowSamples / Math.max(windowSeconds, 1e-9))} samples/s`,
      );
      windowSamples = 0;
      windowSeconds = 0;
    }
  }

  // A diverged epoch is never committed: the weights reported and committed are the last healthy ones.
  if (diverged) model.loadStateDict(lastGood.model);
  const test = await evaluateSplit(model, loss.fn, data.test, cfg.batchSize, device);
  const evaluation = evaluate(test.predicted, data.test.labels, data.test.classNames);
  const finished = !diverged && progress.epochsDone >= cfg.epochs;
  const report = { finished, epochsDone: progress.epochsDone, testLoss: test.loss, ...evaluation, diverged: diverged ?? null };
  // The last commit of this invocation: the state of the last good epoch with its report and curves.
  persist(lastGood, {
    [RUN_FILES.report]: JSON.stringify(report, null, 2) + '\n',
    [RUN_FILES.curves]: await curvesSvg(progress.history, `${cfg.dataset} ${cfg.model} ${lossLabel(cfg)}`),
  });
  return {
    runDir,
    layers,
    data,
    loss,
    history: progress.history,
    stepLosses: progress.stepLosses,
    evaluation,
    finished,
    diverged,
    checkpointEpoch: savedEpoch,
    seconds: (performance.now() - t0) / 1000,
  };
}
