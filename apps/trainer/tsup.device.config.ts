import { defineConfig } from 'tsup';
import base from './tsup.config.js';
import { deviceKitDir } from '../../scripts/device-kit-dir.ts';

// The trainer as one self-contained folder for a machine without the workspace (a lent GPU machine,
// which has no package registry): every dependency bundled but Dawn's native bindings (`webgpu`),
// which bench/scripts/pack-device-kit.sh copies beside it. See bench/README.md, "On a GPU machine".

export default defineConfig({
  ...base,
  outDir: deviceKitDir(),
  sourcemap: false,
  noExternal: [/^(?!webgpu$)/],
  external: ['webgpu'],
  // the CommonJS dependencies (commander, ...) call require: give the ESM bundle one
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __torchletCreateRequire } from 'node:module'; import { fileURLToPath as __torchletToPath } from 'node:url'; const require = __torchletCreateRequire(import.meta.url); const __filename = __torchletToPath(import.meta.url); const __dirname = __torchletToPath(new globalThis.URL('.', import.meta.url));",
  },
});
