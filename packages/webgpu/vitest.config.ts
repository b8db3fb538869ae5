import { existsSync } from 'node:fs';
import type { UserConfig } from 'vite';
import { torchletVitestConfig } from '../../vitest.shared.ts';

// Dawn dlopens the Vulkan loader libvulkan.so.1. Where the system has none (Debian without
// libvulkan1), Chromium's own copy beside its SwiftShader ICD serves; the dynamic linker reads
// LD_LIBRARY_PATH when a process starts, so it is set here, before vitest forks the test processes.
const CHROMIUM_DIR = '/usr/lib/chromium';
const systemLoader = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1', '/usr/lib64/libvulkan.so.1'].some(existsSync);
if (!systemLoader && existsSync(`${CHROMIUM_DIR}/libvulkan.so.1`)) {
  process.env.LD_LIBRARY_PATH = [CHROMIUM_DIR, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
}

const config = torchletVitestConfig(import.meta.dirname, { setupFiles: ['test/setup.ts'] }) as UserConfig & { test: Record<string, unknown> };
// one GPU device per test file: run the files one at a time (SwiftShader uses every core); gc()
// for the test of the pool's FinalizationRegistry
const merged: UserConfig = { ...config, test: { ...config.test, fileParallelism: false, execArgv: ['--expose-gc'] } } as UserConfig;
export default merged;
