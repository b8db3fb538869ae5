// The policy for cross-package internals (CONTRIBUTING.md, "Cross-package internals"): a published
// package imports another torchlet package only through its entry points ('.' or '/internal'), lists
// it in `dependencies` (never only as a dev or peer dependency), and pins it exactly (`workspace:*`,
// which pnpm packs to the exact version), because `/internal` may change in any release. The packed
// manifests' exact versions are checked by tooling/pack-check.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const packagesDir = join(root, 'packages');

interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  exports?: Record<string, unknown>;
}

interface Pkg {
  dir: string;
  manifest: Manifest;
}

function publishedPackages(): Pkg[] {
  return readdirSync(packagesDir)
    .filter((d) => statSync(join(packagesDir, d)).isDirectory())
    .map((d) => ({ dir: join(packagesDir, d), manifest: JSON.parse(readFileSync(join(packagesDir, d, 'package.json'), 'utf8')) as Manifest }))
    .filter((p) => !p.manifest.private);
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|cts|js|mjs)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Module specifiers of imports, re-exports and dynamic imports (type-only ones included). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  // statements that start a line (so comments and strings that mention a package do not count)
  for (const m of source.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm)) found.push(m[1]!);
  for (const m of source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) found.push(m[1]!);
  for (const m of source.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

/** Every way `packages` break the policy, as readable lines. */
function policyProblems(packages: Pkg[]): string[] {
  const names = new Set(packages.map((p) => p.manifest.name));
  const problems: string[] = [];
  for (const { dir, manifest } of packages) {
    const deps = manifest.dependencies ?? {};
    for (const field of ['dependencies', 'peerDependencies'] as const) {
      for (const [dep, spec] of Object.entries(manifest[field] ?? {})) {
        if (!names.has(dep)) continue;
        if (field === 'peerDependencies') problems.push(`${manifest.name}: ${dep} is a peer dependency; torchlet packages are exact dependencies`);
        else if (spec !== 'workspace:*') problems.push(`${manifest.name}: ${dep}@${spec} is not an exact pin (workspace:*)`);
      }
    }
    for (const file of sourceFiles(join(dir, 'src'))) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const m = /^(@torchlet\/[^/]+|torchlet)(\/.*)?$/.exec(spec);
        if (!m || !names.has(m[1]!)) continue;
        const [, target, subpath = ''] = m;
        const where = `${manifest.name} (${relative(root, file)})`;
        if (target === manifest.name) {
          problems.push(`${where} imports its own package by name ('${spec}'); use a relative import`);
          continue;
        }
        if (subpath !== '' && subpath !== '/internal') problems.push(`${where} imports '${spec}': only '${target}' and '${target}/internal' are entry points`);
        if (!(target! in deps)) problems.push(`${where} imports '${spec}' but ${target} is not in its dependencies`);
      }
    }
  }
  return problems;
}

it('every published package imports torchlet packages through entry points it pins exactly', () => {
  const packages = publishedPackages();
  expect(packages.length).toBeGreaterThanOrEqual(6);
  expect(policyProblems(packages)).toEqual([]);
  // the policy is not vacuous: packages do use other packages' /internal entries today
  const internalImporters = packages.filter((p) =>
    sourceFiles(join(p.dir, 'src')).some((f) => specifiers(readFileSync(f, 'utf8')).some((s) => /^@torchlet\/[^/]+\/internal$/.test(s))),
  );
  expect(internalImporters.map((p) => p.manifest.name)).toContain('@torchlet/autograd');
});

it('reports a caret range, a peer pin and an import of an unlisted package', () => {
  const fake = (name: string, manifest: Partial<Manifest>): Pkg => ({ dir: join(packagesDir, 'losses'), manifest: { name, ...manifest } });
  const problems = policyProblems([
    fake('@torchlet/tensor-core', {}),
    fake('@torchlet/autograd', {}),
    // losses' real sources import tensor-core/internal and autograd/internal
    fake('@torchlet/losses', { dependencies: { '@torchlet/autograd': 'workspace:^' }, peerDependencies: { '@torchlet/tensor-core': 'workspace:*' } }),
  ]);
  expect(problems).toContain('@torchlet/losses: @torchlet/autograd@workspace:^ is not an exact pin (workspace:*)');
  expect(problems).toContain('@torchlet/losses: @torchlet/tensor-core is a peer dependency; torchlet packages are exact dependencies');
  expect(problems.some((p) => /imports '@torchlet\/tensor-core\/internal' but @torchlet\/tensor-core is not in its dependencies/.test(p))).toBe(true);
});
