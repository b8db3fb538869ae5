#!/usr/bin/env node
// Every public export (what a published package's src/index.ts exports) has a doc comment with a
// one-sentence summary, a `@pytorch` tag naming its PyTorch equivalent, and an `@example`
// (CONTRIBUTING.md, "Documenting an export"). Exports not yet documented are listed in a committed
// baseline; the check fails when an export lacks docs but is not in the baseline, and when a baseline
// entry is documented now or no longer exported (so the baseline only shrinks).
//
// Usage: node scripts/check-api-docs.mjs [--packages DIR] [--baseline FILE] [--shrink-baseline] [--json]
//   --packages DIR       the folder of packages (default: packages/)
//   --baseline FILE      default: tooling/repo-check/api-docs-baseline.json
//   --shrink-baseline    drop the entries that are documented now (never adds one), then check
//   --json               print every undocumented export as JSON ({ package: { export: [problems] } })
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 ? resolve(args[i + 1]) : fallback;
}
const packagesDir = option('--packages', join(root, 'packages'));
const baselineFile = option('--baseline', join(root, 'tooling/repo-check/api-docs-baseline.json'));

// published packages: not private, with a src/index.ts entry
const packages = readdirSync(packagesDir)
  .map((d) => join(packagesDir, d))
  .filter((dir) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src/index.ts')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private)
  .map(({ dir, manifest }) => ({ name: manifest.name, entry: join(dir, 'src/index.ts') }));

// one program over every entry, with the repository's compiler options (the "@torchlet/source"
// condition resolves each package to its TypeScript source)
const base = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.base.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
});
const program = ts.createProgram(packages.map((p) => p.entry), { ...base.options, types: [], noEmit: true });
const checker = program.getTypeChecker();

// the doc comments that may document an export: its own `export` statement's (for `export * as ns`),
// then the declarations it resolves to
function docNodes(symbol) {
  const out = [];
  for (const decl of symbol.declarations ?? []) {
    if (ts.isNamespaceExport(decl)) out.push(...ts.getJSDocCommentsAndTags(decl.parent));
  }
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  for (const decl of target.declarations ?? []) {
    if (ts.isSourceFile(decl)) continue;
    out.push(...ts.getJSDocCommentsAndTags(decl));
  }
  return out.filter(ts.isJSDoc);
}

function problemsOf(symbol) {
  const docs = docNodes(symbol);
  const summary = docs.some((d) => (ts.getTextOfJSDocComment(d.comment) ?? '').trim().length > 0);
  const tags = docs.flatMap((d) => d.tags ?? []);
  const tagged = (name) => tags.some((t) => t.tagName.text === name && (ts.getTextOfJSDocComment(t.comment) ?? '').trim().length > 0);
  const problems = [];
  if (!summary) problems.push('no summary');
  if (!tagged('pytorch')) problems.push('no @pytorch');
  if (!tagged('example')) problems.push('no @example');
  return problems;
}

/** { package: { export: [problems] } } for every export that lacks docs */
const missing = {};
for (const pkg of packages) {
  const source = program.getSourceFile(pkg.entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${pkg.entry}: not a module`);
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const problems = problemsOf(symbol);
    if (problems.length > 0) (missing[pkg.name] ??= {})[symbol.name] = problems;
  }
}

if (args.includes('--json')) {
  console.log(JSON.stringify(missing, null, 2));
  process.exit(0);
}

const baseline = existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, 'utf8')) : {};
if (args.includes('--shrink-baseline')) {
  const shrunk = {};
  for (const [pkg, names] of Object.entries(baseline)) {
    const kept = names.filter((n) => missing[pkg]?.[n]);
    if (kept.length > 0) shrunk[pkg] = kept;
  }
  writeFileSync(baselineFile, JSON.stringify(shrunk, null, 2) + '\n');
  Object.keys(baseline).forEach((k) => delete baseline[k]);
  Object.assign(baseline, shrunk);
}

const errors = [];
let undocumented = 0;
let exports = 0;
for (const pkg of packages) {
  const listed = new Set(baseline[pkg.name] ?? []);
  const source = program.getSourceFile(pkg.entry);
  exports += checker.getExportsOfModule(checker.getSymbolAtLocation(source)).length;
  for (const [name, problems] of Object.entries(missing[pkg.name] ?? {})) {
    undocumented++;
    if (!listed.has(name)) errors.push(`${pkg.name} ${name}: ${problems.join(', ')}`);
  }
  for (const name of listed) {
    if (!missing[pkg.name]?.[name]) {
      errors.push(`${pkg.name} ${name}: documented (or no longer exported) but still in the baseline; remove it (node scripts/check-api-docs.mjs --shrink-baseline)`);
    }
  }
}
for (const pkg of Object.keys(baseline)) {
  if (!packages.some((p) => p.name === pkg)) errors.push(`${pkg}: in the baseline but not a published package`);
}

for (const e of errors) console.log(`api docs: ${e}`);
if (errors.length > 0) {
  console.log(`${errors.length} api doc problem(s); document an export as CONTRIBUTING.md says ("Documenting an export")`);
  process.exit(1);
}
console.log(`api docs: ${exports - undocumented} of ${exports} exports documented, ${undocumented} in the baseline`);
