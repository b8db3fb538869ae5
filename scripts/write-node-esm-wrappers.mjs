#!/usr/bin/env node
// After tsup: writes dist/<entry>.node.js for each entry point of the package in the current folder,
// an ES module that re-exports the entry's CommonJS build. package.json's "node" + "import" condition
// points at it, so in Node `import` and `require` load one copy of the package (one Tensor class, one
// op table, one set of version counters) instead of two that cannot share tensors: Node's "ES module
// wrapper" approach to the dual package hazard. Bundlers and browsers keep the real ESM build.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';

const dir = process.cwd();
const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const require = createRequire(join(dir, 'package.json'));
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
let written = 0;

for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
  const node = typeof target === 'object' && target !== null ? target.node : undefined;
  if (!node) continue;
  const wrapper = node.import?.default;
  const cjs = node.require?.default;
  if (!wrapper || !cjs) throw new Error(`${manifest.name} exports["${subpath}"].node needs import.default and require.default`);
  const names = Object.keys(require(join(dir, cjs))).sort();
  const bad = names.filter((n) => !IDENTIFIER.test(n) || n === 'default');
  if (bad.length > 0) throw new Error(`${manifest.name}${subpath.slice(1)}: cannot re-export ${bad.join(', ')} by name`);
  const from = `./${basename(cjs)}`;
  const source = [
    `// ${manifest.name}${subpath.slice(1)} for Node's import: the CommonJS build, so that import and`,
    `// require share one copy of the package (written by scripts/write-node-esm-wrappers.mjs).`,
    `import cjs from '${from}';`,
    names.length > 0 ? `export const { ${names.join(', ')} } = cjs;` : 'export {};',
    '',
  ].join('\n');
  writeFileSync(join(dir, wrapper), source);
  written++;
}
if (written === 0) throw new Error(`${manifest.name}: no exports entry has a "node" condition`);
