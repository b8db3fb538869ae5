import { defineConfig } from 'tsup';
import base from './tsup.config.js';

// The bench as one self-contained file for a machine without the workspace (a lent GPU machine,
// which has no package registry): everything bundled but Dawn's native bindings (`webgpu`), which
// scripts/pack-device-kit.sh copies beside it. See bench/README.md, "On a GPU machine".
function kitDir(): string {
  const dir = process.env.TORCHLET_DEVICE_KIT;
  if (dir === undefined || dir === '') throw new Error('tsup.device.config.ts: run bench/scripts/pack-device-kit.sh (it sets TORCHLET_DEVICE_KIT)');
  return dir;
}

export default defineConfig({
  ...base,
  outDir: kitDir(),
  noExternal: [/^(?!webgpu$)/],
  external: ['webgpu'],
});
