// The wasm runtime's Node-only code (node:worker_threads, the worker's program) must stay out of
// browser bundles: no module that the package's entries import statically imports a node: module or
// the Node-only files, and none has an import() with a literal specifier (bundlers follow those).
// The Node-only files are reached by run-time specifiers only (loaders.ts -> node-threads.ts -> the worker).
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');

/** Value imports and re-exports of `file` (type-only ones erased at compile time are left out). */
function staticImports(file: string): { specifiers: string[]; literalDynamic: string[] } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const specifiers: string[] = [];
  const literalDynamic: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly && ts.isStringLiteral(statement.moduleSpecifier)) {
      specifiers.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      specifiers.push(statement.moduleSpecifier.text);
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      literalDynamic.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { specifiers, literalDynamic };
}

/** Every source file the entry reaches through static value imports. */
function reachable(entry: string): Map<string, ReturnType<typeof staticImports>> {
  const seen = new Map<string, ReturnType<typeof staticImports>>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    const imports = staticImports(file);
    seen.set(file, imports);
    for (const s of imports.specifiers) if (s.startsWith('.')) queue.push(join(dirname(file), s.replace(/\.js$/, '.ts')));
  }
  return seen;
}

describe('browser entries of tensor-core', () => {
  it.each(['index.ts', 'internal.ts'])('src/%s reaches no Node-only code through static or literal imports', (entry) => {
    const graph = reachable(join(src, entry));
    const files = [...graph.keys()].map((f) => relative(src, f));
    expect(files).toContain('backend/wasm/loaders.ts');
    expect(files).toContain('backend/wasm/pool.ts');
    expect(files.filter((f) => /node-threads|wasm-worker|worker-loop/.test(f))).toEqual([]);
    const offending = [...graph].flatMap(([file, { specifiers, literalDynamic }]) =>
      [...specifiers.filter((s) => !s.startsWith('.')), ...literalDynamic].map((s) => `${relative(src, file)}: ${s}`),
    );
    expect(offending).toEqual([]);
  });
});
