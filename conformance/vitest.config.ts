import type { TestProjectInlineConfiguration, ViteUserConfig } from 'vitest/config';
import { torchletVitestConfig, useChromiumVulkanLoader, vulkanLoaderAvailable } from '../vitest.shared.ts';
import { CaseCountReporter } from './src/case-count-reporter.ts';
import { WEBGPU_FILE_GAPS } from './src/device-gaps.ts';

// The shared settings (with test/setup.ts, which installs autograd before each test file), plus a
// reporter that prints how many fixture cases ran per package and backend.
// Every case runs once per tensor-core backend (a vitest project each): `cpu`, the pure-TypeScript
// reference, and `wasm`, the WebAssembly SIMD kernels; and every case without float64 runs once more
// on the `webgpu` device (WGSL kernels on Dawn; SwiftShader where there is no GPU), its inputs
// decoded onto the device. TORCHLET_BACKEND=cpu|wasm|webgpu runs just that one.
const config = torchletVitestConfig(import.meta.dirname, { setupFiles: ['test/setup.ts'] }) as ViteUserConfig;
const test = config.test ?? {};
const reporters = Array.isArray(test.reporters) ? test.reporters : test.reporters ? [test.reporters] : ['default'];
const chosen = process.env.TORCHLET_BACKEND;
// the webgpu project needs a Vulkan loader for Dawn (CI installs Chromium, which brings SwiftShader's):
// elsewhere without one it is left out, saying so
const withWebGPU = vulkanLoaderAvailable() || process.env.CI !== undefined;
if (!withWebGPU) console.warn('conformance: the webgpu project is skipped: no Vulkan loader (apt install chromium, or libvulkan1 with a GPU driver)');
const backends = chosen === undefined || chosen === '' ? ['cpu', 'wasm', ...(withWebGPU ? ['webgpu'] : [])] : [chosen];
if (backends.includes('webgpu')) useChromiumVulkanLoader();

function project(backend: string): TestProjectInlineConfiguration {
  if (backend !== 'webgpu') {
    // TORCHLET_WASM_THRESHOLDS=0: the fixtures' small tensors take the wasm kernels too (by default
    // tensors below a few thousand elements stay on the reference kernels)
    return { extends: true, test: { name: backend, env: { TORCHLET_BACKEND: backend, TORCHLET_WASM_THRESHOLDS: '0' } } };
  }
  // the host backend stays the reference. Not run on the device: the replay harness and the property
  // tests, which build CPU tensors only, the fixture files whose every case is float64, and the
  // files src/device-gaps.ts lists (with the reason)
  const float64Only = ['test/losses/errors.test.ts', 'test/losses/grad-fn-names.test.ts', 'test/optim/extra-errors.test.ts', 'test/tensor-core/libm.test.ts', 'test/optim/torch-format-lbfgs.test.ts'];
  return {
    extends: true,
    test: {
      name: backend,
      env: { TORCHLET_BACKEND: 'cpu', TORCHLET_DEVICE: 'webgpu' },
      exclude: ['test/harness/**', 'test/properties/**', ...float64Only, ...WEBGPU_FILE_GAPS.map((g) => g.file)],
    },
  };
}

config.test = {
  ...test,
  reporters: [...reporters, new CaseCountReporter(import.meta.dirname)],
  projects: backends.map(project),
};

export default config;
