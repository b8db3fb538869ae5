// The generated module that embeds the wasm kernels must match assembly/kernels.ts: recompile and compare.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('src/backend/wasm/generated.ts', () => {
  it('matches the AssemblyScript sources (node scripts/build-wasm.mjs --check)', () => {
    const out = execFileSync(process.execPath, [join(root, 'scripts/build-wasm.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('matches');
  }, 180_000);
});
