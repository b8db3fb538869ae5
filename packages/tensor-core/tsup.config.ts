import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    internal: 'src/internal.ts',
    // Node-only, loaded at run time beside the chunks (never imported statically, so never bundled
    // for browsers): the wasm thread pool's starter and the worker threads' program
    'node-threads': 'src/backend/wasm/node-threads.ts',
    'wasm-worker': 'src/backend/wasm/wasm-worker.ts',
  },
  format: ['esm', 'cjs'],
  // one copy of shared modules behind both entries in CommonJS too (esbuild splits ESM only by default):
  // without it index.cjs and internal.cjs each carry their own Tensor class and module state
  splitting: true,
  // types for the public entries only (the Node-only ones are not part of the API)
  dts: { entry: { index: 'src/index.ts', internal: 'src/internal.ts' } },
  // import.meta.url in the CommonJS build of node-threads (its file URL, as in ESM)
  shims: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
});
