import { defineConfig } from 'tsup';

// The CLI is one ESM file. The @torchlet/* workspace packages are bundled in from their TypeScript
// source (the "@torchlet/source" export condition), so building the app needs no other package's
// dist/ and never races a concurrent build of them; npm dependencies (commander, vega, ...) stay
// external and load from node_modules.
// @torchlet/webgpu loads its Node-only part (Dawn's bindings) with an import() of './node-gpu.js'
// beside its own code, so that file is built beside the chunks too.
export default defineConfig({
  entry: { bin: 'src/bin.ts', 'node-gpu': '../../packages/webgpu/src/node-gpu.ts' },
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  noExternal: [/^@torchlet\//],
  esbuildOptions(options) {
    options.conditions = ['@torchlet/source', 'import', 'default'];
  },
  banner: { js: '#!/usr/bin/env node' },
});
