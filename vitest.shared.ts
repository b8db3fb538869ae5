// Shared vitest settings for every workspace package: tests run from TypeScript source
// (the "@torchlet/source" export condition), and CI can ask for a JSON report per package.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { defaultServerConditions, type UserConfig } from 'vite';

const SOURCE_CONDITION = '@torchlet/source';

export interface TorchletVitestOptions {
  /** Files run before each test file (e.g. one that calls installAutograd()). */
  setupFiles?: string[];
}

export function torchletVitestConfig(packageDir: string, options: TorchletVitestOptions = {}): UserConfig {
  const reportDir = process.env.TORCHLET_VITEST_REPORT_DIR;
  const reporters: string[] = ['default'];
  const outputFile: Record<string, string> = {};
  if (reportDir) {
    reporters.push('json');
    outputFile.json = `${reportDir}/${basename(packageDir)}.json`;
  }
  return {
    resolve: { conditions: [SOURCE_CONDITION] },
    ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
    test: {
      root: packageDir,
      include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
      reporters,
      outputFile,
      testTimeout: 60_000,
      setupFiles: options.setupFiles ?? [],
      // tests run on the reference (pure-TypeScript) backend unless TORCHLET_BACKEND picks another:
      // `TORCHLET_BACKEND=wasm npx vitest run` in conformance/ runs the suite on the wasm kernels
      env: { TORCHLET_BACKEND: process.env.TORCHLET_BACKEND ?? 'cpu' },
    },
  } as UserConfig;
}

const CHROMIUM_DIR = '/usr/lib/chromium';
const SYSTEM_VULKAN_LOADERS = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1', '/usr/lib64/libvulkan.so.1'];

/**
 * For tests on the 'webgpu' device: Dawn dlopens the Vulkan loader libvulkan.so.1. Where the system
 * has none (Debian without libvulkan1), Chromium's own copy beside its SwiftShader ICD serves; the
 * dynamic linker reads LD_LIBRARY_PATH when a process starts, so a vitest config calls this before
 * vitest forks the test processes.
 */
export function useChromiumVulkanLoader(): void {
  const systemLoader = SYSTEM_VULKAN_LOADERS.some((p) => existsSync(p));
  if (!systemLoader && existsSync(`${CHROMIUM_DIR}/libvulkan.so.1`)) {
    process.env.LD_LIBRARY_PATH = [CHROMIUM_DIR, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  }
}

/** Whether Dawn can find a Vulkan loader here (the system's, or Chromium's beside its SwiftShader). */
export function vulkanLoaderAvailable(): boolean {
  return SYSTEM_VULKAN_LOADERS.some((p) => existsSync(p)) || existsSync(`${CHROMIUM_DIR}/libvulkan.so.1`);
}
