import { defineConfig } from 'tsup';
import base from './tsup.config.js';
import { deviceKitDir } from '../scripts/device-kit-dir.ts';

// The bench as one self-contained file for a machine without the workspace (a lent GPU machine,
// which has no package registry): everything bundled but Dawn's native bindings (`webgpu`), which
// scripts/pack-device-kit.sh copies beside it. See bench/README.md, "On a GPU machine".

export default defineConfig({
  ...base,
  outDir: deviceKitDir(),
  noExternal: [/^(?!webgpu$)/],
  external: ['webgpu'],
});
