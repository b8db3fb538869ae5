// The release workflow, read as text (no YAML parser among the dependencies): changesets' action
// pinned to a version, npm provenance, the owner's NPM_TOKEN, and install, build and tests before
// anything is versioned or published.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
    expect(workflow).toMatch(/^\s+publish: pnpm release$/m);
    const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(rootManifest.scripts['version-packages']).toBe('changeset version');
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
