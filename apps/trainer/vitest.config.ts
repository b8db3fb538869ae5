import { defineConfig, mergeConfig } from 'vitest/config';
import { torchletVitestConfig, useChromiumVulkanLoader } from '../../vitest.shared.ts';

// The end-to-end tests spawn the built CLI: test/global-setup.ts builds it once before they run.
// Training runs take seconds each, so they get a longer timeout than the shared default. The
// --device webgpu runs need a Vulkan loader for Dawn (Chromium's, where the system has none).
useChromiumVulkanLoader();

export default mergeConfig(
  torchletVitestConfig(import.meta.dirname),
  defineConfig({ test: { globalSetup: ['./test/global-setup.ts'], testTimeout: 180_000, hookTimeout: 300_000 } }),
);
