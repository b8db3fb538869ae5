import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileDurable } from './files.js';
import { RUN_FILES } from './run-files.js';

/*
 * A run folder changes as one unit. Everything that changes while a run trains (the checkpoint,
 * model.safetensors, metrics.csv, steps.csv, and at the end of an invocation report.json and
 * curves.svg) is written into a fresh commit folder `epochs/<epoch>/`, closed by `commit.json`;
 * then the symbolic link `current` is pointed at it by one atomic rename, which is the commit.
 * The names a reader uses (`model.safetensors`, `metrics.csv`, ...) are fixed links
 * `<name> -> current/<name>`, so every open sees one committed epoch, never a mix. A run folder
 * itself appears by one rename of a fully written hidden folder (`.<name>.creating-<pid>`), so it
 * never exists without its config.json and its epoch-0 commit.
 *
 *   runs/<run>/config.json, init.safetensors        written once, when the folder is created
 *   runs/<run>/current -> epochs/000042             the commit point
 *   runs/<run>/epochs/000042/{commit.json, checkpoint.safetensors, model.safetensors, ...}
 *   runs/<run>/model.safetensors -> current/model.safetensors   (and the other files)
 *
 * The previous commit is kept (a reader that resolved `current` just before a commit can still
 * open its files); older ones and uncommitted leftovers of a killed process are deleted.
 */

/** The link that names the committed state. */
export const CURRENT = 'current';
/** The folder that holds the commits. */
export const EPOCHS = 'epochs';
/** The manifest that closes a commit folder: what it holds and their checksums. */
export const COMMIT_MANIFEST = 'commit.json';

/** The files of a commit, each also reachable as `<run>/<name>` through a link into `current`. */
export const COMMITTED_FILES = [
  RUN_FILES.checkpoint,
  RUN_FILES.model,
  RUN_FILES.metrics,
  RUN_FILES.steps,
  RUN_FILES.report,
  RUN_FILES.curves,
] as const;
export type CommittedFile = (typeof COMMITTED_FILES)[number];
export type CommitFiles = Partial<Record<CommittedFile, string | Uint8Array>>;

export interface CommitInfo {
  /** Epochs completed in this state. */
  epoch: number;
  /** Optimizer steps completed. */
  step: number;
  /** The run's target number of epochs (a resume extending --epochs changes it). */
  epochs: number;
}

export interface CommitManifest extends CommitInfo {
  /** The commit folder's name inside `epochs/`. */
  id: string;
  createdAt: string;
  files: Record<string, { bytes: number; sha256: string }>;
}

/** fsync a folder, so the names created or renamed in it survive a crash (a no-op where the OS refuses). */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms and file systems cannot open or fsync a folder; the renames are still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Points the link `dir/name` at `target` in one atomic step (a new link renamed over the old name). */
function replaceLink(dir: string, name: string, target: string): void {
  const tmp = join(dir, `.${name}.link-${process.pid}`);
  rmSync(tmp, { force: true });
  symlinkSync(target, tmp);
  renameSync(tmp, join(dir, name));
}

