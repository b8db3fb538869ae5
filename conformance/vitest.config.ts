import type { ViteUserConfig } from 'vitest/config';
import { torchletVitestConfig } from '../vitest.shared.ts';
import { CaseCountReporter } from './src/case-count-reporter.ts';

// The shared settings (with test/setup.ts, which installs autograd before each test file), plus a
// reporter that prints how many fixture cases ran per package and backend.
// Every case runs once per tensor-core backend (a vitest project each): `cpu`, the pure-TypeScript
// reference, and `wasm`, the WebAssembly SIMD kernels. TORCHLET_BACKEND=cpu|wasm runs just that one.
const config = torchletVitestConfig(import.meta.dirname, { setupFiles: ['test/setup.ts'] }) as ViteUserConfig;
const test = config.test ?? {};
const reporters = Array.isArray(test.reporters) ? test.reporters : test.reporters ? [test.reporters] : ['default'];
const chosen = process.env.TORCHLET_BACKEND;
const backends = chosen === undefined || chosen === '' ? ['cpu', 'wasm'] : [chosen];
config.test = {
  ...test,
  reporters: [...reporters, new CaseCountReporter(import.meta.dirname)],
  projects: backends.map((backend) => ({
    extends: true,
    // TORCHLET_WASM_THRESHOLDS=0: the fixtures' small tensors take the wasm kernels too (by default
    // tensors below a few thousand elements stay on the reference kernels)
    test: { name: backend, env: { TORCHLET_BACKEND: backend, TORCHLET_WASM_THRESHOLDS: '0' } },
  })),
};

export default config;
