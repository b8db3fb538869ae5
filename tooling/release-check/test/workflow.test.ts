// The release workflow, read as text (no YAML parser among the dependencies): changesets' action
// pinned to a version, npm provenance, the owner's NPM_TOKEN, and install, build and tests before
// anything is versioned or published.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const workflow = readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8');
const lines = workflow.split('\n').map((line) => line.replace(/\s+#.*$/, ''));
const lineOf = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));

describe('.github/workflows/release.yml', () => {
  it('runs on pushes to main', () => {
    expect(workflow).toMatch(/^on:\n\s+push:\n\s+branches: \[main\]$/m);
  });

  it('uses changesets/action pinned to an exact version, versioning with changeset version and publishing with pnpm release', () => {
    expect(workflow).toMatch(/uses: changesets\/action@v\d+\.\d+\.\d+$/m);
    expect(workflow).toMatch(/^\s+version: pnpm version-packages$/m);
    expect(workflow).toMatch(/^\s+publish: pnpm release:ci$/m);
    const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(rootManifest.scripts['version-packages']).toBe('changeset version');
    expect(rootManifest.scripts['release:ci']).toBe('node scripts/check-publish-manifests.mjs && pnpm release');
    expect(rootManifest.scripts.release).toBe('turbo run build && changeset publish');
  });

  it('publishes with provenance and the NPM_TOKEN secret', () => {
    expect(workflow).toMatch(/^permissions:\n(\s+[\w-]+: \w+.*\n)*\s+id-token: write/m);
    expect(workflow).toMatch(/^\s+contents: write/m);
    expect(workflow).toMatch(/^\s+pull-requests: write/m);
    expect(workflow).toMatch(/^\s+NPM_CONFIG_PROVENANCE: true$/m);
    expect(workflow).toMatch(/^\s+NPM_TOKEN: \$\{\{ secrets\.NPM_TOKEN \}\}$/m);
    expect(workflow).toMatch(/^\s+NODE_AUTH_TOKEN: \$\{\{ secrets\.NPM_TOKEN \}\}$/m);
    expect(workflow).toMatch(/registry-url: https:\/\/registry\.npmjs\.org$/m);
  });

  it('installs (frozen lockfile), builds and tests before the changesets step', () => {
    const install = lineOf(/run: pnpm install --frozen-lockfile$/);
    const build = lineOf(/run: pnpm build$/);
    const test = lineOf(/run: pnpm test$/);
    const action = lineOf(/uses: changesets\/action@/);
    expect(install).toBeGreaterThan(-1);
    expect([install < build, build < test, test < action]).toEqual([true, true, true]);
  });

  it('sets up Node 20 and the pnpm of packageManager', () => {
    expect(workflow).toMatch(/uses: pnpm\/action-setup@v\d+/);
    expect(workflow).toMatch(/node-version: 20$/m);
  });
});

describe('scripts/check-publish-manifests.mjs (run before pnpm release in the workflow)', () => {
  // a scratch copy of the published manifests, so that the check can be shown passing
  const scratch = mkdtempSync(join(tmpdir(), 'torchlet-manifests-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const dirs = readdirSync(join(root, 'packages'));
  for (const dir of dirs) {
    mkdirSync(join(scratch, 'packages', dir), { recursive: true });
    cpSync(join(root, 'packages', dir, 'package.json'), join(scratch, 'packages', dir, 'package.json'));
  }
  const check = (githubRepository: string) => {
    const env = { ...process.env, GITHUB_REPOSITORY: githubRepository };
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'check-publish-manifests.mjs'), scratch], { env, encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const setRepository = (url: string) => {
    for (const dir of dirs) {
      const file = join(scratch, 'packages', dir, 'package.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      manifest.repository = { type: 'git', url, directory: `packages/${dir}` };
      writeFileSync(file, JSON.stringify(manifest, null, 2));
    }
  };

  it('passes when every published package names the workflow\'s repository, and fails on another', () => {
    setRepository('git+https://github.com/example-owner/torchlet.git');
    expect(check('example-owner/torchlet')).toEqual({ status: 0, output: 'Published manifests ready for https://github.com/example-owner/torchlet.\n' });
    const other = check('someone-else/torchlet');
    expect(other.status).toBe(1);
    expect(other.output).toContain('torchlet: repository.url is https://github.com/example-owner/torchlet, the workflow runs in https://github.com/someone-else/torchlet');
  });

  it('reports the repository\'s own manifests as they are (the owner adds repository once; see RELEASING.md)', () => {
    const own = spawnSync(process.execPath, [join(root, 'scripts', 'check-publish-manifests.mjs'), root], { encoding: 'utf8', env: { ...process.env, GITHUB_REPOSITORY: '' } });
    const manifests = dirs.map((dir) => JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as { private?: boolean; repository?: unknown });
    const missing = manifests.filter((m) => !m.private && !m.repository).length;
    expect(own.status).toBe(missing > 0 ? 1 : 0);
    if (missing > 0) console.log(`not ready to publish yet: ${missing} published package(s) without repository (RELEASING.md, step 3)`);
  });
});