function readLink(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

/** The commit folder name `current` points at (`000042`), or null when the folder has no commit yet. */
export function currentCommitId(runDir: string): string | null {
  const target = readLink(join(runDir, CURRENT));
  return target === null ? null : basename(target);
}

/** The manifest of the committed state, or null for a folder without a readable one (a run folder of an older trainer). */
export function readCommit(runDir: string): CommitManifest | null {
  if (currentCommitId(runDir) === null) return null;
  try {
    return JSON.parse(readFileSync(join(runDir, CURRENT, COMMIT_MANIFEST), 'utf8')) as CommitManifest;
  } catch {
    return null;
  }
}

/** Makes every committed file reachable as `<run>/<name>` (links into `current`); replaces files of an older layout. */
function ensureLinks(runDir: string): void {
  for (const name of COMMITTED_FILES) {
    const target = `${CURRENT}/${name}`;
    if (readLink(join(runDir, name)) !== target) replaceLink(runDir, name, target);
  }
}

/**
 * Writes `files` as a new commit of the run folder and publishes it: the files and their manifest
 * go to a fresh `epochs/<epoch>` folder (each fsynced), then `current` is renamed to point at it.
 * A process killed at any moment leaves `current` at the old commit or the new one.
 */
export function commitRunState(runDir: string, files: CommitFiles, info: CommitInfo): CommitManifest {
  const epochsDir = join(runDir, EPOCHS);
  mkdirSync(epochsDir, { recursive: true });
  const previous = currentCommitId(runDir);
  const base = String(info.epoch).padStart(6, '0');
  let id = base;
  for (let k = 1; existsSync(join(epochsDir, id)); k++) id = `${base}-${k}`;
  const dir = join(epochsDir, id);
  mkdirSync(dir);
  const manifest: CommitManifest = { ...info, id, createdAt: new Date().toISOString(), files: {} };
  for (const [name, data] of Object.entries(files)) {
    if (data === undefined) continue;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    writeFileDurable(join(dir, name), bytes);
    manifest.files[name] = { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  writeFileDurable(join(dir, COMMIT_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  fsyncDir(dir);
  fsyncDir(epochsDir);
  // The commit.
  replaceLink(runDir, CURRENT, `${EPOCHS}/${id}`);
  fsyncDir(runDir);
  ensureLinks(runDir);
  pruneCommits(runDir, [id, previous]);
  return manifest;
}

/** Deletes the commit folders other than `keep` (older commits, leftovers of a killed process). */
function pruneCommits(runDir: string, keep: readonly (string | null)[]): void {
  const epochsDir = join(runDir, EPOCHS);
  if (!existsSync(epochsDir)) return;
  for (const name of readdirSync(epochsDir)) {
    if (!keep.includes(name)) rmSync(join(epochsDir, name), { recursive: true, force: true });
  }
}

/**
 * Before a resumed run writes anything: deletes what a killed process left half done (commit
 * folders that never became `current`, temporary links, an older trainer's temporary files).
 */
export function tidyRunFolder(runDir: string): void {
  const current = currentCommitId(runDir);
  if (current !== null) pruneCommits(runDir, [current]);
  for (const name of readdirSync(runDir)) {
    if (/^\..+\.link-\d+$/.test(name) || LEGACY_TEMPORARY.test(name)) rmSync(join(runDir, name), { force: true });
  }
}

/** Temporary files of the trainer's earlier layout (one atomic write per file). */
const LEGACY_TEMPORARY = /^\..+\.\d+\.\d+\.tmp$/;

/** The hidden folder a run folder is built in before it appears. */
const STAGING = /^\.(.+)\.creating-(\d+)$/;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Half-built run folders in `parent` left by processes that no longer run (for `name` only, when given). */
export function staleStagingFolders(parent: string, name?: string): string[] {
  if (!existsSync(parent)) return [];
  return readdirSync(parent).filter((entry) => {
    const m = STAGING.exec(entry);
    return m !== null && (name === undefined || m[1] === name) && Number(m[2]) !== process.pid && !processAlive(Number(m[2]));
  });
}

/**
 * Creates a run folder in one step: `fixed` files (config.json, init.safetensors) and the first
 * commit are written into a hidden folder beside it, which is then renamed to `runDir`. Half-built
 * folders of killed processes in the same parent are deleted first. An existing `runDir` without a
 * checkpoint (an older trainer's folder killed before its first one) is replaced; one with a
 * checkpoint never is.
 */
export function createRunFolder(runDir: string, fixed: Record<string, string | Uint8Array>, first: CommitFiles, info: CommitInfo): void {
  const parent = dirname(runDir);
  mkdirSync(parent, { recursive: true });
  for (const stale of staleStagingFolders(parent)) rmSync(join(parent, stale), { recursive: true, force: true });
  const staging = join(parent, `.${basename(runDir)}.creating-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  for (const [name, data] of Object.entries(fixed)) writeFileDurable(join(staging, name), data);
  commitRunState(staging, first, info);
  if (existsSync(runDir)) {
    // Never replace a run folder with a commit (another process may have created it meanwhile).
    if (hasCommit(runDir) || existsSync(join(runDir, RUN_FILES.checkpoint))) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`run folder ${runDir} was created by another process meanwhile`);
    }
    rmSync(runDir, { recursive: true, force: true });
  }
  renameSync(staging, runDir);
  fsyncDir(parent);
}

/** Whether `dir` has the committed layout (a `current` link), as opposed to an older trainer's plain files. */
export function hasCommit(dir: string): boolean {
  try {
    return lstatSync(join(dir, CURRENT)).isSymbolicLink();
  } catch {
    return false;
  }
}
