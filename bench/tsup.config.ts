import { defineConfig } from 'tsup';

// TensorFlow.js is bundled: its ESM build has extensionless imports Node cannot load, and its CommonJS
// build does not register the gradients. The banner gives the bundle a `require` for tfjs's Node bits.
export default defineConfig({
  entry: ['src/run.ts'],
  format: ['esm'],
  clean: true,
  target: 'es2022',
  platform: 'node',
  noExternal: [/^@tensorflow\//],
  banner: {
    js: "import { createRequire as __torchletCreateRequire } from 'node:module'; import { fileURLToPath as __torchletToPath } from 'node:url'; const require = __torchletCreateRequire(import.meta.url); const __filename = __torchletToPath(import.meta.url); const __dirname = __torchletToPath(new URL('.', import.meta.url));",
  },
});
