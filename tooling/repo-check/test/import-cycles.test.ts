// No package's source imports itself in a circle (type-only imports do not count): the check runs
// scripts/check-import-cycles.mjs over every package and, to show it can fail, over a cycle it makes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const script = join(root, 'scripts/check-import-cycles.mjs');

function run(args: string[]): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, output: err.stdout + err.stderr };
  }
}

it('no package source has an import cycle', () => {
  const { code, output } = run([]);
  expect(output).toContain('no import cycles');
  expect(code).toBe(0);
});

it('finds a cycle, and ignores one made only of type imports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
  writeFileSync(join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = () => b;\n");
  writeFileSync(join(dir, 'b.ts'), "import { a } from './a.js';\nexport const b = () => a;\n");
  writeFileSync(join(dir, 'c.ts'), "import type { D } from './d.js';\nexport type C = D;\n");
  writeFileSync(join(dir, 'd.ts'), "import { type C } from './c.js';\nexport type D = C | number;\n");
  const { code, output } = run([dir]);
  expect(code).toBe(1);
  expect(output).toMatch(/import cycle: .*a\.ts -> .*b\.ts -> .*a\.ts/);
  expect(output).toContain('1 import cycle(s)');
});
