// The version plan, checked before anything is published: `changeset version` runs on a scratch copy
// of the repository (manifests, changesets, changelogs; no git, no network) and what it writes must be
// a release we can stand behind: 0.x versions (the first publish cannot be taken back), no private
// workspace versioned or changelogged, torchlet packages pinning each other exactly, and changelogs
// without one "Updated dependencies" line per changeset.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const changesetBin = join(root, 'node_modules', '@changesets', 'cli', 'bin.js');

interface Manifest {
  name: string;
  version?: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** The workspace folders pnpm-workspace.yaml names (entries `dir` or `dir/*`). */
function workspaceDirs(base: string): string[] {
  const yaml = readFileSync(join(base, 'pnpm-workspace.yaml'), 'utf8');
  const patterns = [...yaml.matchAll(/^\s+-\s+['"]?([^'"\s]+)['"]?\s*$/gm)].map((m) => m[1]!);
  const dirs: string[] = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('/*')) {
      const parent = pattern.slice(0, -2);
      if (!existsSync(join(base, parent))) continue;
      for (const entry of readdirSync(join(base, parent), { withFileTypes: true })) {
        if (entry.isDirectory() && existsSync(join(base, parent, entry.name, 'package.json'))) dirs.push(`${parent}/${entry.name}`);
      }
    } else if (existsSync(join(base, pattern, 'package.json'))) {
      dirs.push(pattern);
    }
  }
  return dirs;
}

const scratches: string[] = [];
afterAll(() => {
  for (const dir of scratches) rmSync(dir, { recursive: true, force: true });
});

/** A copy of what `changeset version` reads and writes: manifests, changelogs and .changeset/. */
function scratchCopy(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'torchlet-release-'));
  scratches.push(scratch);
  for (const file of ['package.json', 'pnpm-workspace.yaml']) cpSync(join(root, file), join(scratch, file));
  cpSync(join(root, '.changeset'), join(scratch, '.changeset'), { recursive: true });
  for (const dir of workspaceDirs(root)) {
    mkdirSync(join(scratch, dir), { recursive: true });
    for (const file of ['package.json', 'CHANGELOG.md']) {
      if (existsSync(join(root, dir, file))) cpSync(join(root, dir, file), join(scratch, dir, file));
    }
  }
  return scratch;
}

