// The published shape of each package, checked the way a user meets it: `pnpm pack`, install the
// tarballs into a scratch project outside the workspace, then `import`, `require` and type-check.
// turbo builds the packages first (this package's test depends on ^build).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const packagesDir = join(repoRoot, 'packages');
const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');

interface Manifest {
  name: string;
  private?: boolean;
  files?: string[];
  exports?: Record<string, unknown>;
}

const published = readdirSync(packagesDir)
  .map((dir) => ({ dir: join(packagesDir, dir), manifest: JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) as Manifest }))
  .filter((p) => !p.manifest.private);

let scratch = '';
const tarballs = new Map<string, string>();

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'torchlet-pack-'));
  const packDir = join(scratch, 'tarballs');
  for (const { dir, manifest } of published) {
    if (!existsSync(join(dir, 'dist'))) throw new Error(`${manifest.name} is not built (dist/ missing); run pnpm build`);
    const out = run('pnpm', ['pack', '--pack-destination', packDir], dir).trim().split('\n').pop() ?? '';
    tarballs.set(manifest.name, out.trim());
  }
  const project = join(scratch, 'project');
  run('mkdir', ['-p', project], scratch);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--offline', '--no-package-lock', ...tarballs.values()], project);
}, 240_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe.each(published.map((p) => p.manifest.name))('%s packed and installed', (name) => {
  const project = () => join(scratch, 'project');

  it('ships dist, README and package.json but no tests, sources or fixtures', () => {
    const listing = run('tar', ['-tzf', tarballs.get(name) ?? ''], scratch).split('\n').filter(Boolean);
    expect(listing).toContain('package/package.json');
    expect(listing).toContain('package/README.md');
    expect(listing.some((f) => f.startsWith('package/dist/index.js'))).toBe(true);
    expect(listing.filter((f) => /\/(test|src|fixtures)\//.test(f) || /\.test\./.test(f))).toEqual([]);
  });

  it('loads through import and require with the same export names', () => {
    const esm = run('node', ['--input-type=module', '-e', `import * as m from '${name}'; console.log(JSON.stringify(Object.keys(m).sort()))`], project());
    const cjs = run('node', ['-e', `console.log(JSON.stringify(Object.keys(require('${name}')).sort()))`], project());
    const esmKeys = JSON.parse(esm) as string[];
    expect(esmKeys.length).toBeGreaterThan(0);
    expect(JSON.parse(cjs)).toEqual(esmKeys);
  });

  it('type-checks a consumer under node16 resolution, as ESM and as CommonJS', () => {
    const dir = project();
    for (const [file, kind] of [['consumer.mts', 'esm'], ['consumer.cts', 'cjs']] as const) {
      const source =
        kind === 'esm'
          ? `import * as m from '${name}';\nconst keys: string[] = Object.keys(m);\nexport { keys };\n`
          : `import m = require('${name}');\nconst keys: string[] = Object.keys(m);\nexport = keys;\n`;
      writeFileSync(join(dir, file), source);
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true, types: [] }, files: ['consumer.mts', 'consumer.cts'] }),
    );
    expect(() => run('node', [tsc, '-p', 'tsconfig.json'], dir)).not.toThrow();
  });
});
