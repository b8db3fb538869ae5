import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'tsup';

/**
 * Type declarations come from tsc, one .d.ts per source file, instead of tsup's bundled `dts`:
 * the bundler rewrites the members of `export * as nn` that are re-exported from other packages as
 * `declare const X: typeof X`, which drops every type side (`nn.Linear` or `torch.Tensor` in a type
 * position, `F.CrossEntropyOptions`, `optim.lrScheduler.StepLROptions`). Each .d.ts is mirrored to a
 * .d.cts whose relative imports point at .cjs, for `require` under node16 resolution.
 */
function emitDeclarations(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const flags = ['--noEmit', 'false', '--declaration', '--emitDeclarationOnly', '--sourceMap', 'false'];
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json', ...flags, '--outDir', 'dist', '--rootDir', 'src'], { stdio: 'inherit' });
  for (const file of readdirSync('dist').filter((f) => f.endsWith('.d.ts'))) {
    const text = readFileSync(`dist/${file}`, 'utf8').replace(/(from '\.\/[^']+)\.js'/g, "$1.cjs'");
    writeFileSync(`dist/${file.replace(/\.d\.ts$/, '.d.cts')}`, text);
  }
}

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  onSuccess: async () => emitDeclarations(),
});
