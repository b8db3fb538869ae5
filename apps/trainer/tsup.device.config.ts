import { defineConfig } from 'tsup';
import base from './tsup.config.js';

// The trainer as one self-contained folder for a machine without the workspace (a lent GPU machine,
// which has no package registry): every dependency bundled but Dawn's native bindings (`webgpu`),
// which bench/scripts/pack-device-kit.sh copies beside it. See bench/README.md, "On a GPU machine".
function kitDir(): string {
  const dir = process.env.TORCHLET_DEVICE_KIT;
  if (dir === undefined || dir === '') throw new Error('tsup.device.config.ts: run bench/scripts/pack-device-kit.sh (it sets TORCHLET_DEVICE_KIT)');
  return dir;
}

export default defineConfig({
  ...base,
  outDir: kitDir(),
  sourcemap: false,
  noExternal: [/^(?!webgpu$)/],
  external: ['webgpu'],
  // the CommonJS dependencies (commander, ...) call require: give the ESM bundle one
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __torchletCreateRequire } from 'node:module'; import { fileURLToPath as __torchletToPath } from 'node:url'; const require = __torchletCreateRequire(import.meta.url); const __filename = __torchletToPath(import.meta.url); const __dirname = __torchletToPath(new globalThis.URL('.', import.meta.url));",
  },
});
