// The API reference builds (`pnpm run docs`, typedoc.config.mjs) from the packages' TypeScript
// sources with no TypeDoc error or warning (broken links, unknown tags, unresolved references), and
// the site has a page per published package.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const typedoc = join(root, 'node_modules/typedoc/bin/typedoc');

function publishedPackageNames(): string[] {
  return readdirSync(join(root, 'packages'))
    .map((d) => join(root, 'packages', d, 'package.json'))
    .filter(existsSync)
    .map((f) => JSON.parse(readFileSync(f, 'utf8')) as { name: string; private?: boolean })
    .filter((m) => !m.private)
    .map((m) => m.name);
}

it('builds the site with no errors or warnings, a page per package', () => {
  const out = mkdtempSync(join(tmpdir(), 'api-site-'));
  let output: string;
  try {
    output = execFileSync(process.execPath, [typedoc, '--out', out, '--logLevel', 'Warn', '--treatWarningsAsErrors'], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    throw new Error(`typedoc failed (${err.status}):\n${err.stdout}${err.stderr}`);
  }
  expect(output).not.toMatch(/\[(warning|error)\]/);
  expect(existsSync(join(out, 'index.html'))).toBe(true);
  const names = publishedPackageNames();
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) {
    // TypeDoc names a package's page after it: @torchlet/losses -> modules/_torchlet_losses.html
    const page = join(out, 'modules', `${name.replace(/[@/]/g, '_')}.html`);
    expect(existsSync(page), `${name}: ${page}`).toBe(true);
  }
}, 240_000);
