#!/usr/bin/env node
// Fails when the value imports between the source files of a package form a cycle (type-only
// imports are erased by TypeScript and do not count). Usage: node scripts/check-import-cycles.mjs [dir...]
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const dirs = process.argv.slice(2).length > 0
  ? process.argv.slice(2).map((d) => resolve(d))
  : readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'src')).filter(existsSync);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

// `import ... from './x.js'` and `export ... from './x.js'` that carry a value (not `import type`,
// not a list of `type` specifiers only)
const IMPORT = /^\s*(import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+['"](\.[^'"]+)['"]/gm;
function valueImports(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(IMPORT)) {
    if (m[2]) continue;
    const clause = m[3].trim();
    const braces = clause.match(/^\{([\s\S]*)\}$/);
    if (braces && braces[1].split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '))) continue;
    const target = resolve(dirname(file), m[4].replace(/\.js$/, '.ts'));
    if (existsSync(target)) out.push(target);
  }
  return out;
}

let cycles = 0;
for (const dir of dirs) {
  const graph = new Map(files(dir).map((f) => [f, valueImports(f)]));
  const state = new Map(); // 1 = on the stack, 2 = done
  const stack = [];
  const visit = (f) => {
    state.set(f, 1);
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 1) {
        cycles++;
        const cycle = stack.slice(stack.indexOf(g)).concat(g).map((p) => relative(root, p));
        console.error(`import cycle: ${cycle.join(' -> ')}`);
      } else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 2);
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
}
if (cycles > 0) {
  console.error(`${cycles} import cycle(s)`);
  process.exit(1);
}
console.log(`no import cycles in ${dirs.map((d) => relative(root, d)).join(', ')}`);
