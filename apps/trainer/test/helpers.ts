import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(APP_DIR, 'dist', 'bin.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`node dist/bin.js ...args`) and collects its output. */
export function runCli(args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: cwd ?? tmpdir(),
      env: { ...process.env, npm_lifecycle_event: '', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `torchlet-trainer-${prefix}-`));
}

/** Tensor names and raw data bytes of a safetensors file (header parsed by hand, independent of torchlet). */
export function readSafetensors(path: string): { header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>; data: Buffer } {
  const bytes = readFileSync(path);
  const n = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + n).toString('utf8')) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  delete header.__metadata__;
  return { header, data: bytes.subarray(8 + n) };
}

/** The `__metadata__` of a safetensors file. */
export function readSafetensorsMetadata(path: string): Record<string, string> {
  const bytes = readFileSync(path);
  const n = Number(bytes.readBigUInt64LE(0));
  return (JSON.parse(bytes.subarray(8, 8 + n).toString('utf8')) as { __metadata__?: Record<string, string> }).__metadata__ ?? {};
}

/** The files of a commit, reachable as `<run>/<name>` (links into `current`). */
const COMMITTED = ['checkpoint.safetensors', 'model.safetensors', 'metrics.csv', 'steps.csv', 'report.json', 'curves.svg'];

/** A number from the checkpoint's packed JSON (non-finite numbers are `{ "$number": "NaN" }`). */
const num = (v: unknown): number => (typeof v === 'number' ? v : Number((v as { $number: string }).$number));

/**
 * Reads a run folder as someone who never resumes it would, through its ordinary names, and
 * checks that everything visible belongs to one committed epoch: the commit manifest's checksums
 * match the files seen, the checkpoint's progress, metrics.csv, steps.csv (parsed with csv-parse),
 * model.safetensors and report.json agree with each other. Returns that epoch, or null when the
 * folder does not exist (a run killed while creating it leaves nothing visible).
 *
 * With `commit` (a target of `current`, read once by a reader racing a live run), the files are
 * read from that commit folder instead of through the links, which later commits move on.
 */
export function expectConsistentRunFolder(runDir: string, commit?: string): number | null {
  if (!existsSync(runDir)) return null;
  const dir = commit === undefined ? runDir : join(runDir, commit);
  const fail = (what: string): never => {
    throw new Error(`run folder ${dir} is inconsistent: ${what}`);
  };
  JSON.parse(readFileSync(join(runDir, 'config.json'), 'utf8'));
  if (!existsSync(join(runDir, 'init.safetensors'))) fail('no init.safetensors');
  const manifest = JSON.parse(readFileSync(join(dir, commit === undefined ? 'current' : '.', 'commit.json'), 'utf8')) as {
    epoch: number;
    step: number;
    files: Record<string, { bytes: number; sha256: string }>;
  };
  const epoch = manifest.epoch;
  for (const name of COMMITTED) {
    const listed = manifest.files[name];
    if (!listed) {
      if (existsSync(join(dir, name))) fail(`${name} is visible but not in the commit of epoch ${epoch}`);
      continue;
    }
    const sha = createHash('sha256').update(readFileSync(join(dir, name))).digest('hex');
    if (sha !== listed.sha256) fail(`${name} is not the one committed with epoch ${epoch}`);
  }
  for (const name of ['checkpoint.safetensors', 'model.safetensors', 'metrics.csv', 'steps.csv']) if (!manifest.files[name]) fail(`the commit has no ${name}`);

  const packed = JSON.parse(readSafetensorsMetadata(join(dir, 'checkpoint.safetensors'))['torchlet.trainer']) as {
    progress: { epochsDone: number; globalStep: number; history: Record<string, unknown>[]; stepLosses: unknown[] };
  };
  const progress = packed.progress;
  if (progress.epochsDone !== epoch || progress.globalStep !== manifest.step) fail(`the checkpoint is at epoch ${progress.epochsDone}, the commit at ${epoch}`);

  const metrics = parse(readFileSync(join(dir, 'metrics.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  if (metrics.length !== epoch) fail(`metrics.csv has ${metrics.length} epochs, the checkpoint ${epoch}`);
  const fields: Record<string, string> = { epoch: 'epoch', step: 'step', lr: 'lr', train_loss: 'trainLoss', train_accuracy: 'trainAccuracy', test_loss: 'testLoss', test_accuracy: 'testAccuracy', seconds: 'seconds' };
  metrics.forEach((row, i) => {
    for (const [column, key] of Object.entries(fields)) {
      if (!Object.is(Number(row[column]), num(progress.history[i][key]))) fail(`metrics.csv row ${i + 1} ${column} differs from the checkpoint's history`);
    }
  });

  const steps = parse(readFileSync(join(dir, 'steps.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  if (steps.length !== manifest.step) fail(`steps.csv has ${steps.length} steps, the checkpoint ${manifest.step}`);
  steps.forEach((row, i) => {
    if (Number(row.step) !== i + 1 || !Object.is(Number(row.train_loss), num(progress.stepLosses[i]))) fail(`steps.csv row ${i + 1} differs from the checkpoint`);
  });

  const model = readSafetensors(join(dir, 'model.safetensors'));
  const ckpt = readSafetensors(join(dir, 'checkpoint.safetensors'));
  for (const [name, info] of Object.entries(model.header)) {
    const c = ckpt.header[`model.${name}`];
    if (!c) fail(`the checkpoint has no model.${name}`);
    const a = model.data.subarray(info.data_offsets[0], info.data_offsets[1]);
    const b = ckpt.data.subarray(c.data_offsets[0], c.data_offsets[1]);
    if (!a.equals(b)) fail(`model.safetensors ${name} differs from the checkpoint's`);
  }

  if (manifest.files['report.json']) {
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { epochsDone: number };
    if (report.epochsDone !== epoch) fail(`report.json is for epoch ${report.epochsDone}, the commit ${epoch}`);
  }
  return epoch;
}
