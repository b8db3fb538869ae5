import type { UserConfig } from 'vite';
import { torchletVitestConfig, useChromiumVulkanLoader } from '../../vitest.shared.ts';

useChromiumVulkanLoader();

const config = torchletVitestConfig(import.meta.dirname, { setupFiles: ['test/setup.ts'] }) as UserConfig & { test: Record<string, unknown> };
// one GPU device per test file: run the files one at a time (SwiftShader uses every core); gc()
// for the test of the pool's FinalizationRegistry
const merged: UserConfig = { ...config, test: { ...config.test, fileParallelism: false, execArgv: ['--expose-gc'] } } as UserConfig;
export default merged;
