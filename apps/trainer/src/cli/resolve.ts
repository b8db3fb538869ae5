import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { DatasetName } from '../data/index.js';
import { RUN_FILES } from '../report/run-files.js';
import { hasCommit, staleStagingFolders } from '../report/run-folder.js';
import {
  defaultLr,
  type ClassWeightsMode,
  type LossName,
  type ModelName,
  type OptimizerName,
  type SchedulerName,
  type SequenceOptions,
  type TrainConfig,
} from '../train/config.js';
import type { RunConfigFile } from '../train/run.js';
import type { TrainDevice } from '../train/device.js';

/** A problem with the command line: printed with a one-line hint to --help, exit code 2, nothing written. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A file or folder named on the command line is unusable: one line naming it and what is wrong, exit code 2. */
export class InputFileError extends Error {
  override name = 'InputFileError';
}

/** The folder relative paths are resolved against: the user's shell folder under `pnpm start`. */
export function baseDir(): string {
  return process.env.npm_lifecycle_event === 'start' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
}

export function resolvePath(path: string): string {
  return isAbsolute(path) ? path : resolve(baseDir(), path);
}

/** The options commander parsed (shared by train and compare). */
export interface CommonOptions {
  dataset: DatasetName;
  perClass?: number;
  testFraction: number;
  imbalance?: number;
  seed: number;
  model: ModelName;
  hidden?: number[];
  hiddenSize?: number;
  layers?: number;
  heads?: number;
  ffSize?: number;
  embeddingDim?: number;
  dropout?: number;
  labelSmoothing: number;
  classWeights: ClassWeightsMode;
  gamma: number;
  alpha?: number[];
  margin: number;
  optimizer: OptimizerName;
  lr?: number;
  momentum: number;
  nesterov: boolean;
  weightDecay?: number;
  scheduler: SchedulerName;
  stepSize?: number;
  stepGamma: number;
  epochs?: number;
  batchSize?: number;
  out: string;
  name?: string;
  quiet: boolean;
  device: TrainDevice;
}

const NUM_CLASSES: Record<DatasetName, number> = { iris: 3, digits: 10, names: 2 };

/** Samples kept per class before the split when --per-class is not given (iris ignores it and keeps all 50). */
const DEFAULT_PER_CLASS: Record<DatasetName, number> = { iris: 200, digits: 200, names: 1000 };

const SEQUENCE_FLAGS = [
  ['hiddenSize', '--hidden-size'],
  ['layers', '--layers'],
  ['heads', '--heads'],
  ['ffSize', '--ff-size'],
  ['embeddingDim', '--embedding-dim'],
  ['dropout', '--dropout'],
] as const;

/** The lstm / transformer sizes from the options (undefined for the other models, which refuse them). */
function resolveSequence(o: CommonOptions): SequenceOptions | undefined {
  const sequential = o.model === 'lstm' || o.model === 'transformer';
  const given = SEQUENCE_FLAGS.filter(([key]) => o[key] !== undefined).map(([, flag]) => flag);
  if (!sequential) {
    if (given.length > 0) throw new UsageError(`${given.join(', ')} apply to --model lstm and transformer only (got --model ${o.model})`);
    return undefined;
  }
  const hiddenSize = o.hiddenSize ?? 64;
  const heads = o.heads ?? 4;
  if (o.model === 'lstm' && (o.heads !== undefined || o.ffSize !== undefined || o.dropout !== undefined)) {
    throw new UsageError(`--heads, --ff-size and --dropout apply to --model transformer only`);
  }
  if (o.model === 'transformer') {
    if (o.embeddingDim !== undefined) throw new UsageError(`--embedding-dim applies to --model lstm only (the transformer embeds to --hidden-size)`);
    if (hiddenSize % heads !== 0) throw new UsageError(`--heads must divide --hidden-size: ${heads} does not divide ${hiddenSize}`);
  }
  if (o.embeddingDim !== undefined && o.dataset !== 'names') throw new UsageError(`--embedding-dim applies to text (--dataset names) only`);
  return { hiddenSize, layers: o.layers ?? 1, heads, ffSize: o.ffSize ?? 2 * hiddenSize, embeddingDim: o.embeddingDim ?? 32, dropout: o.dropout ?? 0.1 };
}

