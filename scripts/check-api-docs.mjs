#!/usr/bin/env node
// Every public export (what a published package's src/index.ts exports) has a doc comment with a
// one-sentence summary, a `@pytorch` tag naming its PyTorch equivalent, and an `@example`
// (CONTRIBUTING.md, "Documenting an export"). Exports not yet documented are listed in a committed
// baseline; the check fails when an export lacks docs but is not in the baseline, and when a baseline
// entry is documented now or no longer exported (so the baseline only shrinks). It also type-checks
// every `@example`, in the package that declares the export: each package's examples become one
// in-memory file beside its src/index.ts that imports every export of the package (and tensor-core's
// `tensor`, `randn`, `rand`, `Tensor`, ... where the package depends on tensor-core), each example
// the body of its own async function. Examples are type-checked, not run.
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
  .map(({ dir, manifest }) => ({
    name: manifest.name,
    entry: join(dir, 'src/index.ts'),
    usesTensorCore: Boolean(manifest.dependencies?.['@torchlet/tensor-core']),
  }));

// one program over every entry, with the repository's compiler options (the "@torchlet/source"
// condition resolves each package to its TypeScript source)
const base = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.base.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
});
// examples declare values to show them (`const y = ...; // 2x`): unused locals are their point
const options = { ...base.options, types: [], noEmit: true, noUnusedLocals: false };
const program = ts.createProgram(packages.map((p) => p.entry), options);
const checker = program.getTypeChecker();

// the doc comments that may document an export: its own `export` statement's (for `export * as ns`),
// then the declarations it resolves to
function docNodes(symbol) {
  const out = [];
  // `export * as ns` lines along the chain of re-exports
  const seen = new Set();
  for (let s = symbol; s && !seen.has(s); s = s.flags & ts.SymbolFlags.Alias ? checker.getImmediateAliasedSymbol(s) : undefined) {
    seen.add(s);
    for (const decl of s.declarations ?? []) {
      if (ts.isNamespaceExport(decl)) out.push(...ts.getJSDocCommentsAndTags(decl.parent));
    }
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

/** The code of each `@example` of an export (its ```ts fence removed). */
function examplesOf(symbol) {
  return docNodes(symbol)
    .flatMap((d) => d.tags ?? [])
    .filter((t) => t.tagName.text === 'example')
    .map((t) => ts.getTextOfJSDocComment(t.comment) ?? '')
    .map((text) => ({ text, fenced: /^\s*```[a-z]*\n[\s\S]*```\s*$/.test(text) }))
    .map(({ text, fenced }) => ({ code: text.replace(/^\s*```[a-z]*\n?/, '').replace(/```\s*$/, ''), fenced }));
}

/** { package: { export: [problems] } } for every export that lacks docs */
const missing = {};
/** the examples of each package, as one file beside its src/index.ts */
const exampleFiles = new Map();
const exampleProblems = [];
const HELPERS = ['Tensor', 'tensor', 'randn', 'rand', 'randint', 'zeros', 'ones', 'arange', 'manualSeed'];
for (const pkg of packages) {
  const source = program.getSourceFile(pkg.entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${pkg.entry}: not a module`);
  const values = [];
  const types = [];
  const bodies = [];
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const problems = problemsOf(symbol);
    if (problems.length > 0) (missing[pkg.name] ??= {})[symbol.name] = problems;
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    (target.flags & ts.SymbolFlags.Value ? values : types).push(symbol.name);
    // an example is checked in the package that declares the export (a re-export's names differ)
    const declared = (target.declarations ?? []).some((d) => !ts.isSourceFile(d) && d.getSourceFile().fileName.startsWith(dirname(pkg.entry) + '/'));
    if (declared || target.flags & ts.SymbolFlags.Module) {
      for (const { code, fenced } of examplesOf(symbol)) {
        // TypeScript ends a tag at an '@' after an odd number of backticks: an example cut short
        if (!fenced) exampleProblems.push(`${pkg.name} ${symbol.name}: @example is not one closed \`\`\`ts fence (an '@' inside it starts a new tag)`);
        bodies.push({ name: symbol.name, code });
      }
    }
  }
  if (bodies.length === 0) continue;
  const helpers = pkg.usesTensorCore ? HELPERS.filter((h) => !values.includes(h) && !types.includes(h)) : [];
  const lines = [];
  if (values.length > 0) lines.push(`import { ${values.join(', ')} } from './index.js';`);
  if (types.length > 0) lines.push(`import type { ${types.join(', ')} } from './index.js';`);
  if (helpers.length > 0) lines.push(`import { ${helpers.join(', ')} } from '@torchlet/tensor-core';`);
  const header = lines.length;
  const where = [];
  bodies.forEach(({ name, code }, i) => {
    lines.push(`export async function example${i}(): Promise<void> {`);
    for (const line of code.split('\n')) {
      where.push(name);
      lines.push(line);
    }
    lines.push('}');
    where.push(name, name);
  });
  // line index -> export, for messages (the header lines are the imports)
  exampleFiles.set(join(dirname(pkg.entry), '__api_doc_examples__.ts'), { pkg, text: lines.join('\n') + '\n', header, where });
}

/** Type errors in the examples, as 'package export: message'. */
function exampleErrors() {
  if (exampleFiles.size === 0) return [];
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => exampleFiles.has(resolve(f)) || fileExists.call(host, f);
  host.readFile = (f) => exampleFiles.get(resolve(f))?.text ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, ...rest) => {
    const virtual = exampleFiles.get(resolve(f));
    return virtual ? ts.createSourceFile(f, virtual.text, lang, true) : getSourceFile.call(host, f, lang, ...rest);
  };
  const examples = ts.createProgram({ rootNames: [...exampleFiles.keys()], options, host, oldProgram: program });
  const out = [];
  for (const [file, { pkg, header, where }] of exampleFiles) {
    const sf = examples.getSourceFile(file);
    for (const d of [...examples.getSyntacticDiagnostics(sf), ...examples.getSemanticDiagnostics(sf)]) {
      const line = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line;
      const name = line < header ? '(imports)' : where[line - header - 1] ?? '?';
      out.push(`${pkg.name} ${name}: @example does not type-check: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')} (in: ${sf.text.split('\n')[line].trim()})`);
    }
  }
  return out;
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
errors.push(...exampleProblems, ...exampleErrors());

for (const e of errors) console.log(`api docs: ${e}`);
if (errors.length > 0) {
  console.log(`${errors.length} api doc problem(s); document an export as CONTRIBUTING.md says ("Documenting an export")`);
  process.exit(1);
}
console.log(`api docs: ${exports - undocumented} of ${exports} exports documented, ${undocumented} in the baseline; ${[...exampleFiles.values()].reduce((n, f) => n + f.text.split('export async function').length - 1, 0)} examples type-check`);
