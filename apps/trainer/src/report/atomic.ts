import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

let counter = 0;

/**
 * Write a file atomically: the bytes go to a temporary file in the same folder, which is fsynced
 * and then renamed over the target, so readers see either the old file or the whole new one.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    const fd = openSync(tmp, 'w');
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Deletes temporary files left in `dir` by writes that a killed process never finished. */
export function removeStaleTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (/^\..+\.\d+\.\d+\.tmp$/.test(name)) rmSync(join(dir, name), { force: true });
  }
}
