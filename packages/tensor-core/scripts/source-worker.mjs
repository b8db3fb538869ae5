// Tests run tensor-core from its TypeScript source (the "@torchlet/source" export condition), but a
// worker thread is plain Node 20, which cannot load .ts files. src/backend/wasm/node-threads.ts, when
// it runs from source, uses this to make the worker's program: each module of its graph transpiled
// with TypeScript (a devDependency) into a data: URL, its relative imports rewritten to the data: URLs
// of their targets. The built package never calls this: it runs dist/wasm-worker.js.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const cache = new Map();

// `from './x.js'`, `import './x.js'` and `import('./x.js')` in transpiled output (comments removed)
const RELATIVE_IMPORT = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.\.?\/[^'"]+?)\.js\2/g;

/** The data: URL of the ES module transpiled from the .ts file at `fileUrl`, its imports included. */
export function sourceModuleUrl(fileUrl) {
  let url = cache.get(fileUrl);
  if (url === undefined) {
    const { outputText } = ts.transpileModule(readFileSync(new URL(fileUrl), 'utf8'), {
      fileName: fileURLToPath(fileUrl),
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, removeComments: true, sourceMap: false },
    });
    const code = outputText.replace(RELATIVE_IMPORT, (_, head, quote, path) => `${head}${quote}${sourceModuleUrl(new URL(`${path}.ts`, fileUrl).href)}${quote}`);
    url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
    cache.set(fileUrl, url);
  }
  return url;
}