function changesetVersion(scratch: string): void {
  try {
    execFileSync(process.execPath, [changesetBin, 'version'], { cwd: scratch, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`changeset version failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

function addChangeset(scratch: string, name: string, releases: Record<string, 'patch' | 'minor' | 'major'>, summary: string): void {
  const header = Object.entries(releases).map(([pkg, bump]) => `"${pkg}": ${bump}`).join('\n');
  writeFileSync(join(scratch, '.changeset', `${name}.md`), `---\n${header}\n---\n\n${summary}\n`);
}

interface PlanEntry {
  dir: string;
  name: string;
  private: boolean;
  before: string;
  after: string;
  changelog: string | null;
}

/** Each workspace's version before and after, and the changelog `changeset version` left. */
function readPlan(scratch: string, before: Map<string, Manifest>): PlanEntry[] {
  return workspaceDirs(scratch).map((dir) => {
    const manifest = JSON.parse(readFileSync(join(scratch, dir, 'package.json'), 'utf8')) as Manifest;
    const changelogFile = join(scratch, dir, 'CHANGELOG.md');
    return {
      dir,
      name: manifest.name,
      private: manifest.private === true,
      before: before.get(dir)?.version ?? '',
      after: manifest.version ?? '',
      changelog: existsSync(changelogFile) ? readFileSync(changelogFile, 'utf8') : null,
    };
  });
}

function manifests(base: string): Map<string, Manifest> {
  return new Map(workspaceDirs(base).map((dir) => [dir, JSON.parse(readFileSync(join(base, dir, 'package.json'), 'utf8')) as Manifest]));
}

/** What is wrong with a version plan; empty when it can be published. */
function planProblems(scratch: string, plan: PlanEntry[], originalChangelogs: Map<string, string | null>): string[] {
  const problems: string[] = [];
  const published = new Set(plan.filter((p) => !p.private).map((p) => p.name));
  for (const entry of plan) {
    const changed = entry.before !== entry.after;
    if (entry.private) {
      if (changed) problems.push(`${entry.name} is private but was versioned ${entry.before} -> ${entry.after}`);
      if (entry.changelog !== (originalChangelogs.get(entry.dir) ?? null)) problems.push(`${entry.name} is private but got a changelog`);
      continue;
    }
    if (!/^0\.\d+\.\d+$/.test(entry.after)) problems.push(`${entry.name} would be released as ${entry.after} (expected 0.x before 1.0 is decided)`);
    if (changed && entry.changelog !== null && /Updated dependencies/.test(entry.changelog)) {
      problems.push(`${entry.name}'s changelog has bare "Updated dependencies" lines`);
    }
    const manifest = JSON.parse(readFileSync(join(scratch, entry.dir, 'package.json'), 'utf8')) as Manifest;
    for (const field of ['dependencies', 'peerDependencies'] as const) {
      for (const [dep, spec] of Object.entries(manifest[field] ?? {})) {
        if (published.has(dep) && spec !== 'workspace:*') {
          problems.push(`${entry.name} ${field}: ${dep}@${spec} (torchlet packages pin each other exactly: workspace:*)`);
        }
      }
    }
  }
  return problems;
}

function runPlan(prepare?: (scratch: string) => void): { scratch: string; plan: PlanEntry[]; problems: string[] } {
  const scratch = scratchCopy();
  prepare?.(scratch);
  const before = manifests(scratch);
  const originalChangelogs = new Map(workspaceDirs(scratch).map((dir) => {
    const file = join(scratch, dir, 'CHANGELOG.md');
    return [dir, existsSync(file) ? readFileSync(file, 'utf8') : null] as const;
  }));
  changesetVersion(scratch);
  const plan = readPlan(scratch, before);
  return { scratch, plan, problems: planProblems(scratch, plan, originalChangelogs) };
}

function formatPlan(plan: PlanEntry[]): string {
  return plan
    .filter((p) => p.before !== p.after)
    .map((p) => `${p.name}: ${p.before} -> ${p.after}`)
    .join('\n');
}

describe('changeset version on the pending changesets', () => {
  const { scratch, plan, problems } = runPlan();

  it('gives 0.x versions to published packages and leaves private workspaces alone', () => {
    console.log(`version plan:\n${formatPlan(plan)}`);
    expect(problems).toEqual([]);
    // every published package is released (none is left at its unreleased 0.0.0 by accident)
    for (const entry of plan.filter((p) => !p.private && p.before === '0.0.0')) {
      expect(entry.after, entry.name).not.toBe('0.0.0');
    }
  });

  it('writes a changelog per released package that starts with what the package offers', () => {
    for (const entry of plan.filter((p) => !p.private && p.before !== p.after)) {
      expect(entry.changelog, `${entry.dir}/CHANGELOG.md`).not.toBeNull();
      const section = entry.changelog!.split(`## ${entry.after}`)[1] ?? '';
      expect(section, entry.name).toMatch(/### Minor Changes\n\n- /);
      if (entry.before === '0.0.0') expect(section, entry.name).toMatch(/First release/);
    }
  });

  it('keeps inter-package dependencies as workspace:* (exact pins once packed)', () => {
    for (const entry of plan.filter((p) => !p.private)) {
      const manifest = JSON.parse(readFileSync(join(scratch, entry.dir, 'package.json'), 'utf8')) as Manifest;
      for (const [dep, spec] of Object.entries(manifest.dependencies ?? {})) {
        if (dep.startsWith('@torchlet/') || dep === 'torchlet') expect(spec, `${entry.name} -> ${dep}`).toBe('workspace:*');
      }
    }
  });
});

describe('the release after the first', () => {
  it('a tensor-core minor release patches its dependents (exact pins move) and stays below 1.0', () => {
    const { plan, problems } = runPlan((scratch) => {
      changesetVersion(scratch);
      addChangeset(scratch, 'core-next', { '@torchlet/tensor-core': 'minor' }, 'A new op.');
    });
    expect(problems).toEqual([]);
    const byName = new Map(plan.map((p) => [p.name, p]));
    const core = byName.get('@torchlet/tensor-core')!;
    const [, coreMinor] = core.before.split('.').map(Number);
    expect(core.after).toBe(`0.${coreMinor! + 1}.0`);
    for (const name of ['@torchlet/autograd', '@torchlet/losses', '@torchlet/nn-layers', '@torchlet/optim', 'torchlet']) {
      const entry = byName.get(name)!;
      const [major, minor, patch] = entry.before.split('.').map(Number);
      expect(entry.after, name).toBe(`${major}.${minor}.${patch! + 1}`);
      expect(entry.changelog, name).toContain(`\`@torchlet/tensor-core@${core.after}\``);
    }
  });
});

describe('the check itself', () => {
  it('fails on a plan with 1.0.0, a versioned private package or a caret range', () => {
    const { problems } = runPlan((scratch) => {
      // the layout this repository had: a caret peer range on tensor-core (packs to ^0.0.0, so the
      // first minor of tensor-core is out of range and changesets bumps autograd to 1.0.0), and
      // changesets' default of versioning private packages
      const file = join(scratch, 'packages', 'autograd', 'package.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
      delete manifest.dependencies?.['@torchlet/tensor-core'];
      manifest.peerDependencies = { '@torchlet/tensor-core': 'workspace:^' };
      writeFileSync(file, JSON.stringify(manifest, null, 2));
      const configFile = join(scratch, '.changeset', 'config.json');
      const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
      delete config.privatePackages;
      writeFileSync(configFile, JSON.stringify(config, null, 2));
      addChangeset(scratch, 'private-change', { '@torchlet/trainer': 'minor' }, 'A private change.');
    });
    expect(problems).toContain('@torchlet/autograd would be released as 1.0.0 (expected 0.x before 1.0 is decided)');
    expect(problems.some((p) => p.startsWith('@torchlet/trainer is private but was versioned'))).toBe(true);
    expect(problems.some((p) => /autograd peerDependencies: @torchlet\/tensor-core@workspace:\^/.test(p))).toBe(true);
  });
});
