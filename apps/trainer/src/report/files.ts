import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * Writes a file with `write-file-atomic`: the bytes go to a temporary file beside it, which is
 * fsynced and renamed over the target, so a reader sees the old file or the whole new one.
 * Symbolic links are followed (the target is replaced, not the link).
 */
export function writeFileDurable(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic.sync(path, typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
}
