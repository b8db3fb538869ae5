import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/internal.ts'],
  format: ['esm', 'cjs'],
  // one copy of shared modules behind both entries in CommonJS too (esbuild splits ESM only by default):
  // without it index.cjs and internal.cjs each carry their own Tensor class and module state
  splitting: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
});
