import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // Node-only, loaded at run time beside the chunks by a specifier bundlers do not follow (never
    // imported statically, so browsers never load it): finds SwiftShader and creates Dawn's GPU
    'node-gpu': 'src/node-gpu.ts',
  },
  format: ['esm', 'cjs'],
  splitting: true,
  // types for the public entry only (the Node-only one is not part of the API)
  dts: { entry: { index: 'src/index.ts' } },
  shims: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  external: ['webgpu'],
});