/** A full TrainConfig from the parsed options, with the data-set dependent defaults; checks combinations. */
export function resolveConfig(o: CommonOptions, loss: LossName): TrainConfig {
  if (o.model === 'cnn' && o.dataset !== 'digits') throw new UsageError(`--model cnn needs image input: use --dataset digits (got --dataset ${o.dataset})`);
  if (o.hidden && o.model !== 'mlp') throw new UsageError(`--hidden applies to --model mlp only (got --model ${o.model})`);
  if (o.perClass !== undefined && o.dataset === 'iris') throw new UsageError(`--per-class applies to --dataset digits and names only`);
  if (o.nesterov && (o.optimizer !== 'sgd' || o.momentum <= 0)) throw new UsageError(`--nesterov needs --optimizer sgd and --momentum > 0`);
  if (o.momentum > 0 && o.optimizer !== 'sgd' && o.optimizer !== 'rmsprop') throw new UsageError(`--momentum applies to sgd and rmsprop (got --optimizer ${o.optimizer})`);
  const k = NUM_CLASSES[o.dataset];
  if (o.alpha && o.alpha.length !== 1 && o.alpha.length !== k) {
    throw new UsageError(`--alpha needs 1 value or one per class (${k} for ${o.dataset}), got ${o.alpha.length}`);
  }
  const sequence = resolveSequence(o);
  const epochs = o.epochs ?? (o.dataset === 'iris' ? 100 : 5);
  const iris = o.dataset === 'iris';
  return {
    dataset: o.dataset,
    perClass: o.perClass ?? DEFAULT_PER_CLASS[o.dataset],
    testFraction: o.testFraction,
    ...(o.imbalance !== undefined ? { imbalance: o.imbalance } : {}),
    seed: o.seed,
    model: o.model,
    hidden: o.model === 'mlp' ? (o.hidden ?? (iris ? [16] : [64])) : [],
    ...(sequence ? { sequence } : {}),
    loss,
    labelSmoothing: o.labelSmoothing,
    classWeights: o.classWeights,
    gamma: o.gamma,
    ...(o.alpha ? { alpha: o.alpha } : {}),
    margin: o.margin,
    optimizer: o.optimizer,
    lr: o.lr ?? defaultLr(o.optimizer),
    momentum: o.momentum,
    nesterov: o.nesterov,
    weightDecay: o.weightDecay ?? (o.optimizer === 'adamw' ? 0.01 : 0),
    scheduler: o.scheduler,
    stepSize: o.stepSize ?? Math.max(1, Math.floor(epochs / 3)),
    stepGamma: o.stepGamma,
    epochs,
    batchSize: o.batchSize ?? (iris ? 16 : 64),
  };
}

/** `dataset-model-loss-YYYYMMDD-HHMMSS` */
export function defaultRunName(cfg: TrainConfig, suffix = ''): string {
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
  return `${cfg.dataset}-${cfg.model}-${cfg.loss}${suffix}-${stamp}`;
}

/** Checks that `--out` is a folder, or can become one (no part of its path is a file). */
function checkOutDir(out: string): void {
  for (let dir = resolvePath(out); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      if (statSync(dir).isDirectory()) return;
      throw new InputFileError(`--out: ${dir} is a file, not a folder: name a folder to hold run folders`);
    }
    if (dirname(dir) === dir) return;
  }
}

/**
 * A new run folder path that does not exist yet (an explicit `--name` that exists is refused,
 * unless it is an older trainer's folder killed before its first checkpoint).
 */
export function newRunDir(out: string, name: string, explicit: boolean): string {
  checkOutDir(out);
  const base = join(resolvePath(out), name);
  if (!existsSync(base) || isUnstartedRunDir(base)) return base;
  if (explicit) throw new UsageError(`run folder ${base} already exists: pick another --name or continue it with --resume`);
  for (let i = 2; ; i++) if (!existsSync(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * A run folder that an older trainer (plain files, the checkpoint written last) left when it was
 * killed before its first checkpoint: it holds nothing but run files and temporaries, so a new run
 * may replace it. A folder made by this trainer is never in that state: it appears whole.
 */
export function isUnstartedRunDir(dir: string): boolean {
  if (!statSync(dir).isDirectory() || hasCommit(dir) || existsSync(join(dir, RUN_FILES.checkpoint))) return false;
  const known = new Set<string>(Object.values(RUN_FILES));
  return readdirSync(dir).every((f) => known.has(f) || /^\..+\.\d+\.\d+\.tmp$/.test(f));
}

/** The folder named by `--resume` (a path, or a name inside `--out`), checked to hold a resumable run. */
export function findRunDir(run: string, out: string): { dir: string; file: RunConfigFile } {
  const candidates = [resolvePath(run), join(resolvePath(out), run)];
  const dir = candidates.find((c) => existsSync(c) && statSync(c).isDirectory());
  if (!dir) {
    // A run killed while its folder was being created leaves only a hidden, half-built folder beside it.
    if (candidates.some((c) => staleStagingFolders(dirname(c), basename(c)).length > 0)) {
      throw new UsageError(`--resume: run folder '${run}' was stopped before it was created: start it again with the same command`);
    }
    throw new UsageError(`--resume: run folder '${run}' not found (looked in ${candidates.join(' and ')})`);
  }
  const configPath = join(dir, RUN_FILES.config);
  if (!existsSync(configPath) || (!hasCommit(dir) && !existsSync(join(dir, RUN_FILES.checkpoint)))) {
    if (isUnstartedRunDir(dir)) throw new UsageError(`--resume: ${dir} was stopped before its first checkpoint: start it again with the same command (the same --name reuses the folder)`);
    throw new UsageError(`--resume: ${dir} has no ${existsSync(configPath) ? RUN_FILES.checkpoint : RUN_FILES.config}: not a run folder`);
  }
  let file: RunConfigFile;
  try {
    file = JSON.parse(readFileSync(configPath, 'utf8')) as RunConfigFile;
  } catch (err) {
    throw new UsageError(`--resume: ${configPath} is not valid JSON (${(err as Error).message})`);
  }
  if (typeof file !== 'object' || file === null || typeof file.config !== 'object') throw new UsageError(`--resume: ${configPath} has no "config" object`);
  return { dir, file };
}
