import { defineConfig, mergeConfig } from 'vitest/config';
import { torchletVitestConfig } from '../../vitest.shared.ts';

// The browser test builds the page with vite and drives headless Chromium: it gets a longer timeout.
export default mergeConfig(torchletVitestConfig(import.meta.dirname), defineConfig({ test: { testTimeout: 120_000, hookTimeout: 120_000 } }));
